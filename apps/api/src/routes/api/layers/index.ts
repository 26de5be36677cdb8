import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import { isCollectionId, type CollectionId } from '@mpm/domain';
import { ClientConfig, LayerSettingsBody, LayerSummary, LayersResponse } from '@mpm/contracts';
import { badRequest } from '../../../http/errors.ts';
import { absolute } from '../../../http/origin.ts';
import { combinedRevision } from '../../../plugins/app/tiles/tile-key.ts';
import { MAX_ZOOM, MIN_ZOOM } from '../../../plugins/app/tiles/tile-math.ts';
import { isStaffRequest, requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { publicFieldKeys, unknownFields } from '../../../plugins/app/layers/field-visibility.ts';
import { unknownLayer, visibleLayers } from '../../../plugins/app/layers/layer-access.ts';
import type { BBox, StoredLayerSetting } from '../../../plugins/app/layers/layers-repository.ts';
import { saveLayerSetting } from '../../../plugins/app/layers/layers-writes.ts';
import { countyProfile } from '../../../plugins/app/settings/county-profile.ts';
import { COUNTY_KEY } from '../../../plugins/app/settings/settings-repository.ts';
import { versionView } from '../../../plugins/app/settings/setting-version.ts';

/**
 * A layer as listed: the county's hidden fields and the setting's version (who saved it, when)
 * only for staff; the fields the public gets for everyone.
 */
const summary = (
  id: CollectionId,
  setting: StoredLayerSetting,
  stats: { featureCount: number; bounds?: LayerSummary['bounds'] },
  staff: boolean,
): LayerSummary => ({
  id,
  isPublic: setting.isPublic,
  bounds: stats.bounds ?? null,
  featureCount: stats.featureCount,
  tilejson: `/tiles/${id}.json`,
  ogc: `/ogc/collections/${id}`,
  ...(staff ? { hiddenFields: setting.hiddenFields, ...versionView(setting.saved) } : {}),
  publicFields: publicFieldKeys(id, setting.hiddenFields),
});

/** The box around all `boxes` (lon/lat), null when there are none. */
const unionBox = (boxes: readonly BBox[]): BBox | null =>
  boxes.length === 0
    ? null
    : [
        Math.min(...boxes.map((b) => b[0])),
        Math.min(...boxes.map((b) => b[1])),
        Math.max(...boxes.map((b) => b[2])),
        Math.max(...boxes.map((b) => b[3])),
      ];

const unknownField = (id: CollectionId, field: string) =>
  badRequest('unknownField', {
    zh: `hiddenFields 中的“${field}”不是图层“${id}”的字段。`,
    en: `hiddenFields: "${field}" is not a field of layer "${id}".`,
  });

const layers: FastifyPluginAsyncTypebox<{ tiandituKey?: string }> = async (app, { tiandituKey }) => {
  app.get('/api/layers', { schema: { response: { 200: LayersResponse } } }, async (request) => {
    const staff = isStaffRequest(request);
    const [ids, settings, stats, revisions] = await Promise.all([
      visibleLayers(app, staff),
      app.repos.layers.settings(),
      app.repos.layers.stats(),
      app.repos.tiles.revisions(),
    ]);
    return {
      layers: ids.map((id) => summary(id, settings[id], stats[id], staff)),
      tiles: {
        url: absolute(request, `/tiles/{z}/{x}/{y}.mvt?v=${combinedRevision(revisions, ids)}`),
        minzoom: MIN_ZOOM,
        maxzoom: MAX_ZOOM,
        bounds: unionBox(ids.flatMap((id) => (stats[id].bounds ? [stats[id].bounds] : []))),
      },
    };
  });

  app.put(
    '/api/layers/:id',
    {
      preHandler: requireRole('admin'),
      schema: { params: Type.Object({ id: Type.String() }), body: LayerSettingsBody, response: { 200: LayerSummary } },
    },
    async (request) => {
      const { id } = request.params;
      if (!isCollectionId(id)) throw unknownLayer(id);
      const [unknown] = unknownFields(id, request.body.hiddenFields ?? []);
      if (unknown !== undefined) throw unknownField(id, unknown);
      const setting = await saveLayerSetting(app, id, request.body, request.user!.id);
      const stats = await app.repos.layers.stats();
      return summary(id, setting, stats[id], true);
    },
  );

  app.get('/api/config', { schema: { response: { 200: ClientConfig } } }, async () => {
    // The profile's version before the profile: a save landing between makes the next change a 409.
    const { version: countyVersion } = await app.repos.settings.version(COUNTY_KEY);
    const [extents, { county }, { minBlockAreaM2 }] = await Promise.all([
      app.repos.layers.extents(),
      countyProfile(app.repos.settings),
      app.repos.settings.blockSettings(),
    ]);
    return {
      bounds: extents.county ?? null,
      county,
      countyVersion,
      tiandituKey: tiandituKey ?? null,
      minBlockAreaM2,
      database: app.databaseKind,
    };
  });
};
export default layers;

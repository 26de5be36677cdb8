import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { term, type CollectionId } from '@mpm/domain';
import { CornerListExportQuery, ProposalParams } from '@mpm/contracts';
import { attachment } from '../../http/attachment.ts';
import { badRequest, notFound, requestLanguage } from '../../http/errors.ts';
import { requireRole } from '../../plugins/app/auth/auth.plugin.ts';
import { visibleCollection } from '../../plugins/app/layers/layer-access.ts';
import { proposalNotFound } from '../../plugins/app/proposals/proposals-writes.ts';
import { countyProfile } from '../../plugins/app/settings/county-profile.ts';
import {
  cornerListFile,
  defaultCornerListEncoding,
  exportZone,
  type CornerListFile,
} from '../../plugins/app/transfer/corner-list-export.ts';

/** The layers whose features are registered by corner points: rights and planning blocks. */
const CORNER_LIST_LAYERS: readonly CollectionId[] = ['mining_rights', 'exploration_rights', 'mining_blocks', 'exploration_blocks'];

/** The field that numbers a feature of such a layer, and the fields that name it, first found first. */
const NUMBER_FIELDS = ['licenceNo', 'code'];
const NAME_FIELDS = ['mineName', 'name', 'holder'];

const send = (reply: FastifyReply, file: CornerListFile) =>
  reply
    .type(file.contentType)
    .header('Content-Disposition', attachment(file.name, file.asciiName))
    .header('Cache-Control', 'no-store')
    .send(file.bytes);

const firstText = (properties: Record<string, unknown>, keys: string[]) =>
  keys.map((key) => properties[key]).find((value) => typeof value === 'string' && value.trim() !== '') as string | undefined;

/**
 * 导出界址点: a right's or a planning block's boundary (`GET /api/layers/:id/features/:featureId/corner-list`,
 * with the OGC API's visibility) or a saved proposal's (`GET /api/proposals/:id/corner-list`, its
 * readers) as a corner-point list in one of the three texts the planner reads, as a download.
 */
const cornerLists: FastifyPluginAsyncTypebox = async (app) => {
  const rateLimit = { rateLimit: { max: 60, timeWindow: '1 minute' } };

  app.get(
    '/api/layers/:id/features/:featureId/corner-list',
    {
      config: rateLimit,
      schema: { params: Type.Object({ id: Type.String(), featureId: Type.Integer({ minimum: 1 }) }), querystring: CornerListExportQuery },
    },
    async (request, reply) => {
      const { format, zone, encoding = defaultCornerListEncoding(format), lang = requestLanguage(request) } = request.query;
      const { id, fields } = await visibleCollection(app, request, request.params.id);
      if (!CORNER_LIST_LAYERS.includes(id)) {
        throw badRequest('noCornerList', {
          zh: `图层“${term(id, 'zh')}”的要素不以界址点登记；可导出界址点的图层：${CORNER_LIST_LAYERS.map((l) => term(l, 'zh')).join('、')}。`,
          en: `Features of layer "${term(id, 'en')}" are not registered by corner points; corner lists export from ${CORNER_LIST_LAYERS.map((l) => term(l, 'en')).join(', ')}.`,
        });
      }
      const { featureId } = request.params;
      const feature = await app.repos.layers.get(id, featureId, fields);
      const geometry = feature && (await app.repos.layers.geometry(id, featureId));
      if (!feature || !geometry) {
        throw notFound('featureNotFound', {
          zh: `图层“${id}”中没有编号为 ${featureId} 的要素。`,
          en: `Layer "${id}" has no feature with id ${featureId}.`,
        });
      }
      if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') throw new Error(`${id} ${featureId} is not a polygon`);
      const subject = {
        kind: { zh: term(id, 'zh'), en: term(id, 'en') },
        code: firstText(feature.properties, NUMBER_FIELDS) ?? '',
        name: firstText(feature.properties, NAME_FIELDS) ?? '',
        asciiStem: `${id}-${featureId}`,
      };
      const { county } = await countyProfile(app.repos.settings);
      return send(reply, cornerListFile(geometry, { format, zone: exportZone(geometry, zone, county?.gkZone), encoding, subject, lang }));
    },
  );

  app.get(
    '/api/proposals/:id/corner-list',
    {
      preValidation: requireRole('planner', 'inspector', 'reviewer', 'admin'),
      config: rateLimit,
      schema: { params: ProposalParams, querystring: CornerListExportQuery },
    },
    async (request, reply) => {
      const { format, zone, version, encoding = defaultCornerListEncoding(format), lang = requestLanguage(request) } = request.query;
      const { id } = request.params;
      const row = await app.repos.proposals.version(id, version);
      if (!row) throw (await app.repos.proposals.exists(id)) ? proposalNotFound(id, version) : proposalNotFound(id);
      const subject = {
        kind: { zh: '方案', en: 'Proposal' },
        code: `${id}-v${row.version}`,
        name: row.name,
        asciiStem: `proposal-${id}-v${row.version}`,
      };
      const { county } = await countyProfile(app.repos.settings);
      const gkZone = exportZone(row.geometry, zone, row.cornerListZone ?? county?.gkZone);
      return send(reply, cornerListFile(row.geometry, { format, zone: gkZone, encoding, subject, lang }));
    },
  );
};
export default cornerLists;

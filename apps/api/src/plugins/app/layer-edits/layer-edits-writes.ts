import type { Knex } from 'knex';
import { featureAttributes, isEditableLayer, term, type CollectionId, type EditableLayer } from '@mpm/domain';
import type { AddFeatureBody, EditFeatureBody, EditableFeature, FeatureEditResponse, LayerRevision } from '@mpm/contracts';
import { badRequest } from '../../../http/errors.ts';
import { auditedWrite, type ExpectedVersion } from '../audit/audited-write.ts';
import type { User } from '../auth/users-repository.ts';
import { registerBoundary } from '../checks/register-boundary.ts';
import { layerKey } from '../imports/import-preview.ts';
import { storedFields } from '../imports/imports-writes.ts';
import type { Repositories } from '../repositories.plugin.ts';
import { EDIT_PROBLEMS as P } from './layer-edits-reasons.ts';

/** What a feature edit needs from the app. */
export interface LayerEditsContext {
  knex: Knex;
  repos: Pick<Repositories, 'imports' | 'layers' | 'audit' | 'checks' | 'layerEdits'>;
}

/** PostgreSQL's SQLSTATE for a row that others still refer to. */
const FOREIGN_KEY_VIOLATION = '23503';

/** The layer, if its features are edited in the web; else a 400 saying where they are kept. */
export function editableLayer(layer: CollectionId): EditableLayer {
  if (!isEditableLayer(layer)) throw P.layerNotEditable(layer);
  return layer;
}

/** A boundary validated as every register validates one (structure, crossings, GEOS, the county); never repaired. */
const checkedBoundary = async (context: LayerEditsContext, geometry: unknown) =>
  (await registerBoundary(context.repos.checks, { geometry }, P))!;

/** The attributes checked against the catalogue's fields (a 400 naming the first problem). */
function checkedAttributes(layer: EditableLayer, properties: Record<string, unknown>) {
  const checked = featureAttributes(layer, properties);
  if (!checked.valid) throw badRequest(checked.reason, checked.message);
  return checked.value;
}

/** The feature's version as the 409 names it: the revision that last wrote it, who and when. */
const featureVersion: ExpectedVersion<{ feature: EditableFeature }>['stamp'] = ({ feature }) => ({
  version: feature.version,
  by: feature.updatedBy,
  at: feature.updatedAt ?? new Date(0),
});

const featureLabel = (layer: EditableLayer, id: number) => () => ({
  zh: `图层“${term(layer, 'zh')}”的要素 ${id}`,
  en: `Feature ${id} of layer "${term(layer, 'en')}"`,
});

/**
 * Refuses values the table cannot hold: a required field left empty (for a new feature, every
 * required field), a key (a block's code) another feature has.
 */
async function checkStorable(
  context: LayerEditsContext,
  layer: EditableLayer,
  values: Record<string, unknown>,
  featureId: number | null,
  trx: Knex,
): Promise<void> {
  for (const field of await context.repos.imports.requiredFields(layer, trx)) {
    const given = Object.hasOwn(values, field);
    if ((featureId === null || given) && (values[field] === null || values[field] === undefined)) throw P.missingField(layer, field);
  }
  const key = layerKey(layer);
  if (key && values[key.key] != null && (await context.repos.layerEdits.keyTaken(layer, key.key, values[key.key], featureId, trx))) {
    throw P.duplicateKey(layer, key.key, values[key.key]);
  }
}

/**
 * Writes one edit as the layer's next revision, in `trx` (the layer's revisions already locked
 * by `read`): the edited feature as it was before is kept (none for a new one; a restore rebuilds
 * the layer from it, see `featuresBefore`), the edit named with its feature, and the new revision
 * and the feature as it now stands answered.
 */
async function editRevision(
  context: LayerEditsContext,
  layer: EditableLayer,
  user: User,
  trx: Knex,
  edit: { action: 'add' | 'change' | 'delete'; parts: ('attributes' | 'geometry')[]; name: string | null },
  apply: () => Promise<number>,
  existing?: number,
): Promise<FeatureEditResponse> {
  const { imports, layers, layerEdits } = context.repos;
  const revision = (await imports.lockLatestRevision(layer, trx)) + 1;
  const beforeFeatures = existing === undefined ? [] : await layers.all(layer, { fields: storedFields(layer), ids: [existing] }, trx);
  const featureId = await apply();
  const counts = { added: Number(edit.action === 'add'), changed: Number(edit.action === 'change'), removed: Number(edit.action === 'delete') };
  await imports.insertRevision({ layer, revision, kind: 'edit', userId: user.id, counts, beforeFeatures, edit: { featureId, ...edit } }, trx);
  const [written] = (await imports.revisions(layer, trx)) as LayerRevision[];
  return { revision: written, feature: (await layerEdits.feature(layer, featureId, trx)) ?? null };
}

/** Reads the feature an edit is based on, after locking the layer's revisions (so its version cannot move meanwhile). */
async function lockedFeature(context: LayerEditsContext, layer: EditableLayer, id: number, trx: Knex) {
  await context.repos.imports.lockLatestRevision(layer, trx);
  const feature = await context.repos.layerEdits.feature(layer, id, trx, true);
  if (!feature) throw P.featureNotFound(layer, id);
  return { feature };
}

const nameOf = (properties: Record<string, unknown>) => (typeof properties.name === 'string' ? properties.name : null);

/** `POST /api/layers/:id/features`: a new feature of an editable layer, as the layer's next revision. */
export async function addFeature(context: LayerEditsContext, layer: EditableLayer, body: AddFeatureBody, user: User): Promise<FeatureEditResponse> {
  const properties = checkedAttributes(layer, body.properties);
  const geometry = await checkedBoundary(context, body.geometry);
  return auditedWrite(context, {
    by: user.id,
    action: 'create',
    entity: 'layer',
    entityId: layer,
    write: async (trx) => {
      await checkStorable(context, layer, properties, null, trx);
      return editRevision(context, layer, user, trx, { action: 'add', parts: ['attributes', 'geometry'], name: nameOf(properties) }, () =>
        context.repos.layerEdits.insert(layer, { properties, geometry }, trx),
      );
    },
    before: () => null,
    after: (result) => result.feature,
    detail: (result) => ({ layer, featureId: result.feature?.id, revision: result.revision.revision }),
  });
}

/**
 * `PATCH /api/layers/:id/features/:fid`: the attributes given and/or a new boundary of one
 * feature, from the version the editor loaded (stale: a 409 naming who wrote it and when).
 */
export async function editFeature(context: LayerEditsContext, layer: EditableLayer, id: number, body: EditFeatureBody, user: User): Promise<FeatureEditResponse> {
  if (body.properties === undefined && body.geometry === undefined) throw P.nothingToChange();
  const properties = body.properties ? checkedAttributes(layer, body.properties) : {};
  const geometry = body.geometry === undefined ? undefined : await checkedBoundary(context, body.geometry);
  const parts = [...(body.properties ? (['attributes'] as const) : []), ...(geometry ? (['geometry'] as const) : [])];
  return auditedWrite(context, {
    by: user.id,
    action: 'update',
    entity: 'layer',
    entityId: layer,
    read: (trx) => lockedFeature(context, layer, id, trx),
    expected: { base: body.baseVersion, stamp: featureVersion, label: featureLabel(layer, id) },
    write: async (trx, { feature }) => {
      await checkStorable(context, layer, properties, id, trx);
      const name = nameOf({ ...feature.properties, ...properties });
      return editRevision(
        context,
        layer,
        user,
        trx,
        { action: 'change', parts, name },
        async () => {
          await context.repos.layerEdits.update(layer, id, { properties, geometry }, trx);
          return id;
        },
        id,
      );
    },
    before: ({ feature }) => feature,
    after: (result) => result.feature,
    detail: (result) => ({ layer, featureId: id, revision: result.revision.revision, baseVersion: body.baseVersion }),
  });
}

/** `DELETE /api/layers/:id/features/:fid?baseVersion=N`: removes one feature, from the version loaded. */
export async function deleteFeature(context: LayerEditsContext, layer: EditableLayer, id: number, baseVersion: number, user: User): Promise<FeatureEditResponse> {
  return auditedWrite(context, {
    by: user.id,
    action: 'delete',
    entity: 'layer',
    entityId: layer,
    read: (trx) => lockedFeature(context, layer, id, trx),
    expected: { base: baseVersion, stamp: featureVersion, label: featureLabel(layer, id) },
    write: (trx, { feature }) =>
      editRevision(context, layer, user, trx, { action: 'delete', parts: [], name: nameOf(feature.properties) }, async () => {
        // A savepoint, so that a row others refer to is answered as a 409 rather than aborting the transaction.
        await trx.transaction((inner) => context.repos.layers.remove(layer, inner, [id])).catch((err) => {
          throw (err as { code?: string }).code === FOREIGN_KEY_VIOLATION ? P.featureInUse(layer, id) : err;
        });
        return id;
      }, id),
    before: ({ feature }) => feature,
    after: () => null,
    detail: (result) => ({ layer, featureId: id, revision: result.revision.revision, baseVersion }),
  });
}

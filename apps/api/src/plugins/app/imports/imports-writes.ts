import type { Knex } from 'knex';
import { getLayer, term, type CollectionId } from '@mpm/domain';
import type { ImportMode, LayerRevision } from '@mpm/contracts';
import { UserError, badRequest, notFound } from '../../../http/errors.ts';
import { auditedWrite } from '../audit/audited-write.ts';
import type { User } from '../auth/users-repository.ts';
import { LAYER_TABLES } from '../layers/layer-tables.ts';
import type { FeatureInput, LayerFeature } from '../layers/layers-repository.ts';
import type { Repositories } from '../repositories.plugin.ts';
import { layerKey, type StoredPreview } from './import-preview.ts';

/** What an import write needs from the app. */
export interface ImportsContext {
  knex: Knex;
  repos: Pick<Repositories, 'imports' | 'layers' | 'audit'>;
}

/** PostgreSQL's SQLSTATE for a row that others still refer to. */
const FOREIGN_KEY_VIOLATION = '23503';

export const importNotFound = (id: string) =>
  notFound('importNotFound', { zh: `没有编号为 ${id} 的导入预览。`, en: `There is no import preview ${id}.` });

const featureInUse = (layer: CollectionId) =>
  new UserError(409, 'featureInUse', {
    zh: `图层“${term(layer, 'zh')}”中要删除的要素仍被其他记录（台账、恢复治理进展等）引用，本次未做任何修改；请改用“按编号更新”（upsert），或保留这些要素。`,
    en: `Features this would remove from layer "${term(layer, 'en')}" are still referred to by other records (ledger entries, restoration progress…); nothing was changed. Update by key (upsert) instead, or keep those features.`,
  });

/** The fields a layer stores (what an import writes and a revision keeps). */
export const storedFields = (layer: CollectionId) =>
  getLayer(layer).fields.filter((f) => !f.computed && !LAYER_TABLES[layer].expressions?.[f.key]);

/**
 * Writes `features` to the layer in `trx`: matched by the layer's key when it has one (changed
 * in place, so records that refer to them keep their link), else replacing every row; in
 * `replace` mode the rows not in `features` go. A restore's features carry the ids they had in
 * the revision restored, and a feature written anew takes its old id back (a layer without a key
 * is put back with its ids, so links to its features and their edit history stay right); an
 * import's get new ones. Returns what changed.
 */
async function applyFeatures(context: ImportsContext, layer: CollectionId, features: FeatureInput[], mode: ImportMode, trx: Knex) {
  const { imports, layers } = context.repos;
  const key = layerKey(layer);
  if (!key) {
    const removed = await layers.remove(layer, trx);
    await layers.insert(layer, features, trx);
    return { added: features.length, changed: 0, removed };
  }
  const existing = await imports.keyedIds(layer, key.key, trx);
  const incoming = new Set(features.map((feature) => String(feature.properties[key.key])));
  // The rows going leave first, so a feature put back may take its old id from one of them.
  const gone = mode === 'replace' ? [...existing].filter(([value]) => !incoming.has(value)).map(([, id]) => id) : [];
  if (gone.length > 0) await layers.remove(layer, trx, gone);
  const kept = new Set([...existing].filter(([value]) => incoming.has(value)).map(([, id]) => id));
  const added: FeatureInput[] = [];
  for (const feature of features) {
    const id = existing.get(String(feature.properties[key.key]));
    if (id === undefined) added.push(feature.id !== undefined && kept.has(feature.id) ? { ...feature, id: undefined } : feature);
    else await layers.update(layer, id, feature, trx);
  }
  await layers.insert(layer, added, trx);
  return { added: added.length, changed: features.length - added.length, removed: gone.length };
}

/** A revision's stored features as a restore writes them: properties, geometry and the id each had. */
const restoredFeatures = (features: LayerFeature[]): FeatureInput[] =>
  features.map(({ id, properties, geometry }) => ({ properties, geometry, ...(Number.isInteger(id) && { id }) }));

/**
 * Writes features to a layer as its next revision, keeping the layer as it stood before (for a
 * restore); a row others still refer to stops it with a 409 and nothing written.
 */
async function writeRevision(
  context: ImportsContext,
  layer: CollectionId,
  features: FeatureInput[],
  mode: ImportMode,
  userId: number,
  trx: Knex,
  revisionOf: { kind: 'import'; file: { name: string; sizeBytes: number; sha256: string } } | { kind: 'restore'; restored: number },
): Promise<LayerRevision> {
  const { imports, layers } = context.repos;
  const revision = (await imports.lockLatestRevision(layer, trx)) + 1;
  const beforeFeatures = await layers.all(layer, { fields: storedFields(layer) }, trx);
  // A savepoint, so that a refused delete is answered as a 409 rather than aborting the transaction.
  const counts = await trx.transaction((inner) => applyFeatures(context, layer, features, mode, inner)).catch((err) => {
    throw (err as { code?: string }).code === FOREIGN_KEY_VIOLATION ? featureInUse(layer) : err;
  });
  await imports.insertRevision(
    {
      layer,
      revision,
      kind: revisionOf.kind,
      userId,
      mode,
      counts,
      beforeFeatures,
      ...(revisionOf.kind === 'import'
        ? { fileName: revisionOf.file.name, fileSizeBytes: revisionOf.file.sizeBytes, fileSha256: revisionOf.file.sha256 }
        : { restoredRevision: revisionOf.restored }),
    },
    trx,
  );
  return (await imports.revisions(layer, trx))[0];
}

/**
 * `POST /api/imports/:id/commit`: writes a previewed import to its layer as a new revision, all
 * or nothing, once: a preview with problems, or one already committed, is refused.
 */
export function commitImport(context: ImportsContext, id: string, user: User): Promise<LayerRevision> {
  return auditedWrite(context, {
    by: user.id,
    action: 'import',
    entity: 'layer',
    entityId: (revision: LayerRevision & { layer?: string }) => revision.layer ?? '',
    read: async (trx) => {
      const stored = await context.repos.imports.lockImport(id, trx);
      if (!stored) throw importNotFound(id);
      if (stored.committedRevision !== null) {
        throw new UserError(409, 'importCommitted', {
          zh: `该导入已于第 ${stored.committedRevision} 版写入图层，不能重复写入。`,
          en: `This import was already written as revision ${stored.committedRevision} of the layer; it is not written twice.`,
        });
      }
      if (!(stored.preview as StoredPreview).committable) {
        throw badRequest('importHasProblems', {
          zh: '导入预览中仍有问题，未写入任何数据；请改正源数据后重新上传。',
          en: 'The import preview still lists problems; nothing was written. Correct the source and upload it again.',
        });
      }
      return stored;
    },
    write: async (trx, stored) => {
      const file = { name: stored.fileName, sizeBytes: stored.fileSizeBytes, sha256: stored.fileSha256 };
      const revision = await writeRevision(context, stored.layer, stored.features, stored.mode, user.id, trx, { kind: 'import', file });
      await context.repos.imports.markCommitted(id, revision.revision, trx);
      // The mapping used is offered again for the next file of this layer with these columns.
      await context.repos.imports.saveMapping(stored.layer, (stored.preview as StoredPreview).mapping, user.id, trx);
      return { ...revision, layer: stored.layer };
    },
    before: (stored) => ({ importId: stored.id, layer: stored.layer, file: stored.fileName, sha256: stored.fileSha256 }),
  });
}

/**
 * `POST /api/layers/:id/revisions/:rev/restore`: puts the layer back as it stood before revision
 * `rev`, itself a new revision (so it can be undone the same way).
 */
export function restoreRevision(context: ImportsContext, layer: CollectionId, revision: number, user: User): Promise<LayerRevision> {
  return auditedWrite(context, {
    by: user.id,
    action: 'restore',
    entity: 'layer',
    entityId: layer,
    read: async (trx) => {
      const current = () => context.repos.layers.all(layer, { fields: storedFields(layer) }, trx);
      const features = await context.repos.imports.featuresBefore(layer, revision, current, trx);
      if (!features) {
        throw notFound('revisionNotFound', {
          zh: `图层“${term(layer, 'zh')}”没有第 ${revision} 版。`,
          en: `Layer "${term(layer, 'en')}" has no revision ${revision}.`,
        });
      }
      return features;
    },
    write: (trx, features) => writeRevision(context, layer, restoredFeatures(features), 'replace', user.id, trx, { kind: 'restore', restored: revision }),
    before: () => ({ layer, restoring: revision }),
  });
}

import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { COLLECTION_IDS, type CollectionId } from '@mpm/domain';
import type { Repositories } from '../plugins/app/repositories.plugin.ts';
import type { FeatureInput } from '../plugins/app/layers/layers-repository.ts';

/** Load order: townships before the parcels that reference them, rights before patches. */
const LOAD_ORDER: readonly CollectionId[] = COLLECTION_IDS;

/** Reads `dir/<collection>.geojson` for every collection that has a file. */
export function readDemoFiles(dir: string): Map<CollectionId, FeatureInput[]> {
  const files = new Map<CollectionId, FeatureInput[]>();
  for (const id of LOAD_ORDER) {
    const file = path.join(dir, `${id}.geojson`);
    if (!fs.existsSync(file)) continue;
    const collection = JSON.parse(fs.readFileSync(file, 'utf8')) as GeoJSON.FeatureCollection;
    files.set(
      id,
      collection.features.map((f) => ({ geometry: f.geometry, properties: { ...(f.properties ?? {}) } })),
    );
  }
  return files;
}

/**
 * Loads the demo county; call it inside a transaction (`trx`) so that it is all or nothing.
 * Returns the number of features loaded per collection.
 */
export async function loadDemoCounty(trx: Knex.Transaction, repos: Repositories, dir: string) {
  const files = readDemoFiles(dir);
  if (files.size === 0) throw new Error(`no demo data found in ${dir}`);
  const counts: Partial<Record<CollectionId, number>> = {};
  for (const [id, features] of files) {
    await repos.layers.insert(id, features, trx);
    counts[id] = features.length;
  }
  await repos.audit.record({ userId: null, action: 'load_demo', entity: 'dataset', detail: { counts } }, trx);
  return counts;
}

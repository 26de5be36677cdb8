import type { Knex } from 'knex';
import { bumpLayerRevisions, dropLayerRevisions } from './layer-revisions.ts';

/** The layers on this day (each `layer_settings` row is keyed by one). */
const LAYERS = [
  'county', 'townships', 'concentrated_zones', 'mining_blocks', 'exploration_blocks', 'mining_zoning', 'eco_redline',
  'farmland', 'nature_reserves', 'water_sources', 'scenic_areas', 'residential_areas', 'roads', 'railways', 'rivers',
  'mining_rights', 'exploration_rights', 'restoration_parcels', 'change_patches',
];

/**
 * A change of a layer's publication (`layer_settings`: whether the public sees it, the fields it
 * hides) moves on the layer's data revision too (issue #13), so that a process that only watches
 * the revisions — every second — knows when to read the settings again, whoever wrote them.
 */
export async function up(knex: Knex): Promise<void> {
  await bumpLayerRevisions(knex, { table: 'layer_settings', column: 'layer_id', byValue: Object.fromEntries(LAYERS.map((id) => [id, [id]])) });
}

export async function down(knex: Knex): Promise<void> {
  await dropLayerRevisions(knex, 'layer_settings');
}

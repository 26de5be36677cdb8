import type { Knex } from 'knex';
import { allowValues } from './check-constraint.ts';
import { bumpLayerRevisions, dropLayerRevisions } from './layer-revisions.ts';

/** The `protected_areas` kinds before this migration. */
const OLD_KINDS = ['eco_redline', 'farmland', 'nature_reserves', 'water_sources', 'scenic_areas', 'residential_areas'];
/** The layers this migration adds, each a kind of `protected_areas` (issue #15). */
const NEW_KINDS = ['urban_development_boundary', 'forest_land', 'grassland', 'wetland'];

/** The layers on this day (each `layer_settings` row is keyed by one), as 017 listed them plus the new ones. */
const LAYERS = [
  'county', 'townships', 'concentrated_zones', 'mining_blocks', 'exploration_blocks', 'mining_zoning', 'eco_redline',
  'farmland', 'nature_reserves', 'water_sources', 'scenic_areas', 'residential_areas', 'roads', 'railways', 'rivers',
  'mining_rights', 'exploration_rights', 'restoration_parcels', 'change_patches', ...NEW_KINDS,
];

/** The revision triggers of `protected_areas` and `layer_settings`, for these kinds and layers. */
async function revisionTriggers(knex: Knex, kinds: string[], layers: string[]): Promise<void> {
  await dropLayerRevisions(knex, 'protected_areas');
  await bumpLayerRevisions(knex, { table: 'protected_areas', column: 'kind', byValue: Object.fromEntries(kinds.map((k) => [k, [k]])) });
  await dropLayerRevisions(knex, 'layer_settings');
  await bumpLayerRevisions(knex, { table: 'layer_settings', column: 'layer_id', byValue: Object.fromEntries(layers.map((id) => [id, [id]])) });
}

/**
 * The layers the campaigns' checks need (issue #15, seed 002 "非法占用耕地、林地、草地、湿地和自然保护地"
 * and "不符合'三区三线'管控要求"): 三区三线's urban development boundary (城镇开发边界) and the land
 * classes forest, grassland and wetland (林地、草地、湿地). Each is a kind of `protected_areas`, as
 * farmland is; its writes move on its own data revision (014), and so do its publication settings (017).
 */
export async function up(knex: Knex): Promise<void> {
  await allowValues(knex, 'protected_areas', 'kind', [...OLD_KINDS, ...NEW_KINDS]);
  await revisionTriggers(knex, [...OLD_KINDS, ...NEW_KINDS], LAYERS);
  await knex.raw(
    `INSERT INTO layer_data_revisions (layer_id, revision)
     SELECT layer, (extract(epoch FROM clock_timestamp()) * 1e6)::bigint FROM unnest(?::text[]) AS layer
     ON CONFLICT (layer_id) DO NOTHING`,
    [NEW_KINDS],
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex('protected_areas').whereIn('kind', NEW_KINDS).delete();
  await knex('layer_settings').whereIn('layer_id', NEW_KINDS).delete();
  await knex('layer_data_revisions').whereIn('layer_id', NEW_KINDS).delete();
  await revisionTriggers(knex, OLD_KINDS, LAYERS.filter((id) => !NEW_KINDS.includes(id)));
  await allowValues(knex, 'protected_areas', 'kind', OLD_KINDS);
}

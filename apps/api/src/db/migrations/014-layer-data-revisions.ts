import type { Knex } from 'knex';
import { BUMP_FUNCTION, bumpLayerRevisions, dropLayerRevisions, type LayerSource } from './layer-revisions.ts';

/** Each table layers are read from, and which layers its rows feed (as `LAYER_TABLES` reads them on this day). */
const SOURCES: LayerSource[] = [
  { table: 'admin_areas', column: 'level', byValue: { county: ['county'], township: ['townships', 'restoration_parcels'] } },
  { table: 'concentrated_zones', layers: ['concentrated_zones'] },
  { table: 'planning_blocks', column: 'kind', byValue: { mining: ['mining_blocks'], exploration: ['exploration_blocks'] } },
  { table: 'mining_zoning', layers: ['mining_zoning'] },
  {
    table: 'protected_areas',
    column: 'kind',
    byValue: Object.fromEntries(
      ['eco_redline', 'farmland', 'nature_reserves', 'water_sources', 'scenic_areas', 'residential_areas'].map((kind) => [kind, [kind]]),
    ),
  },
  { table: 'line_features', column: 'kind', byValue: { roads: ['roads'], railways: ['railways'], rivers: ['rivers'] } },
  { table: 'mining_rights', layers: ['mining_rights'] },
  { table: 'exploration_rights', layers: ['exploration_rights'] },
  { table: 'restoration_parcels', layers: ['restoration_parcels'] },
  { table: 'restoration_progress', layers: ['restoration_parcels'] },
  { table: 'change_patches', layers: ['change_patches'] },
];

/**
 * Each layer's data revision (issue #13): `layer_data_revisions` holds one number per layer that
 * every statement changing the layer's rows, or rows its features are made from (a parcel's
 * progress records, a township's name), moves on, in the writer's transaction, whoever writes.
 * Caches keyed by it (tiles, their ETags) are then right after any write and untouched by writes
 * to other layers. Every layer starts at the clock of this migration.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('layer_data_revisions', (t) => {
    t.text('layer_id').primary();
    t.bigInteger('revision').notNullable();
  });
  const layers = [...new Set(SOURCES.flatMap((source) => ('layers' in source ? source.layers : Object.values(source.byValue).flat())))];
  await knex.raw(
    `INSERT INTO layer_data_revisions (layer_id, revision)
     SELECT layer, (extract(epoch FROM clock_timestamp()) * 1e6)::bigint FROM unnest(?::text[]) AS layer`,
    [layers],
  );
  await knex.raw(BUMP_FUNCTION);
  for (const source of SOURCES) await bumpLayerRevisions(knex, source);
}

export async function down(knex: Knex): Promise<void> {
  for (const { table } of SOURCES) await dropLayerRevisions(knex, table);
  await knex.raw('DROP FUNCTION IF EXISTS bump_layer_revisions()');
  await knex.schema.dropTableIfExists('layer_data_revisions');
}

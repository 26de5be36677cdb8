import type { Knex } from 'knex';

/** SRID of every stored geometry: CGCS2000 longitude/latitude. */
const SRID = 4490;

/** Adds a NOT NULL geometry column in EPSG:4490 with a GiST index. */
async function geometry(knex: Knex, table: string, type: 'MultiPolygon' | 'MultiLineString') {
  await knex.raw(`ALTER TABLE ?? ADD COLUMN geom geometry(${type}, ${SRID}) NOT NULL`, [table]);
  await knex.raw('CREATE INDEX ?? ON ?? USING gist (geom)', [`${table}_geom_idx`, table]);
}

/** Each row gets a stable public id and timestamps. */
function common(t: Knex.CreateTableBuilder, knex: Knex) {
  t.increments('id').primary();
  t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
}

export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE EXTENSION IF NOT EXISTS postgis');

  await knex.schema.createTable('admin_areas', (t) => {
    common(t, knex);
    t.text('level').notNullable().checkIn(['county', 'township']);
    t.text('name').notNullable();
    t.text('admin_code').notNullable().unique();
  });
  await geometry(knex, 'admin_areas', 'MultiPolygon');

  await knex.schema.createTable('concentrated_zones', (t) => {
    common(t, knex);
    t.text('name').notNullable();
    t.text('main_mineral').notNullable();
    t.decimal('resources_10kt', 14, 2);
    t.integer('existing_rights').notNullable().defaultTo(0);
    t.integer('planned_rights').notNullable().defaultTo(0);
    t.decimal('min_scale_10kt_per_year', 10, 2);
    t.decimal('extraction_cap_10kt', 12, 2);
  });
  await geometry(knex, 'concentrated_zones', 'MultiPolygon');

  await knex.schema.createTable('planning_blocks', (t) => {
    common(t, knex);
    t.text('kind').notNullable().checkIn(['mining', 'exploration']);
    t.text('code').notNullable().unique();
    t.text('name').notNullable();
    t.text('mineral').notNullable();
    t.text('allocation_method');
  });
  await geometry(knex, 'planning_blocks', 'MultiPolygon');

  await knex.schema.createTable('mining_zoning', (t) => {
    common(t, knex);
    t.text('zoning_class').notNullable().checkIn(['keyMining', 'restrictedMining', 'prohibitedMining']);
    t.text('name').notNullable();
    t.text('minerals');
  });
  await geometry(knex, 'mining_zoning', 'MultiPolygon');

  await knex.schema.createTable('protected_areas', (t) => {
    common(t, knex);
    t.text('kind')
      .notNullable()
      .checkIn(['eco_redline', 'farmland', 'nature_reserves', 'water_sources', 'scenic_areas', 'residential_areas']);
    t.text('name').notNullable();
    t.text('farmland_class').checkIn(['permanentBasic', 'cultivable']);
    t.text('protection_level');
    t.text('control_note');
    t.index(['kind']);
  });
  await geometry(knex, 'protected_areas', 'MultiPolygon');

  await knex.schema.createTable('line_features', (t) => {
    common(t, knex);
    t.text('kind').notNullable().checkIn(['roads', 'railways', 'rivers']);
    t.text('name').notNullable();
    t.text('road_class').checkIn(['national', 'provincial', 'countyRoad', 'townshipRoad']);
    t.index(['kind']);
  });
  await geometry(knex, 'line_features', 'MultiLineString');

  await knex.schema.createTable('mining_rights', (t) => {
    common(t, knex);
    t.text('licence_no').notNullable().unique();
    t.text('mine_name').notNullable();
    t.text('holder').notNullable();
    t.text('holder_contact');
    t.text('mineral').notNullable();
    t.text('mining_method').notNullable().checkIn(['openPit', 'underground']);
    t.text('scale_class').notNullable().checkIn(['large', 'medium', 'small']);
    t.decimal('capacity_10kt_per_year', 10, 2).notNullable();
    t.date('valid_from').notNullable();
    t.date('valid_to').notNullable();
    t.text('right_status').notNullable().defaultTo('active').checkIn(['active', 'suspended', 'revoked']);
    t.boolean('green_mine').notNullable().defaultTo(false);
    /** Balance of the restoration-fund account in 万元; null when the mine has no account. */
    t.decimal('restoration_fund_10k_yuan', 10, 2);
    t.decimal('elevation_top_m', 8, 2);
    t.decimal('elevation_bottom_m', 8, 2);
  });
  await geometry(knex, 'mining_rights', 'MultiPolygon');
  await knex.raw('ALTER TABLE mining_rights ADD CONSTRAINT mining_rights_validity CHECK (valid_to >= valid_from)');

  await knex.schema.createTable('exploration_rights', (t) => {
    common(t, knex);
    t.text('licence_no').notNullable().unique();
    t.text('holder').notNullable();
    t.text('mineral').notNullable();
    t.date('valid_from').notNullable();
    t.date('valid_to').notNullable();
  });
  await geometry(knex, 'exploration_rights', 'MultiPolygon');
  await knex.raw(
    'ALTER TABLE exploration_rights ADD CONSTRAINT exploration_rights_validity CHECK (valid_to >= valid_from)',
  );

  await knex.schema.createTable('restoration_parcels', (t) => {
    common(t, knex);
    t.text('code').notNullable().unique();
    t.text('name').notNullable();
    t.text('mine_category').notNullable().checkIn(['production', 'policyClosed', 'abandoned', 'historical']);
    t.text('township_code').notNullable().references('admin_code').inTable('admin_areas');
    t.integer('planned_year').notNullable();
    t.text('restoration_status')
      .notNullable()
      .defaultTo('planned')
      .checkIn(['planned', 'underWay', 'completed', 'accepted']);
    t.date('completed_on');
    t.text('method');
    t.integer('mining_right_id').references('id').inTable('mining_rights');
  });
  await geometry(knex, 'restoration_parcels', 'MultiPolygon');

  await knex.schema.createTable('change_patches', (t) => {
    common(t, knex);
    t.text('code').notNullable().unique();
    t.text('detection_round').notNullable();
    t.date('detected_on').notNullable();
    t.text('land_change');
  });
  await geometry(knex, 'change_patches', 'MultiPolygon');

  await knex.schema.createTable('layer_settings', (t) => {
    t.text('layer_id').primary();
    t.boolean('is_public').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'layer_settings',
    'change_patches',
    'restoration_parcels',
    'exploration_rights',
    'mining_rights',
    'line_features',
    'protected_areas',
    'mining_zoning',
    'planning_blocks',
    'concentrated_zones',
    'admin_areas',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}

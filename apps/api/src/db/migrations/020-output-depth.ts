import type { Knex } from 'knex';

/**
 * Issue #15: what the campaigns ask of existing mines.
 * - `right_outputs`: a mining right's output and sales in a year as the bureau verified them
 *   (年度核实, seed 004), one row per right and year, edited in place with a `revision`.
 * - `elevation_surveys`: floor or face elevations an inspector measured at a site (seed 003: 实地测量
 *   取证), as survey points in EPSG:4490 with their elevation in metres above sea level, and the
 *   mining right they lie on when recorded.
 * Both keep the right's id and licence number without a foreign key, as `licence_events` does:
 * the record outlives an import that replaces the register.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('right_outputs', (t) => {
    t.increments('id').primary();
    t.integer('right_id').notNullable();
    t.text('licence_no').notNullable();
    t.integer('year').notNullable();
    t.decimal('output_10kt', 14, 4).notNullable();
    t.decimal('sales_10kt', 14, 4);
    t.text('document_no');
    t.text('note');
    t.integer('revision').notNullable().defaultTo(1);
    t.integer('recorded_by').references('id').inTable('users');
    t.timestamp('recorded_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['right_id', 'year']);
    t.check('?? >= 0', ['output_10kt']);
    t.check('?? IS NULL OR ?? >= 0', ['sales_10kt', 'sales_10kt']);
    t.check('?? >= 1', ['revision']);
  });

  await knex.schema.createTable('elevation_surveys', (t) => {
    t.increments('id').primary();
    t.integer('right_id');
    t.text('licence_no');
    t.text('surface').notNullable().checkIn(['floor', 'face']);
    t.date('measured_on').notNullable();
    /** `[{ lon, lat, elevationM }]`, in the order measured. */
    t.jsonb('points').notNullable();
    t.text('note');
    t.integer('recorded_by').references('id').inTable('users');
    t.timestamp('recorded_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['right_id']);
  });
  await knex.raw('ALTER TABLE elevation_surveys ADD COLUMN geom geometry(MultiPoint, 4490) NOT NULL');
  await knex.raw('CREATE INDEX elevation_surveys_geom_idx ON elevation_surveys USING gist (geom)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('elevation_surveys');
  await knex.schema.dropTableIfExists('right_outputs');
}

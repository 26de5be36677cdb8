import type { Knex } from 'knex';

/**
 * Versions of the county's settings (issue #11: every write takes the version it was based on).
 * Each `county_settings` row (buffer widths, indicator targets, inspection settings, the county's
 * profile, the restoration plan) and each `layer_settings` row (a layer's publication) counts its
 * saves in `version`; a row that exists now starts at 1, and a setting with no row yet is version
 * 0. A layer's setting also names who saved it last, as the county settings already do.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('county_settings', (t) => {
    t.integer('version').notNullable().defaultTo(1);
  });
  await knex.schema.alterTable('layer_settings', (t) => {
    t.integer('version').notNullable().defaultTo(1);
    t.integer('updated_by').references('id').inTable('users');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('layer_settings', (t) => {
    t.dropColumn('updated_by');
    t.dropColumn('version');
  });
  await knex.schema.alterTable('county_settings', (t) => t.dropColumn('version'));
}

import type { Knex } from 'knex';

/** County-wide settings, one JSON value per key (e.g. `buffers`: the buffer widths a county overrides). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('county_settings', (t) => {
    t.text('key').primary();
    t.jsonb('value').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.integer('updated_by').references('id').inTable('users');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('county_settings');
}

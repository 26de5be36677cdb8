import type { Knex } from 'knex';

/**
 * Saved field mappings of imports (issue #10): the mapping a committed import used, per layer and
 * set of source columns, so that the next file of that layer with those columns (or more) is
 * offered it again rather than the automatic match.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('import_mappings', (t) => {
    t.text('layer_id').notNullable();
    /** The source's column names, sorted, as a JSON array: the key of the saved mapping. */
    t.text('columns_key').notNullable();
    t.jsonb('columns').notNullable();
    /** Source column → the layer's field key, or null for a column left out. */
    t.jsonb('mapping').notNullable();
    t.integer('user_id').references('id').inTable('users');
    t.timestamp('saved_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['layer_id', 'columns_key']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('import_mappings');
}

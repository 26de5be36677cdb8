import type { Knex } from 'knex';

/**
 * Imports of the bureau's own files (issue #10). `imports` holds a previewed file until it is
 * committed: what was read (features already in EPSG:4490 and mapped to the layer's fields), the
 * problems found, and the file's name, size and checksum. `layer_revisions` numbers every change
 * of a layer that an import (or a restore) made: who, when, which file, how many features were
 * added, changed and removed, and the layer as it stood before, so that it can be restored.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('layer_revisions', (t) => {
    t.increments('id').primary();
    t.text('layer_id').notNullable();
    t.integer('revision').notNullable();
    t.text('kind').notNullable().checkIn(['import', 'restore']);
    t.integer('user_id').references('id').inTable('users');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('file_name');
    t.bigInteger('file_size');
    t.text('file_sha256');
    t.text('mode');
    t.integer('restored_revision');
    t.integer('added').notNullable();
    t.integer('changed').notNullable();
    t.integer('removed').notNullable();
    /** The layer's features just before this revision (GeoJSON, properties as the catalogue keys them). */
    t.jsonb('before_features').notNullable();
    t.unique(['layer_id', 'revision']);
  });

  await knex.schema.createTable('imports', (t) => {
    t.text('id').primary();
    t.text('layer_id').notNullable();
    t.integer('user_id').notNullable().references('id').inTable('users');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('file_name').notNullable();
    t.bigInteger('file_size').notNullable();
    t.text('file_sha256').notNullable();
    t.text('mode').notNullable().checkIn(['replace', 'upsert']);
    t.jsonb('preview').notNullable();
    t.jsonb('features').notNullable();
    t.integer('committed_revision');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('imports');
  await knex.schema.dropTableIfExists('layer_revisions');
}

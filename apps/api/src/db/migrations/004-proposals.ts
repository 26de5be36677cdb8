import type { Knex } from 'knex';
import { dropAppendOnly, makeAppendOnly } from './append-only.ts';

/**
 * Planners' proposals (拟设采矿权) and their versions. A save adds a version; versions are never
 * changed or erased (a trigger refuses it), so every report can be reproduced from its version.
 * Areas are derived from `geom`, never stored beside it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('proposals', (t) => {
    t.increments('id').primary();
    t.text('name').notNullable();
    t.integer('created_by').notNullable().references('id').inTable('users');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.integer('current_version').notNullable().defaultTo(1);
  });

  await knex.schema.createTable('proposal_versions', (t) => {
    t.integer('proposal_id').notNullable().references('id').inTable('proposals');
    t.integer('version').notNullable();
    t.text('mineral').notNullable();
    t.double('capacity_10kt_per_year').notNullable();
    t.text('right_kind').notNullable().checkIn(['new', 'extension', 'expansion']);
    t.text('holder');
    t.text('scale_class').checkIn(['large', 'medium', 'small']);
    t.text('licence_no');
    /** The corner-point list as pasted, verbatim, when the block came from one. */
    t.text('corner_list_text');
    /** The Gauss–Krüger zone the planner stated with that list (for eastings without prefix). */
    t.integer('corner_list_zone');
    t.text('note');
    /** The check run when the version was saved: its worst outcome (null: no finding) and ruleset. */
    t.text('worst_outcome').checkIn(['forbidden', 'restricted', 'conditional', 'advisory']);
    t.text('ruleset_id').notNullable();
    t.integer('created_by').notNullable().references('id').inTable('users');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['proposal_id', 'version']);
    t.check('?? >= 1', ['version']);
  });
  await knex.raw('ALTER TABLE proposal_versions ADD COLUMN geom geometry(MultiPolygon, 4490) NOT NULL');
  await knex.raw('CREATE INDEX proposal_versions_geom_idx ON proposal_versions USING gist (geom)');

  await makeAppendOnly(knex, 'proposal_versions', 'proposal versions are never changed or deleted');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('proposal_versions');
  await dropAppendOnly(knex, 'proposal_versions');
  await knex.schema.dropTableIfExists('proposals');
}

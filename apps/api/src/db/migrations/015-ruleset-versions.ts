import type { Knex } from 'knex';
import { dropAppendOnly, makeAppendOnly } from './append-only.ts';

/**
 * The county's ruleset as a register (issue #11): each save of the rules' outcomes, tolerances
 * and legal bases is a new version, kept whole (`rules`: every rule's setting, not only those
 * changed) with who saved it, when and why; versions are never changed or erased (a trigger
 * refuses it). The newest version of a ruleset is what checks use; a proposal version keeps the
 * ruleset version its check ran under (null for those saved before the register).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('ruleset_versions', (t) => {
    t.text('ruleset_id').notNullable();
    t.integer('version').notNullable();
    /** `RuleSetting[]` of `@mpm/rules`: id, outcome, toleranceM2 (where the rule has one), legalBasis {zh, en}. */
    t.jsonb('rules').notNullable();
    t.text('note');
    /** Null for the system (the ruleset file recorded at boot). */
    t.integer('created_by').references('id').inTable('users');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['ruleset_id', 'version']);
    t.check('?? >= 1', ['version']);
  });
  await makeAppendOnly(knex, 'ruleset_versions', 'ruleset versions are never changed or deleted');
  await knex.schema.alterTable('proposal_versions', (t) => {
    t.integer('ruleset_version');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('proposal_versions', (t) => t.dropColumn('ruleset_version'));
  await knex.schema.dropTableIfExists('ruleset_versions');
  await dropAppendOnly(knex, 'ruleset_versions');
}

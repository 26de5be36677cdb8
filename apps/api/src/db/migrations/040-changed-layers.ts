import type { Knex } from 'knex';
import { BUMP_FUNCTION } from './layer-revisions.ts';

/**
 * Issue #14: the revision trigger also lists the layers a transaction changed in a setting of the
 * transaction (`layer-revisions.ts`), so an audited write tells the tiles which layers it moved on:
 * a write to the ledger or to one layer no longer makes every tile wait for the revisions to be
 * read again. (A database made from 014 on this build has the function already.)
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(BUMP_FUNCTION);
}

/** The function as it stays: the setting it writes is read by nothing else in the database. */
export async function down(): Promise<void> {}

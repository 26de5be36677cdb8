import type { Knex } from 'knex';

/**
 * Issue #14: an account's failed sign-ins in a row (the backoff of `sign-in-guard.ts`) are kept in
 * the database, so a restart or a second server process does not forget them. One row per name
 * tried (known or not: an unknown name is held back alike, so the answer tells nothing); a
 * success deletes it, and rows whose last failure is a day old are pruned.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sign_in_failures', (t) => {
    t.text('username').primary();
    t.integer('failures').notNullable();
    t.timestamp('last_failed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sign_in_failures');
}

import type { Knex } from 'knex';

/**
 * Issue #14: a session ends after a time without use (SESSION_IDLE_MINUTES), so each session
 * keeps when it was last used (moved on at most once a minute, not at every request).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sessions', (t) => {
    t.timestamp('last_seen_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sessions', (t) => {
    t.dropColumn('last_seen_at');
  });
}

import type { Knex } from 'knex';

/**
 * Issue #15, depth (超层越界): an elevation survey keeps the licensed range it was judged against
 * (the right's 开采标高 when it was recorded; a later 变更 does not rewrite what was found), and
 * the ledger entry it became (one lead per survey, held by a unique index).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('elevation_surveys', (t) => {
    t.decimal('top_m', 8, 2);
    t.decimal('bottom_m', 8, 2);
    t.integer('ledger_entry_id').references('id').inTable('ledger_entries').unique();
  });
  await knex.raw('ALTER TABLE elevation_surveys ADD CONSTRAINT elevation_surveys_range CHECK (bottom_m <= top_m)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE elevation_surveys DROP CONSTRAINT IF EXISTS elevation_surveys_range');
  await knex.schema.alterTable('elevation_surveys', (t) => {
    t.dropColumn('ledger_entry_id');
    t.dropColumn('bottom_m');
    t.dropColumn('top_m');
  });
}

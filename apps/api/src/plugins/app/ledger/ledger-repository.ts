import type { Knex } from 'knex';

/** Placeholder: filled in by the feature that owns it. */
export function createLedgerRepository(knex: Knex) {
  return { knex };
}

export type LedgerRepository = ReturnType<typeof createLedgerRepository>;

import type { Knex } from 'knex';

/** Placeholder: filled in by the feature that owns it. */
export function createInspectionRepository(knex: Knex) {
  return { knex };
}

export type InspectionRepository = ReturnType<typeof createInspectionRepository>;

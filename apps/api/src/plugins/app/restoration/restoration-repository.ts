import type { Knex } from 'knex';

/** Placeholder: filled in by the feature that owns it. */
export function createRestorationRepository(knex: Knex) {
  return { knex };
}

export type RestorationRepository = ReturnType<typeof createRestorationRepository>;

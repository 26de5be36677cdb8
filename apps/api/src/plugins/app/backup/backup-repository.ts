import type { Knex } from 'knex';

/** The migrations a database has run, in order (none for an empty database). */
export async function appliedMigrations(knex: Knex): Promise<string[]> {
  const { rows } = (await knex.raw(`SELECT to_regclass('public.knex_migrations') IS NOT NULL AS present`)) as { rows: { present: boolean }[] };
  if (!rows[0]?.present) return [];
  return (await knex('knex_migrations').orderBy('id').pluck('name')) as string[];
}

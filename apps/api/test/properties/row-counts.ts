import type { Knex } from 'knex';

/** Tables a refused request writes by design: a failed sign-in is counted for the account's backoff. */
const WRITTEN_WHEN_REFUSED = ['sign_in_failures'];

/**
 * A query counting the rows of every table of the app's schema (but those a refusal writes by
 * design), as one JSON object keyed by table.
 */
export async function rowCounter(knex: Knex): Promise<() => Promise<Record<string, number>>> {
  const { rows } = await knex.raw<{ rows: { name: string }[] }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name NOT IN (${WRITTEN_WHEN_REFUSED.map((name) => `'${name}'`).join(', ')}) ORDER BY 1`,
  );
  const sql = `SELECT json_build_object(${rows.map(({ name }) => `'${name}', (SELECT count(*) FROM "${name}")`).join(', ')}) AS counts`;
  return async () => (await knex.raw<{ rows: { counts: Record<string, number> }[] }>(sql)).rows[0].counts;
}

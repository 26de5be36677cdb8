import type { Knex } from 'knex';

/** A query counting the rows of every table of the app's schema, as one JSON object keyed by table. */
export async function rowCounter(knex: Knex): Promise<() => Promise<Record<string, number>>> {
  const { rows } = await knex.raw<{ rows: { name: string }[] }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const sql = `SELECT json_build_object(${rows.map(({ name }) => `'${name}', (SELECT count(*) FROM "${name}")`).join(', ')}) AS counts`;
  return async () => (await knex.raw<{ rows: { counts: Record<string, number> }[] }>(sql)).rows[0].counts;
}

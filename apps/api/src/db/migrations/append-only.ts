import type { Knex } from 'knex';

/**
 * Makes `table` append-only in the database itself: UPDATE, DELETE and TRUNCATE raise `message`.
 * Creates the trigger function `<table>_append_only()`; `dropAppendOnly` removes it.
 */
export async function makeAppendOnly(knex: Knex, table: string, message: string): Promise<void> {
  const fn = `${table}_append_only`;
  await knex.raw(`
    CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '${message.replaceAll("'", "''")}';
    END $$`);
  await knex.raw(`CREATE TRIGGER ${table}_no_update BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${fn}()`);
  await knex.raw(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
}

/** Drops the trigger function of `makeAppendOnly` (after the table). */
export const dropAppendOnly = (knex: Knex, table: string) => knex.raw(`DROP FUNCTION IF EXISTS ${table}_append_only()`);

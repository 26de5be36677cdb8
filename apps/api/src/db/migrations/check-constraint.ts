import type { Knex } from 'knex';

/**
 * Replaces the check on `table.column` (named by PostgreSQL when an earlier migration made it
 * inline, so found by its definition) with one, `<table>_<column>_check`, allowing `values`.
 * DDL takes no bound parameters: `values` must be the calling migration's own constants.
 */
export async function allowValues(knex: Knex, table: string, column: string, values: readonly string[]): Promise<void> {
  await knex.raw(`
    DO $$
    DECLARE c text;
    BEGIN
      FOR c IN SELECT conname FROM pg_constraint
               WHERE conrelid = '${table}'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%${column}%'
      LOOP
        EXECUTE format('ALTER TABLE ${table} DROP CONSTRAINT %I', c);
      END LOOP;
    END $$`);
  await knex.raw(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_${column}_check CHECK (${column} IN (${values.map((v) => `'${v}'`).join(', ')}))`);
}

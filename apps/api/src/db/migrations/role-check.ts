import type { Knex } from 'knex';

/**
 * Replaces the check on `users.role` (named by PostgreSQL when 002 made it inline, or by an
 * earlier call of this) with one allowing `roles`.
 */
export async function allowRoles(knex: Knex, roles: readonly string[]): Promise<void> {
  await knex.raw(`
    DO $$
    DECLARE c text;
    BEGIN
      FOR c IN SELECT conname FROM pg_constraint
               WHERE conrelid = 'users'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%role%'
      LOOP
        EXECUTE format('ALTER TABLE users DROP CONSTRAINT %I', c);
      END LOOP;
    END $$`);
  // DDL takes no bound parameters; the roles are the callers' constants.
  await knex.raw(`ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN (${roles.map((r) => `'${r}'`).join(', ')}))`);
}

import type { Knex } from 'knex';
import * as layers from './migrations/001-layers.ts';
import * as accountsAudit from './migrations/002-accounts-audit.ts';

type Migration = { up(knex: Knex): Promise<void>; down(knex: Knex): Promise<void> };

/** Migrations in order. Imported statically so they run the same under tsx, vitest and a bundle. */
const MIGRATIONS: Record<string, Migration> = {
  '001-layers': layers,
  '002-accounts-audit': accountsAudit,
};

const source: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(MIGRATIONS),
  getMigrationName: (name) => name,
  getMigration: async (name) => MIGRATIONS[name],
};

/** Brings the schema up to date; returns the names of the migrations it ran. */
export async function migrateToLatest(knex: Knex): Promise<string[]> {
  const [, applied] = (await knex.migrate.latest({ migrationSource: source })) as [number, string[]];
  return applied;
}

import type { Knex } from 'knex';
import * as layers from './migrations/001-layers.ts';
import * as accountsAudit from './migrations/002-accounts-audit.ts';
import * as settings from './migrations/003-settings.ts';
import * as proposals from './migrations/004-proposals.ts';
import * as ledger from './migrations/005-ledger.ts';
import * as restoration from './migrations/006-restoration.ts';
import * as imports from './migrations/007-imports.ts';
import * as userAdmin from './migrations/008-user-admin.ts';
import * as importMappings from './migrations/009-import-mappings.ts';
import * as auditChain from './migrations/010-audit-chain.ts';
import * as proposalWorkflow from './migrations/011-proposal-workflow.ts';
import * as settingVersions from './migrations/012-setting-versions.ts';
import * as licenceEvents from './migrations/013-licence-events.ts';
import * as layerDataRevisions from './migrations/014-layer-data-revisions.ts';
import * as rulesetVersions from './migrations/015-ruleset-versions.ts';
import * as parcelEvents from './migrations/016-parcel-events.ts';
import * as layerSettingsRevisions from './migrations/017-layer-settings-revisions.ts';
import * as sweep from './migrations/019-sweep.ts';
import * as outputDepth from './migrations/020-output-depth.ts';
import * as campaignLedger from './migrations/021-campaign-ledger.ts';
import * as landClassLayers from './migrations/022-land-class-layers.ts';
import * as layerEdits from './migrations/023-layer-edits.ts';
import * as depthSurveys from './migrations/024-depth-surveys.ts';
import * as greenMineDerived from './migrations/026-green-mine-derived.ts';
import * as sessionActivity from './migrations/027-session-activity.ts';
import * as stagedTargets from './migrations/028-staged-targets.ts';
import * as sweepLandProblems from './migrations/035-sweep-land-problems.ts';
import * as patchRoundIndex from './migrations/038-patch-round-index.ts';
import * as signInFailures from './migrations/039-sign-in-failures.ts';
import * as changedLayers from './migrations/040-changed-layers.ts';

type Migration = { up(knex: Knex): Promise<void>; down(knex: Knex): Promise<void> };

/** Migrations in order. Imported statically so they run the same under tsx, vitest and a bundle. */
const MIGRATIONS: Record<string, Migration> = {
  '001-layers': layers,
  '002-accounts-audit': accountsAudit,
  '003-settings': settings,
  '004-proposals': proposals,
  '005-ledger': ledger,
  '006-restoration': restoration,
  '007-imports': imports,
  '008-user-admin': userAdmin,
  '009-import-mappings': importMappings,
  '010-audit-chain': auditChain,
  '011-proposal-workflow': proposalWorkflow,
  '012-setting-versions': settingVersions,
  '013-licence-events': licenceEvents,
  '014-layer-data-revisions': layerDataRevisions,
  '015-ruleset-versions': rulesetVersions,
  '016-parcel-events': parcelEvents,
  '017-layer-settings-revisions': layerSettingsRevisions,
  '019-sweep': sweep,
  '020-output-depth': outputDepth,
  '021-campaign-ledger': campaignLedger,
  '022-land-class-layers': landClassLayers,
  '023-layer-edits': layerEdits,
  '024-depth-surveys': depthSurveys,
  '026-green-mine-derived': greenMineDerived,
  '027-session-activity': sessionActivity,
  '028-staged-targets': stagedTargets,
  '035-sweep-land-problems': sweepLandProblems,
  '038-patch-round-index': patchRoundIndex,
  '039-sign-in-failures': signInFailures,
  '040-changed-layers': changedLayers,
};

const source: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(MIGRATIONS),
  getMigrationName: (name) => name,
  getMigration: async (name) => MIGRATIONS[name],
};

/** Advisory lock key held while one server migrates a PostgreSQL database. */
const MIGRATION_LOCK = 621_025_000;

interface PgConnection {
  query(sql: string, values?: unknown[]): Promise<unknown>;
}

/**
 * Runs `work` while holding a session advisory lock on PostgreSQL, so servers starting at once
 * migrate one after the other (knex's own lock fails fast instead of waiting, and its table
 * creation races). PGlite needs none: one process per data directory is enforced at open.
 */
async function withMigrationLock<T>(knex: Knex, work: () => Promise<T>): Promise<T> {
  if (knex.client.config.client !== 'pg') return work();
  const connection = (await knex.client.acquireConnection()) as PgConnection;
  try {
    await connection.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      return await work();
    } finally {
      await connection.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await knex.client.releaseConnection(connection);
  }
}

/** Brings the schema up to date; returns the names of the migrations it ran. */
export async function migrateToLatest(knex: Knex): Promise<string[]> {
  return withMigrationLock(knex, async () => {
    const [, applied] = (await knex.migrate.latest({ migrationSource: source })) as [number, string[]];
    return applied;
  });
}

/** The names of every migration this build knows, in order: the last is its schema version. */
export const MIGRATION_NAMES: readonly string[] = Object.keys(MIGRATIONS);

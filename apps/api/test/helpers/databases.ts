import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import knexFactory from 'knex';
import { inject } from 'vitest';
import { REPO_ROOT } from '../../src/config.ts';
import { openDatabase, type Database, type DatabaseTarget } from '../../src/db/connect.ts';
import { prepareDatabase } from '../../src/bootstrap.ts';

export type DatabaseKind = DatabaseTarget['kind'];

/** Password of the `admin` account in every test database. */
export const TEST_ADMIN_PASSWORD = 'test-admin-password';

/** Where this run's templates are: one per test run, so runs side by side never share one. */
export interface TestTemplates {
  /** The migrated, demo-loaded PGlite directory that each test copies. */
  pgliteDir: string;
  /** The migrated, demo-loaded PostgreSQL database that each test clones (when DATABASE_URL is set). */
  postgresDb: string;
  /** Password of the `admin` account in both templates ({@link TEST_ADMIN_PASSWORD}), for e2e. */
  adminPassword: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    templates: TestTemplates;
  }
}

/** Template names for the run whose main process is `pid`. */
export const templatesFor = (pid: number): TestTemplates => ({
  pgliteDir: path.join(REPO_ROOT, 'var', 'test', `template-${pid}`),
  postgresDb: `mpm_test_template_${pid}`,
  adminPassword: TEST_ADMIN_PASSWORD,
});

/** Databases the API suite runs against: PGlite always, PostgreSQL when DATABASE_URL is set. */
export const TEST_DATABASES: DatabaseKind[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/** A URL on the DATABASE_URL server, for another database name. */
export function postgresUrl(database: string): string {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A connection to the server's maintenance database, for CREATE/DROP DATABASE. */
export const adminKnex = () => knexFactory({ client: 'pg', connection: process.env.DATABASE_URL, pool: { min: 0, max: 1 } });

/** A fresh copy of the template, private to the caller. */
export async function openTestDatabase(kind: DatabaseKind): Promise<Database & { target: DatabaseTarget }> {
  if (kind === 'pglite') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-test-'));
    fs.cpSync(inject('templates').pgliteDir, dataDir, { recursive: true });
    fs.rmSync(path.join(dataDir, 'server.lock'), { force: true });
    const target: DatabaseTarget = { kind: 'pglite', dataDir };
    const db = await openDatabase(target);
    return {
      ...db,
      target,
      async close() {
        await db.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `mpm_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = adminKnex();
  await admin.raw('CREATE DATABASE ?? TEMPLATE ??', [name, inject('templates').postgresDb]);
  const target: DatabaseTarget = { kind: 'postgres', url: postgresUrl(name) };
  const db = await openDatabase(target);
  return {
    ...db,
    target,
    async close() {
      await db.close();
      await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
      await admin.destroy();
    },
  };
}

/**
 * An empty database of `kind` (a new PGlite directory, or a new PostgreSQL database), migrated,
 * with the `admin` account and no county: the product as `LOAD_DEMO=false` starts it.
 */
export async function openEmptyDatabase(kind: DatabaseKind): Promise<Database> {
  let db: Database;
  let cleanup: () => Promise<void>;
  if (kind === 'pglite') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-empty-'));
    db = await openDatabase({ kind, dataDir });
    cleanup = async () => fs.rmSync(dataDir, { recursive: true, force: true });
  } else {
    const name = `mpm_test_empty_${crypto.randomBytes(4).toString('hex')}`;
    const admin = adminKnex();
    await admin.raw('CREATE DATABASE ??', [name]);
    db = await openDatabase({ kind, url: postgresUrl(name) });
    cleanup = async () => {
      await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
      await admin.destroy();
    };
  }
  await prepareDatabase(db.knex, { loadDemo: false, adminPassword: TEST_ADMIN_PASSWORD });
  return {
    ...db,
    async close() {
      await db.close();
      await cleanup();
    },
  };
}

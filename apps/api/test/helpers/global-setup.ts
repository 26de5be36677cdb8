import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
// @ts-expect-error: a plain JavaScript build script, without types
import { compileServer } from '../../scripts/compile.mjs';
import { openDatabase } from '../../src/db/connect.ts';
import { prepareDatabase } from '../../src/bootstrap.ts';
import { TEST_ADMIN_PASSWORD, adminKnex, postgresUrl, templatesFor } from './databases.ts';

const CONFIG = { loadDemo: true, adminPassword: TEST_ADMIN_PASSWORD };

/** Both the api and the e2e project list this setup: the first builds, both share. */
let building: Promise<void> | undefined;

async function build(templates: ReturnType<typeof templatesFor>) {
  // The browser tests spawn the server `pnpm start` runs: compiled from the sources as they are now.
  await compileServer();
  fs.rmSync(templates.pgliteDir, { recursive: true, force: true });
  const db = await openDatabase({ kind: 'pglite', dataDir: templates.pgliteDir });
  await prepareDatabase(db.knex, CONFIG);
  await db.close();

  if (process.env.DATABASE_URL) {
    const admin = adminKnex();
    await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [templates.postgresDb]);
    await admin.raw('CREATE DATABASE ??', [templates.postgresDb]);
    await admin.destroy();
    const pg = await openDatabase({ kind: 'postgres', url: postgresUrl(templates.postgresDb) });
    await prepareDatabase(pg.knex, CONFIG);
    await pg.close();
  }
}

/**
 * Builds, once per run, a template of each database (migrated, demo county loaded, admin
 * created) that every test file copies: PostGIS is initialised once, not once per file.
 */
export default async function setup(project: TestProject) {
  const templates = templatesFor(process.pid);
  building ??= build(templates);
  await building;
  project.provide('templates', templates);

  return async () => {
    fs.rmSync(templates.pgliteDir, { recursive: true, force: true });
    // Leftovers of runs that were killed before their teardown.
    for (const entry of fs.readdirSync(path.dirname(templates.pgliteDir))) {
      const pid = Number(entry.replace('template-', ''));
      if (entry.startsWith('template-') && !isAlive(pid)) {
        fs.rmSync(path.join(path.dirname(templates.pgliteDir), entry), { recursive: true, force: true });
      }
    }
    if (process.env.DATABASE_URL) {
      const admin = adminKnex();
      await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [templates.postgresDb]);
      await admin.destroy();
    }
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

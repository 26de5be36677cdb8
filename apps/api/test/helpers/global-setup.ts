import fs from 'node:fs';
import { openDatabase } from '../../src/db/connect.ts';
import { prepareDatabase } from '../../src/bootstrap.ts';
import { PGLITE_TEMPLATE_DIR, PG_TEMPLATE_DB, TEST_ADMIN_PASSWORD, adminKnex, postgresUrl } from './databases.ts';

const CONFIG = { loadDemo: true, adminPassword: TEST_ADMIN_PASSWORD };

/**
 * Builds, once per run, a template of each database (migrated, demo county loaded, admin
 * created) that every test file copies: PostGIS is initialised once, not once per file.
 */
export default async function setup() {
  // Both the api and the e2e project list this setup; the first one builds for both.
  if (process.env.MPM_TEST_TEMPLATES_BUILT === '1') return;
  fs.rmSync(PGLITE_TEMPLATE_DIR, { recursive: true, force: true });
  const db = await openDatabase({ kind: 'pglite', dataDir: PGLITE_TEMPLATE_DIR });
  await prepareDatabase(db.knex, CONFIG);
  await db.close();

  if (process.env.DATABASE_URL) {
    const admin = adminKnex();
    await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [PG_TEMPLATE_DB]);
    await admin.raw('CREATE DATABASE ??', [PG_TEMPLATE_DB]);
    await admin.destroy();
    const pg = await openDatabase({ kind: 'postgres', url: postgresUrl(PG_TEMPLATE_DB) });
    await prepareDatabase(pg.knex, CONFIG);
    await pg.close();
  }
  process.env.MPM_TEST_TEMPLATES_BUILT = '1';
}

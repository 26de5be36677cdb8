import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/connect.ts';
import { prepareDatabase } from '../src/bootstrap.ts';
import { adminKnex, postgresUrl } from './helpers/databases.ts';

// PGlite allows one process per directory (see e2e/server.test.ts); a PostgreSQL server may
// see several app replicas start at once.
describe.skipIf(!process.env.DATABASE_URL)('first start of several servers on one PostgreSQL', () => {
  it('loads the demo county and creates the admin exactly once', async () => {
    const name = `mpm_test_boot_${crypto.randomBytes(4).toString('hex')}`;
    const admin = adminKnex();
    await admin.raw('CREATE DATABASE ??', [name]);
    const [a, b] = await Promise.all([1, 2].map(() => openDatabase({ kind: 'postgres', url: postgresUrl(name) })));
    try {
      const reports = await Promise.all([a, b].map((db) => prepareDatabase(db.knex, { loadDemo: true })));
      expect(reports.filter((r) => r.demoLoaded)).toHaveLength(1);
      expect(reports.filter((r) => r.generatedAdminPassword)).toHaveLength(1);
      const [{ n: counties }] = await a.knex('admin_areas').where({ level: 'county' }).count<{ n: string }[]>({ n: '*' });
      const [{ n: admins }] = await a.knex('users').where({ username: 'admin' }).count<{ n: string }[]>({ n: '*' });
      expect([Number(counties), Number(admins)]).toEqual([1, 1]);
    } finally {
      await Promise.all([a.close(), b.close()]);
      await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
      await admin.destroy();
    }
  });
});

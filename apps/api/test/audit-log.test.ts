import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/config.ts';
import * as chainMigration from '../src/db/migrations/010-audit-chain.ts';
import { canonicalJson } from '../src/plugins/app/audit/audit-chain.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';

/** `pnpm audit:verify` as an operator runs it, against the database `env` names. */
function runVerifyCli(env: Record<string, string>) {
  const { DATABASE_URL: _omit, ...rest } = process.env;
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'apps/api/src/cli/audit-verify.ts')], {
    cwd: REPO_ROOT,
    env: { ...rest, ...env },
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('canonicalJson', () => {
  it('writes the same text for the same value, whatever the order of its keys', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: null, x: '县' }], c: true } })).toBe('{"a":{"c":true,"d":[2,{"x":"县","y":null}]},"b":1}');
    expect(canonicalJson({ a: undefined, b: 0 })).toBe('{"b":0}');
  });
});

describe.each(TEST_DATABASES)('the audit log, hash-chained, and its view on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  const get = (url: string, cookie = admin) => t.app.inject({ method: 'GET', url, headers: { cookie, 'accept-language': 'zh-CN' } });
  const verify = async () => (await get('/api/audit/verify')).json();
  /** Runs `sql` with the append-only triggers lifted, as someone with the database's owner rights could. */
  const tamper = async (sql: string, bindings: unknown[]) => {
    await t.db.knex.transaction(async (trx) => {
      await trx.raw('ALTER TABLE audit_log DISABLE TRIGGER USER');
      await trx.raw(sql, bindings as never[]);
      await trx.raw('ALTER TABLE audit_log ENABLE TRIGGER USER');
    });
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await t.login();
  }, 120_000);
  afterAll(async () => t?.close());

  it('lists every write newest first with who, what and the record before and after, filtered and paged', async () => {
    const put = await t.app.inject({ method: 'PUT', url: '/api/settings/buffers', payload: { railwayM: 150 }, headers: { cookie: admin } });
    expect(put.statusCode, put.body).toBe(200);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      payload: { username: 'auditor1', displayName: '审计员', role: 'inspector', password: 'a-long-password' },
      headers: { cookie: admin },
    });
    expect(created.statusCode, created.body).toBe(201);

    const page = (await get('/api/audit?limit=2')).json();
    expect(page.entries.map((e: { entity: string }) => e.entity)).toEqual(['user', 'county_settings']);
    expect(page.entries[1]).toMatchObject({
      by: { username: 'admin', displayName: '系统管理员' },
      action: 'update',
      entityId: 'buffers',
      detail: { after: { railwayM: 150 } },
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(JSON.stringify(page.entries[0].detail)).not.toContain('password');
    expect(page.entities).toEqual(expect.arrayContaining(['user', 'county_settings', 'dataset']));
    const next = (await get(`/api/audit?limit=2&before=${page.next}`)).json();
    expect(next.entries[0].id).toBeLessThan(page.entries[1].id);

    const settings = (await get('/api/audit?user=admin&entity=county_settings')).json().entries;
    expect(settings).toHaveLength(1);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect((await get(`/api/audit?entity=county_settings&from=${today}&to=${today}`)).json().entries).toHaveLength(1);
    expect((await get('/api/audit?entity=county_settings&to=2020-01-01')).json().entries).toHaveLength(0);
    expect((await get('/api/audit?user=nobody')).json().entries).toEqual([]);

    const bad = await get('/api/audit?from=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('from 须为日期');
    expect((await get('/api/audit', '')).statusCode).toBe(401);
  });

  it('verifies its chain, and finds the first entry altered, then the first one removed', async () => {
    const intact = await verify();
    expect(intact).toMatchObject({ ok: true, broken: null, headHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(intact.entries).toBe(Number((await t.db.knex('audit_log').count<{ n: string }[]>({ n: '*' }))[0].n));
    expect(intact.message).toContain('审计日志完整');

    const [target] = await t.db.knex('audit_log').where({ entity: 'county_settings' }).select('id', 'detail');
    const original = typeof target.detail === 'string' ? target.detail : JSON.stringify(target.detail);
    await tamper('UPDATE audit_log SET detail = ? WHERE id = ?', [JSON.stringify({ after: { railwayM: 1 } }), target.id]);
    expect(await verify()).toMatchObject({ ok: false, broken: { id: String(target.id), reason: 'alteredEntry' } });
    // Put back exactly as it was, the chain holds again: the hash is over the values, not their storage.
    await tamper('UPDATE audit_log SET detail = ?::jsonb WHERE id = ?', [original, target.id]);
    expect((await verify()).ok).toBe(true);

    const [first, second] = await t.db.knex('audit_log').orderBy('id').limit(2).select('id');
    await tamper('DELETE FROM audit_log WHERE id = ?', [first.id]);
    const removed = await verify();
    expect(removed).toMatchObject({ ok: false, entries: 0, broken: { id: String(second.id), reason: 'brokenLink' } });
    expect(removed.message).toContain('被篡改');

    if (kind === 'postgres') {
      const tampered = runVerifyCli({ DATABASE_URL: (t.db.target as { url: string }).url });
      expect(tampered.status, tampered.output).toBe(3);
      expect(tampered.output).toContain(`第 ${second.id} 条记录与前一条不衔接`);
    } else {
      // The embedded database is the server's while it runs: the command says how to verify instead.
      const locked = runVerifyCli({ DATA_DIR: (t.db.target as { dataDir: string }).dataDir });
      expect(locked.status, locked.output).toBe(2);
      expect(locked.output).toContain('--server');
    }
  });

  it('chains a log written before the chain in id order when migrated, and new entries follow on', async () => {
    // The log as it stood before migration 010, with two more entries of the old kind.
    await chainMigration.down(t.db.knex);
    await t.db.knex('audit_log').insert([
      { action: 'create', entity: 'user', entity_id: '7', detail: JSON.stringify({ after: { b: 2, a: 1 } }) },
      { action: 'update', entity: 'layer', entity_id: 'farmland', detail: null },
    ]);
    await chainMigration.up(t.db.knex);
    await t.app.inject({ method: 'PUT', url: '/api/settings/buffers', payload: { railwayM: 120 }, headers: { cookie: admin } });
    const check = await verify();
    expect(check).toMatchObject({ ok: true, broken: null });
    expect(check.entries).toBe(Number((await t.db.knex('audit_log').count<{ n: string }[]>({ n: '*' }))[0].n));
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/config.ts';
import { createAuditRepository } from '../src/plugins/app/audit/audit-repository.ts';
import { auditedWrite } from '../src/plugins/app/audit/audited-write.ts';
import { onCommittedWrite } from '../src/plugins/app/audit/committed-writes.ts';
import { TEST_DATABASES, openTestDatabase } from './helpers/databases.ts';

type Db = Awaited<ReturnType<typeof openTestDatabase>>;

/** A setting row standing in for any record: its value, version and who saved it when. */
const KEY = 'audited-write-test';

describe.each(TEST_DATABASES)('the one audited, versioned write on %s', (kind) => {
  let db: Db;
  let context: Parameters<typeof auditedWrite>[0];
  let adminId: number;

  const read = async (trx = db.knex) => {
    const row = await trx('county_settings').where({ key: KEY }).forUpdate().first('value', 'updated_at');
    return row && { value: row.value as { n: number; by: string }, at: row.updated_at as Date };
  };
  const save = (n: number, base: number | undefined, by: string, fail = false) =>
    auditedWrite(context, {
      by: adminId,
      action: 'update',
      entity: 'county_settings',
      entityId: KEY,
      read,
      expected: {
        base,
        stamp: (current) => ({ version: current!.value.n, by: current!.value.by, at: current!.at }),
        label: () => ({ zh: '测试设置', en: 'The test setting' }),
      },
      write: async (trx) => {
        await trx('county_settings').where({ key: KEY }).update({ value: JSON.stringify({ n, by }), updated_at: trx.fn.now() });
        if (fail) throw new Error('fails after writing');
        return (await read(trx))!.value;
      },
      before: (current) => current?.value ?? null,
    });
  const auditRows = () => db.knex('audit_log').where({ entity: 'county_settings', entity_id: KEY }).orderBy('id');

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    context = { knex: db.knex, repos: { audit: createAuditRepository(db.knex) } };
    adminId = (await db.knex('users').where({ username: 'admin' }).first('id')).id;
    await db.knex('county_settings').insert({ key: KEY, value: JSON.stringify({ n: 1, by: '甲' }) });
  }, 120_000);
  afterAll(async () => db?.close());

  it('writes the change and one audit entry with who, what, and the record before and after', async () => {
    expect(await save(2, 1, '乙')).toEqual({ n: 2, by: '乙' });
    const [entry] = await auditRows();
    expect(entry).toMatchObject({ user_id: adminId, action: 'update', entity: 'county_settings', entity_id: KEY });
    expect(entry.detail).toEqual({ before: { n: 1, by: '甲' }, after: { n: 2, by: '乙' } });
    expect(entry.at).toBeInstanceOf(Date);
  });

  it('refuses a stale version with a 409 naming who saved the current one and when, writing nothing', async () => {
    const audited = (await auditRows()).length;
    const stale = save(3, 1, '丙');
    await expect(stale).rejects.toMatchObject({ statusCode: 409, code: 'versionConflict' });
    const error = await stale.catch((err) => err);
    expect(error.messages.zh).toMatch(/^测试设置已由 乙 于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）保存为第 2 版，而您修改的是第 1 版/);
    expect(error.messages.en).toMatch(/^The test setting was saved as version 2 by 乙 at .* \(China time\), but your changes were made to version 1/);
    expect((await read())!.value).toEqual({ n: 2, by: '乙' });
    expect(await auditRows()).toHaveLength(audited);
  });

  it('rolls the write and its audit entry back together when anything in it throws', async () => {
    const audited = (await auditRows()).length;
    await expect(save(3, 2, '丙', true)).rejects.toThrow('fails after writing');
    expect((await read())!.value).toEqual({ n: 2, by: '乙' });
    expect(await auditRows()).toHaveLength(audited);
  });

  it('takes writes from any version when the route sends none', async () => {
    expect(await save(3, undefined, '丙')).toEqual({ n: 3, by: '丙' });
  });

  it('tells the listeners, once committed, which layers the write changed: none for a setting, each layer of the rows it wrote', async () => {
    const heard: string[][] = [];
    const stop = onCommittedWrite(db.knex, (layers) => heard.push([...layers].sort()));
    try {
      await save(4, undefined, '丁');
      await expect(save(5, undefined, '戊', true)).rejects.toThrow('fails after writing');
      await auditedWrite(context, {
        by: adminId,
        action: 'update',
        entity: 'layers',
        write: async (trx) => {
          await trx('concentrated_zones').update({ name: trx.raw('name') });
          await trx('protected_areas').where({ kind: 'farmland' }).update({ name: trx.raw('name') });
          // Undone with its savepoint: the rivers were not changed.
          await trx.transaction(async (inner) => {
            await inner('line_features').where({ kind: 'rivers' }).update({ name: inner.raw('name') });
            throw new Error('undone');
          }).catch(() => {});
          await trx('concentrated_zones').update({ name: trx.raw('name') });
        },
      });
    } finally {
      stop();
    }
    expect(heard).toEqual([[], ['concentrated_zones', 'farmland']]);
  });
});

/** Every TypeScript file under `dir`, relative to the repository. */
const sources = (dir: string): string[] =>
  fs.readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(rel);
    return entry.name.endsWith('.ts') ? [rel] : [];
  });

describe('one write path', () => {
  const api = sources('apps/api/src');
  const read = (file: string) => fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');

  it('leaves transactions and audit entries to the write modules: no route opens one or writes the log', () => {
    const routes = api.filter((file) => file.startsWith('apps/api/src/routes/'));
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((file) => /\.transaction\(|audit\.record\(/.test(read(file)))).toEqual([]);
  });

  it('records the audit log through the audited write alone, but for the boot, the demo load and sign-ins', () => {
    const recorders = api.filter((file) => /audit\.record\(/.test(read(file)));
    expect(recorders.sort()).toEqual([
      'apps/api/src/bootstrap.ts',
      'apps/api/src/db/demo-data.ts',
      'apps/api/src/plugins/app/audit/audited-write.ts',
    ]);
  });
});

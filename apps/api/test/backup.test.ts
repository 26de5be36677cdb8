import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/config.ts';
import { openDatabase, type DatabaseTarget } from '../src/db/connect.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_ADMIN_PASSWORD, TEST_DATABASES, adminKnex, postgresUrl } from './helpers/databases.ts';
import { demoTownships, square } from './helpers/staff.ts';
import { TINY_JPEG, TINY_PNG, multipartForm } from './helpers/photo-fixtures.ts';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `pnpm <script> …` as a user runs it, with the database settings in `env` only (none inherited). */
function pnpm(script: 'backup' | 'restore', args: string[], env: Record<string, string>): Promise<Run> {
  const { DATABASE_URL: _url, DATA_DIR: _dir, PHOTOS_DIR: _photos, INIT_CWD: _cwd, ...inherited } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn('pnpm', ['--silent', '--dir', REPO_ROOT, script, ...args], { env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
    let [stdout, stderr] = ['', ''];
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Rows of every table, and a hash of every geometry column (ST_AsBinary of each row, by id). */
async function snapshot(knex: Knex) {
  const tables = (
    await knex.raw(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`)
  ).rows as { name: string }[];
  const rows: Record<string, number> = {};
  for (const { name } of tables) rows[name] = Number((await knex(name).count({ n: '*' }))[0]!.n);
  const columns = (
    await knex.raw(`SELECT f_table_name AS t, f_geometry_column AS c FROM geometry_columns WHERE f_table_schema = 'public' ORDER BY 1, 2`)
  ).rows as { t: string; c: string }[];
  const geometries: Record<string, string> = {};
  for (const { t, c } of columns) {
    const hasId = (await knex.raw(`SELECT 1 FROM information_schema.columns WHERE table_name = ? AND column_name = 'id'`, [t])).rows.length > 0;
    const [{ hash }] = (
      await knex.raw(`SELECT md5(string_agg(encode(ST_AsBinary(??), 'hex'), ',' ORDER BY ${hasId ? 'id' : '1'})) AS hash FROM ??`, [c, t])
    ).rows;
    geometries[`${t}.${c}`] = hash ?? 'none';
  }
  return { rows, geometries };
}

/** Every photo file under `dir` with the SHA-256 of its bytes (uploads waiting in `.incoming` left out). */
const photoHashes = (dir: string) =>
  Object.fromEntries(
    fs
      .readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && !path.relative(dir, e.parentPath).startsWith('.incoming'))
      .map((e) => [path.relative(dir, path.join(e.parentPath, e.name)), crypto.createHash('sha256').update(fs.readFileSync(path.join(e.parentPath, e.name))).digest('hex')]),
  );

describe.each(TEST_DATABASES)('pnpm backup and pnpm restore on %s', (kind) => {
  let t: TestApp;
  let work: string;
  let source: Record<string, string>;
  const cleanups: (() => Promise<unknown> | unknown)[] = [];

  /** A fresh target of `kind`: an empty DATA_DIR, or a new empty PostgreSQL database; and an empty photo directory. */
  async function freshTarget(): Promise<{ env: Record<string, string>; target: DatabaseTarget; photosDir: string }> {
    const photosDir = fs.mkdtempSync(path.join(work, 'photos-'));
    if (kind === 'pglite') {
      const dataDir = fs.mkdtempSync(path.join(work, 'data-'));
      return { env: { DATA_DIR: dataDir, PHOTOS_DIR: photosDir }, target: { kind, dataDir }, photosDir };
    }
    const name = `mpm_restore_${crypto.randomBytes(5).toString('hex')}`;
    const admin = adminKnex();
    await admin.raw('CREATE DATABASE ??', [name]);
    await admin.destroy();
    cleanups.push(async () => {
      const again = adminKnex();
      await again.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
      await again.destroy();
    });
    return { env: { DATABASE_URL: postgresUrl(name), PHOTOS_DIR: photosDir }, target: { kind, url: postgresUrl(name) }, photosDir };
  }

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-backup-test-'));
    t = await createTestApp(kind);
    const cookie = await t.login();
    // A ledger entry with two photos, and a layer revision (an edit in the web), beside the demo county.
    const entry = await t.app.inject({
      method: 'POST',
      url: '/api/ledger',
      headers: { cookie },
      payload: { title: '备份测试', source: 'siteCheck', geometry: square(demoTownships()[1].inside, 40) },
    });
    expect(entry.statusCode, entry.body).toBe(201);
    for (const bytes of [TINY_JPEG, TINY_PNG]) {
      const form = multipartForm({}, { bytes, field: 'photo' });
      const added = await t.app.inject({ method: 'POST', url: `/api/ledger/${entry.json().id}/photos`, payload: form.payload, headers: { ...form.headers, cookie } });
      expect(added.statusCode, added.body).toBe(201);
    }
    const edit = await t.app.inject({
      method: 'POST',
      url: '/api/layers/farmland/features',
      headers: { cookie },
      payload: { properties: { name: '备份测试地块' }, geometry: square(demoTownships()[2].inside, 50) },
    });
    expect(edit.statusCode, edit.body).toBe(201);
    if (kind === 'pglite') {
      // The server keeps running: the backup goes through it.
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = t.app.server.address() as { port: number };
      source = { MPM_PASSWORD: TEST_ADMIN_PASSWORD, SERVER: `http://127.0.0.1:${port}`, PHOTOS_DIR: t.photosDir };
    } else {
      source = { DATABASE_URL: (t.db.target as { url: string }).url, PHOTOS_DIR: t.photosDir };
    }
  });
  afterAll(async () => {
    await t?.close();
    for (const cleanup of cleanups) await cleanup();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('backs up the database and the photos while the server runs, and restores them into a fresh database: every row, geometry and photo alike', { timeout: 240_000 }, async () => {
    const archive = path.join(work, 'backup.tar');
    const { SERVER: server, ...env } = source;
    const backedUp = await pnpm('backup', ['--out', archive, ...(server ? ['--server', server] : [])], env);
    expect(backedUp.code, backedUp.stderr).toBe(0);
    const before = await snapshot(t.db.knex);
    const photosBefore = photoHashes(t.photosDir);
    expect(Object.keys(photosBefore)).toHaveLength(2);
    expect(before.rows.layer_data_revisions).toBeGreaterThan(0);

    const manifest = JSON.parse(execFileSync('tar', ['-xOf', archive, './manifest.json'], { encoding: 'utf8' }));
    expect(manifest).toMatchObject({ format: 'mpm-backup', formatVersion: 1, database: kind, photoCount: 2, schemaVersion: expect.stringMatching(/^\d{3}-/) });
    expect(Date.parse(manifest.createdAt)).not.toBeNaN();

    const fresh = await freshTarget();
    const restored = await pnpm('restore', [archive], fresh.env);
    expect(restored.code, restored.stderr).toBe(0);
    const db = await openDatabase(fresh.target);
    try {
      expect(await snapshot(db.knex)).toEqual(before);
    } finally {
      await db.close();
    }
    expect(photoHashes(fresh.photosDir)).toEqual(photosBefore);

    // Into a database that already holds one: refused, by name.
    const again = await pnpm('restore', [archive], fresh.env);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('restoreTargetNotEmpty');

    // An archive of a newer schema: refused by name, nothing written.
    const unpacked = fs.mkdtempSync(path.join(work, 'unpacked-'));
    execFileSync('tar', ['-xf', archive, '-C', unpacked]);
    const newer = { ...manifest, schemaVersion: '999-from-the-future', migrations: [...manifest.migrations, '999-from-the-future'] };
    fs.writeFileSync(path.join(unpacked, 'manifest.json'), JSON.stringify(newer));
    const newerArchive = path.join(work, 'newer.tar');
    execFileSync('tar', ['-cf', newerArchive, '-C', unpacked, '.']);
    const other = await freshTarget();
    const refused = await pnpm('restore', [newerArchive], { ...other.env, LANG: 'C' });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('backupNewerSchema');
    expect(refused.stderr).toContain('999-from-the-future');
    expect(photoHashes(other.photosDir)).toEqual({});
    if (other.target.kind === 'pglite') expect(fs.existsSync(path.join(other.target.dataDir, 'pgdata'))).toBe(false);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../src/db/availability.ts';
import { PGliteThread } from '../src/db/pglite-thread.ts';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-pglite-thread-'));
let pglite: PGliteThread;

beforeAll(async () => {
  pglite = new PGliteThread(path.join(work, 'pgdata'));
  await pglite.waitReady;
  await pglite.query('CREATE EXTENSION IF NOT EXISTS postgis');
  await pglite.query('CREATE TABLE t (id int PRIMARY KEY, at timestamptz, doc jsonb)');
});
afterAll(async () => {
  await pglite.close();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('the embedded database in a thread of its own', () => {
  it('answers rows as PGlite does: numbers, dates, JSON, PostGIS', async () => {
    await pglite.query('INSERT INTO t VALUES ($1, $2, $3)', [1, new Date('2026-12-06T00:00:00Z'), { zone: '禁止开采区' }]);
    const { rows, fields } = await pglite.query<{ id: number; at: Date; doc: unknown; areaM2: number }>(
      `SELECT id, at, doc, ST_Area(ST_MakeEnvelope(110, 30, 110.01, 30.01, 4490)::geography) AS "areaM2" FROM t`,
    );
    expect(rows).toEqual([{ id: 1, at: new Date('2026-12-06T00:00:00Z'), doc: { zone: '禁止开采区' }, areaM2: expect.closeTo(1_066_000, -4) }]);
    expect(fields.map((field) => field.name)).toEqual(['id', 'at', 'doc', 'areaM2']);
  });

  it("carries a statement's error across with its SQLSTATE and fields", async () => {
    const refused = await pglite.query('INSERT INTO t VALUES ($1)', [1]).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(Error);
    expect(refused).toMatchObject({ code: '23505', constraint: 't_pkey', table: 't', message: expect.stringContaining('duplicate key') });
    expect(isDatabaseUnavailable(refused)).toBe(false);
  });

  it('prepares a named statement once and binds new values at each call', async () => {
    const sql = 'SELECT $1::int * 2 AS twice, $2::text AS label';
    const answers = [];
    for (const n of [1, 2, 3]) answers.push((await pglite.query(sql, [n, `第${n}次`], { name: 'twice' })).rows[0]);
    expect(answers).toEqual([
      { twice: 2, label: '第1次' },
      { twice: 4, label: '第2次' },
      { twice: 6, label: '第3次' },
    ]);
    const { rows } = await pglite.query<{ name: string; calls: number }>(
      `SELECT name, generic_plans + custom_plans AS calls FROM pg_prepared_statements WHERE name = 'twice'`,
    );
    expect(rows).toEqual([{ name: 'twice', calls: 3 }]);
    // A failing call leaves the statement usable.
    await expect(pglite.query(sql, ['not a number', 'x'], { name: 'twice' })).rejects.toMatchObject({ code: '22P02' });
    expect((await pglite.query(sql, [5, 'y'], { name: 'twice' })).rows).toEqual([{ twice: 10, label: 'y' }]);
  });

  it("keeps the server's event loop free while a statement runs", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    try {
      await pglite.query('SELECT pg_sleep(0.5)');
    } finally {
      clearInterval(timer);
    }
    // On the calling thread, PGlite would hold the loop for the whole statement: no tick at all.
    expect(ticks).toBeGreaterThan(10);
  });

  it("runs a session's transaction alone: another session's statements wait for its end and never see it half-done", async () => {
    const [writer, reader] = [pglite.session(), pglite.session()];
    const count = () => reader.query<{ n: number }>('SELECT count(*)::int AS n FROM t WHERE id IN (10, 11)').then(({ rows }) => rows[0].n);
    let settled = false;
    await writer.query('BEGIN');
    await writer.query('INSERT INTO t (id) VALUES (10)');
    const duringRolledBack = count().finally(() => (settled = true));
    // A failed statement leaves the transaction open (and failed) until its session ends it.
    await expect(writer.query('INSERT INTO t (id) VALUES (10)')).rejects.toMatchObject({ code: '23505' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(settled).toBe(false);
    await writer.query('ROLLBACK');
    expect(await duringRolledBack).toBe(0);

    await writer.query('BEGIN');
    await writer.query('INSERT INTO t (id) VALUES (10)');
    const duringCommitted = count();
    await writer.query('INSERT INTO t (id) VALUES (11)');
    await writer.query('COMMIT');
    expect(await duringCommitted).toBe(2);
  });

  it('rolls back a transaction whose session is let go, and the others go on', async () => {
    const [writer, reader] = [pglite.session(), pglite.session()];
    await writer.query('BEGIN');
    await writer.query('INSERT INTO t (id) VALUES (20)');
    const read = reader.query<{ n: number }>('SELECT count(*)::int AS n FROM t WHERE id = 20');
    await writer.end();
    expect((await read).rows).toEqual([{ n: 0 }]);
    expect((await pglite.query<{ n: number }>('SELECT count(*)::int AS n FROM t WHERE id = 20')).rows).toEqual([{ n: 0 }]);
  });

  it('fails to open with the reason when the data directory is not a database', async () => {
    const notADatabase = path.join(work, 'file');
    fs.writeFileSync(notADatabase, 'not a data directory');
    const broken = new PGliteThread(notADatabase);
    await expect(broken.waitReady).rejects.toThrow();
    expect(broken.closed).toBe(true);
  });

  it('refuses statements once closed, as a database that cannot be reached', async () => {
    await pglite.close();
    expect(pglite.closed).toBe(true);
    const refused = await pglite.query('SELECT 1').catch((err: unknown) => err);
    expect(isDatabaseUnavailable(refused)).toBe(true);
  });
});

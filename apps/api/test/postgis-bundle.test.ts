import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { keptEntries, slimBundlePath, slimPostgis } from '../src/db/postgis-bundle.ts';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-postgis-bundle-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const entriesOf = (archive: string) =>
  execFileSync('tar', ['-tzf', archive], { encoding: 'utf8', maxBuffer: 1 << 24 }).trim().split('\n');

describe('the trimmed PostGIS archive for the embedded database', () => {
  it('holds PostGIS, its install script and PROJ, and no other library', () => {
    const entries = entriesOf(slimBundlePath());
    const libraries = entries.filter((name) => name.endsWith('.so'));
    expect(libraries).toEqual(['lib/postgresql/postgis-3.so']);
    expect(entries).toContain('share/postgresql/extension/postgis.control');
    expect(entries.some((name) => /^share\/postgresql\/extension\/postgis--\d+\.\d+\.\d+\.sql$/.test(name))).toBe(true);
    expect(entries).toContain('share/proj/proj.db');
    expect(entries.filter((name) => /raster|topology|tiger|--ANY--|unpackaged/.test(name))).toEqual([]);
  });

  it('creates the extension in a new database and measures on the ellipsoid and across projections', async () => {
    const pglite = await PGlite.create(path.join(work, 'pgdata'), { extensions: { postgis: slimPostgis } });
    try {
      await pglite.exec('CREATE EXTENSION postgis');
      const { rows } = await pglite.query<{ areaM2: number; x: number; valid: boolean }>(
        `SELECT ST_Area(ST_MakeEnvelope(110, 30, 110.01, 30.01, 4490)::geography) AS "areaM2",
                ST_X(ST_Transform(ST_SetSRID(ST_Point(110, 30), 4490), 3857)) AS x,
                ST_IsValid(ST_MakeValid('POLYGON((0 0, 1 1, 1 0, 0 1, 0 0))'::geometry)) AS valid`,
      );
      // 0.01° × 0.01° at 30° N on the CGCS2000 ellipsoid; Web Mercator's x of 110° E.
      expect(rows[0]!.areaM2).toBeCloseTo(1_066_000, -4);
      expect(rows[0]!.x).toBeCloseTo(12_245_143.987, 2);
      expect(rows[0]!.valid).toBe(true);
    } finally {
      await pglite.close();
    }
  });

  it('opens with the whole archive when the temporary directory cannot be written', () => {
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = path.join(work, 'no such directory');
    try {
      expect(path.basename(slimBundlePath())).toBe('postgis.tar.gz');
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  });

  it('refuses an archive without PostGIS itself, naming what is missing', () => {
    const dir = path.join(work, 'other');
    fs.mkdirSync(path.join(dir, 'share/proj'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'share/proj/proj.db'), 'not a database');
    execFileSync('tar', ['-cf', path.join(work, 'other.tar'), '-C', dir, 'share']);
    expect(() => keptEntries(fs.readFileSync(path.join(work, 'other.tar')))).toThrow(
      /lacks lib\/postgresql\/postgis-3\.so, share\/postgresql\/extension\/postgis\.control/,
    );
  });

  it('keeps an entry whose name needs a GNU long-name header, with that header', () => {
    const dir = path.join(work, 'long');
    const deep = `share/proj/${'x'.repeat(60)}/${'y'.repeat(60)}.json`;
    for (const name of [deep, 'lib/postgresql/postgis-3.so', 'share/postgresql/extension/postgis.control', 'lib/postgresql/postgis_raster-3.so']) {
      fs.mkdirSync(path.join(dir, path.dirname(name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), name);
    }
    execFileSync('tar', ['--format=gnu', '-cf', path.join(work, 'long.tar'), '-C', dir, 'share', 'lib']);
    fs.writeFileSync(path.join(work, 'long-kept.tar.gz'), zlib.gzipSync(keptEntries(fs.readFileSync(path.join(work, 'long.tar')))));
    const entries = entriesOf(path.join(work, 'long-kept.tar.gz'));
    expect(entries).toContain(deep);
    expect(entries).toContain('lib/postgresql/postgis-3.so');
    expect(entries).not.toContain('lib/postgresql/postgis_raster-3.so');
  });
});

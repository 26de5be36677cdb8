import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openTestDatabase, TEST_ADMIN_PASSWORD, TEST_DATABASES } from './helpers/databases.ts';
import { multipartForm } from './helpers/photo-fixtures.ts';

const MB = 1024 * 1024;
const fixtures = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-import-upload-test-'));
/** The temp folder the server uses during these tests (os.tmpdir() follows TMPDIR): it must be left empty. */
const serverTmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-import-upload-tmp-'));
const previousTmp = process.env.TMPDIR;
afterAll(() => {
  process.env.TMPDIR = previousTmp;
  if (previousTmp === undefined) delete process.env.TMPDIR;
  fs.rmSync(fixtures, { recursive: true, force: true });
  fs.rmSync(serverTmp, { recursive: true, force: true });
});

/** A farmland shapefile of `count` squares with a long text field, written by GDAL's ogr2ogr; its parts. */
function shapefile(count: number): string[] {
  const features = Array.from({ length: count }, (_, i) => {
    const lon = 108.35 + (i % 60) * 0.001;
    const lat = 35.42 + Math.floor(i / 60) * 0.001;
    const ring = [[lon, lat], [lon + 0.0008, lat], [lon + 0.0008, lat + 0.0008], [lon, lat + 0.0008], [lon, lat]];
    return { type: 'Feature', properties: { 名称: `图斑${i}`, 备注: '说明'.repeat(60) }, geometry: { type: 'Polygon', coordinates: [ring] } };
  });
  const source = path.join(fixtures, 'big.src.geojson');
  fs.writeFileSync(source, JSON.stringify({ type: 'FeatureCollection', features }));
  execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=UTF-8', path.join(fixtures, 'big.shp'), source]);
  return ['shp', 'shx', 'dbf', 'prj', 'cpg'].map((ext) => path.join(fixtures, `big.${ext}`));
}

describe.each(TEST_DATABASES)('uploads of an import, streamed to disk (%s)', (kind) => {
  let app: FastifyInstance;
  /** The same server with a cap of 64 MB. */
  let roomy: FastifyInstance;
  let close: () => Promise<void>;
  let cookie: string;
  let parts: string[];
  const importCount = async () => (await app.inject({ url: '/api/layers/farmland/revisions', headers: { cookie } })).json().revisions.length;

  beforeAll(async () => {
    parts = shapefile(3_000);
    const db = await openTestDatabase(kind);
    app = await buildApp({ db, config: { ...loadConfig({}), logLevel: 'warn', importMaxBytes: 1 * MB }, logger: false });
    roomy = await buildApp({ db, config: { ...loadConfig({}), logLevel: 'warn', importMaxBytes: 64 * MB }, logger: false });
    close = async () => {
      await app.close();
      await roomy.close();
      await db.close();
    };
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: TEST_ADMIN_PASSWORD } });
    cookie = `mpm_session=${login.cookies.find((c) => c.name === 'mpm_session')!.value}`;
    process.env.TMPDIR = serverTmp;
  }, 120_000);
  afterAll(async () => close?.());

  const upload = (payload: Buffer | Readable, headers: Record<string, string>, server = app) =>
    server.inject({ method: 'POST', url: '/api/imports', payload, headers: { ...headers, cookie, 'accept-language': 'en' } });

  it('refuses files over IMPORT_MAX_MB together with a named 413, and leaves nothing behind', async () => {
    const sizes = parts.map((file) => fs.statSync(file).size);
    // Each part is within the cap; together they are not.
    expect(Math.max(...sizes)).toBeLessThan(1 * MB);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeGreaterThan(1 * MB);
    const before = await importCount();
    const form = multipartForm({ layer: 'farmland' }, parts.map((file) => ({ field: 'file', name: path.basename(file), type: 'application/octet-stream', bytes: fs.readFileSync(file) })));
    const answer = await upload(form.payload, form.headers);
    expect(answer.statusCode, answer.body).toBe(413);
    expect(answer.json()).toMatchObject({ code: 'importTooLarge', message: expect.stringContaining('IMPORT_MAX_MB') });
    expect(fs.readdirSync(serverTmp)).toEqual([]);
    expect(await importCount()).toBe(before);
  });

  it('never holds an upload whole in memory: a 48 MB file within the cap is read as it streams', async () => {
    const boundary = '----mpmstream';
    const chunk = Buffer.alloc(64 * 1024, 'x');
    async function* body() {
      yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="layer"\r\n\r\nfarmland\r\n`);
      yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`);
      for (let sent = 0; sent < 48 * MB; sent += chunk.length) yield chunk;
      yield Buffer.from(`\r\n--${boundary}--\r\n`);
    }
    const baseline = process.memoryUsage().arrayBuffers;
    let peak = baseline;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().arrayBuffers)), 5);
    try {
      const answer = await upload(Readable.from(body()), { 'content-type': `multipart/form-data; boundary=${boundary}` }, roomy);
      // Read whole, then found to hold no data GDAL reads.
      expect(answer.statusCode, answer.body).toBe(400);
      expect(answer.json()).toMatchObject({ code: 'noDataset', message: expect.stringContaining('big.bin') });
    } finally {
      clearInterval(timer);
    }
    expect(peak - baseline).toBeLessThan(16 * MB);
    expect(fs.readdirSync(serverTmp)).toEqual([]);
  });

  it('previews a shapefile sent as its parts, streamed, and keeps their size and SHA-256', async () => {
    const small = shapefile(200);
    const form = multipartForm({ layer: 'farmland' }, small.map((file) => ({ field: 'file', name: path.basename(file), type: 'application/octet-stream', bytes: fs.readFileSync(file) })));
    const answer = await upload(form.payload, form.headers);
    expect(answer.statusCode, answer.body).toBe(201);
    expect(answer.json().counts.added).toBe(200);
    // The answer is sent before the route's `finally` has removed its folder.
    await vi.waitFor(() => expect(fs.readdirSync(serverTmp).filter((name) => name.startsWith('mpm-import-'))).toEqual([]));
    const committed = await app.inject({ method: 'POST', url: `/api/imports/${answer.json().id}/commit`, headers: { cookie } });
    expect(committed.statusCode, committed.body).toBe(200);
    const hash = crypto.createHash('sha256');
    for (const file of small) hash.update(fs.readFileSync(file));
    expect(committed.json()).toMatchObject({
      fileName: 'big.shp',
      fileSizeBytes: small.reduce((sum, file) => sum + fs.statSync(file).size, 0),
      fileSha256: hash.digest('hex'),
    });
  });
});

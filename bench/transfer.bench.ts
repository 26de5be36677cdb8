import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { buildApp, loadConfig, openDatabase, prepareDatabase, type DatabaseTarget } from '@mpm/api';
import { createRandom } from '@mpm/demo';
import { summary } from './stats.ts';

/**
 * Import and export of a large layer (issue #10): a seeded 50 000-polygon farmland shapefile in
 * GBK, made by GDAL's ogr2ogr, previewed and committed through the real app (`inject`) on PGlite
 * and, with DATABASE_URL, on PostgreSQL (in a database of its own, dropped after); then exported
 * to every format. Baseline, measured in the same run: `ogr2ogr` loading the same shapefile
 * straight into PostGIS (no checks, no preview). Peak resident memory is sampled every 50 ms.
 * While the preview runs, `GET /health` falls due every 50 ms and the event loop's delay is
 * monitored: how well the server keeps answering others during a big import.
 */
const COUNT = Number(process.env.BENCH_FEATURES ?? 50_000);
const PASSWORD = 'bench-admin-password';
/** A box well inside the demo county: every polygon lies in the county, as a real layer's do. */
const BOX = [108.35, 35.4, 108.55, 35.55] as const;

function seededShapefile(dir: string): string {
  const random = createRandom(20_261_205);
  const features = Array.from({ length: COUNT }, (_, i) => {
    const lon = BOX[0] + random.next() * (BOX[2] - BOX[0]);
    const lat = BOX[1] + random.next() * (BOX[3] - BOX[1]);
    const d = 0.0002 + random.next() * 0.0008;
    const ring = [[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]];
    return { type: 'Feature', properties: { 名称: `示范图斑${i + 1}号`, 耕地类型: '永久基本农田' }, geometry: { type: 'Polygon', coordinates: [ring] } };
  });
  const source = path.join(dir, 'source.geojson');
  fs.writeFileSync(source, JSON.stringify({ type: 'FeatureCollection', features }));
  execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=CP936', path.join(dir, 'farmland.shp'), source]);
  const zip = path.join(dir, 'farmland.zip');
  execFileSync('python3', ['-c', 'import sys,zipfile\nwith zipfile.ZipFile(sys.argv[1],"w",zipfile.ZIP_DEFLATED) as z:\n  [z.write(f, f.split("/")[-1]) for f in sys.argv[2:]]', zip, ...['shp', 'shx', 'dbf', 'prj', 'cpg'].map((e) => path.join(dir, `farmland.${e}`))]);
  return zip;
}

/** Runs `work`, returning its seconds and the peak resident memory (MB) seen meanwhile. */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const start = performance.now();
  try {
    const result = await work();
    return { result, seconds: (performance.now() - start) / 1000, peakMb: Math.round(Math.max(peak, process.memoryUsage().rss) / 2 ** 20) };
  } finally {
    clearInterval(timer);
  }
}

/** Health probe period during the preview, in milliseconds. */
const PROBE_MS = 50;

/**
 * Runs `work` while a client asks `GET /health` every {@link PROBE_MS} ms and the event loop is
 * monitored. A probe's latency counts from when it was due, not from when a blocked loop let it
 * be sent: a client whose request falls due while the loop is blocked waits until it is free
 * (else a blocked loop would hide itself by sending fewer probes).
 */
async function probed<T>(app: Awaited<ReturnType<typeof buildApp>>, work: () => Promise<T>) {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const latencies: number[] = [];
  let done = false;
  const probing = (async () => {
    let due = performance.now();
    while (!done) {
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const answer = await app.inject({ url: '/health' });
      if (answer.statusCode !== 200) throw new Error(`/health answered ${answer.statusCode}`);
      const end = performance.now();
      // Every probe that fell due before this one was answered waited for it.
      for (; due <= end; due += PROBE_MS) latencies.push(end - due);
    }
  })();
  loop.enable();
  try {
    return { result: await work(), health: latencies, loop };
  } finally {
    done = true;
    loop.disable();
    await probing;
  }
}

const ms = (n: number) => Number(n.toFixed(1));

function multipart(zip: string) {
  const boundary = '----mpmbench';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="layer"\r\n\r\nfarmland\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="farmland.zip"\r\nContent-Type: application/zip\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), fs.readFileSync(zip), Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function run(target: DatabaseTarget, zip: string) {
  const db = await openDatabase(target);
  try {
    await prepareDatabase(db.knex, { loadDemo: true, adminPassword: PASSWORD });
    const app = await buildApp({ db, config: { ...loadConfig({}), webDist: '', logLevel: 'warn' }, logger: false });
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: PASSWORD } });
    const cookie = `mpm_session=${login.cookies.find((c) => c.name === 'mpm_session')!.value}`;
    const form = multipart(zip);
    const probe = await probed(app, () => measured(() => app.inject({ method: 'POST', url: '/api/imports', payload: form.payload, headers: { ...form.headers, cookie } })));
    const preview = probe.result;
    const health = summary(probe.health);
    const p99 = probe.health.length ? [...probe.health].sort((a, b) => a - b)[Math.ceil(0.99 * probe.health.length) - 1] : NaN;
    const duringPreview = {
      healthProbes: health.runs,
      healthP50Ms: ms(health.p50),
      healthP99Ms: ms(p99),
      healthMaxMs: ms(health.max),
      eventLoopDelayP99Ms: ms(probe.loop.percentile(99) / 1e6),
      eventLoopDelayMaxMs: ms(probe.loop.max / 1e6),
    };
    const body = preview.result.json();
    if (preview.result.statusCode !== 201 || !body.committable) {
      throw new Error(`preview failed: ${JSON.stringify(body.problems?.slice(0, 3) ?? body)}`);
    }
    const commit = await measured(() => app.inject({ method: 'POST', url: `/api/imports/${body.id}/commit`, headers: { cookie } }));
    if (commit.result.statusCode !== 200) throw new Error(`commit failed: ${commit.result.body.slice(0, 300)}`);
    const exports: Record<string, number> = {};
    for (const format of ['geojson', 'shp', 'gpkg', 'kml', 'csv', 'xlsx']) {
      const done = await measured(() => app.inject({ url: `/api/layers/farmland/export?format=${format}`, headers: { cookie } }));
      if (done.result.statusCode !== 200) throw new Error(`export ${format} failed: ${done.result.body.slice(0, 200)}`);
      exports[format] = Number(done.seconds.toFixed(2));
    }
    await app.close();
    return {
      previewS: Number(preview.seconds.toFixed(2)),
      previewPeakMb: preview.peakMb,
      duringPreview,
      commitS: Number(commit.seconds.toFixed(2)),
      peakMb: Math.max(preview.peakMb, commit.peakMb),
      exportS: exports,
    };
  } finally {
    await db.close();
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-bench-transfer-'));
try {
  const zip = seededShapefile(dir);
  const rows: Record<string, unknown>[] = [];
  rows.push({ database: 'pglite', ...(await run({ kind: 'pglite', dataDir: path.join(dir, 'pglite') }, zip)) });
  if (process.env.DATABASE_URL) {
    const name = `mpm_bench_transfer_${process.pid}`;
    const psql = (sql: string) => execFileSync('psql', [process.env.DATABASE_URL!, '-q', '-c', sql]);
    psql(`CREATE DATABASE ${name}`);
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    try {
      rows.push({ database: 'postgres', ...(await run({ kind: 'postgres', url: url.toString() }, zip)) });
      const start = performance.now();
      const pg = `PG:host=${url.hostname} port=${url.port || 5432} dbname=${name} user=${url.username} password=${url.password}`;
      execFileSync('ogr2ogr', ['-f', 'PostgreSQL', pg, path.join(dir, 'farmland.shp'), '-nln', 'baseline_farmland', '-lco', 'GEOMETRY_NAME=geom', '-t_srs', 'EPSG:4490']);
      rows.push({ database: 'postgres', baseline: 'ogr2ogr → PostGIS', seconds: Number(((performance.now() - start) / 1000).toFixed(2)) });
    } finally {
      psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  }
  const result = { features: COUNT, loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))), rows };
  console.log(JSON.stringify(result, null, 2));
  fs.writeFileSync(path.join(import.meta.dirname, 'transfer-results.json'), `${JSON.stringify(result, null, 2)}\n`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

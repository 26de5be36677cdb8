import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '@mpm/api';
import { rssMb, startServer } from './server-process.ts';
import { summary, loadAverage } from './stats.ts';
import { tilesOver, urlOf } from './tile-grid.ts';

/**
 * Start-up of the product on the embedded database (issue #13: a reopen within 3 s, a first
 * start within 15 s). Times, to the first 200 from `/health`, the compiled server as `pnpm start`
 * runs it: once on an empty data directory (create, migrate, load the demo county) and
 * `BENCH_RUNS` (5) times reopening it after a clean stop; and `pnpm start`'s own step before it,
 * `scripts/build.mjs --if-changed` with the web app up to date. Baseline, in the same run: the
 * database alone, PGlite with PostGIS opened on the same directory as the server opens it,
 * answering `SELECT 1`. Resident memory after each start. And what a visitor who comes
 * {@link VISITOR_AFTER_MS} after a reopen waits for: the first `/api/config`, `/api/layers` and a
 * county tile at the county's middle (z12, not the one the warm-up asks for), each the route's first request since the start.
 * Writes `startup-results.json`.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ROOT = path.join(import.meta.dirname, '..');
const round = (n: number, digits = 0) => Number(n.toFixed(digits));
/** When the first visitor comes after a reopen's first `/health`. */
const VISITOR_AFTER_MS = 3000;

/** The first visitor's first requests, one after another: milliseconds each. */
async function firstRequestsMs(url: string): Promise<Record<'config' | 'layers' | 'tile', number>> {
  await new Promise((resolve) => setTimeout(resolve, VISITOR_AFTER_MS));
  const timed = async (path: string) => {
    const started = performance.now();
    const response = await fetch(`${url}${path}`);
    const body = Buffer.from(await response.arrayBuffer());
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    return { ms: performance.now() - started, body };
  };
  const config = (await timed('/api/config')).ms;
  const layers = await timed('/api/layers');
  const county = (JSON.parse(layers.body.toString()) as { layers: { id: string; bounds: number[] }[] }).layers.find((layer) => layer.id === 'county')!;
  const [w, s, e, n] = county.bounds;
  const middle = [(w + e) / 2, (s + n) / 2];
  const tile = tilesOver([...middle, ...middle], ['county']).find((t) => t.z === 12)!;
  return { config, layers: layers.ms, tile: (await timed(urlOf(tile))).ms };
}

/** The database alone: PGlite with PostGIS opened as the server opens it, answering one query. */
async function databaseOpenMs(dataDir: string): Promise<number> {
  const started = performance.now();
  const db = await openDatabase({ kind: 'pglite', dataDir });
  await db.knex.raw('SELECT 1');
  const ms = performance.now() - started;
  await db.close();
  return ms;
}

function buildCheckMs(): number {
  const started = performance.now();
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--if-changed'], { stdio: 'ignore' });
  return performance.now() - started;
}

async function main() {
  if (!fs.existsSync(path.join(ROOT, 'apps/web/dist/.inputs-sha256'))) throw new Error('build first: pnpm build');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-bench-start-'));
  const env = { DATA_DIR: dataDir, ADMIN_PASSWORD: 'bench-startup-secret', LOAD_DEMO: 'true' };
  const loadBefore = loadAverage();
  try {
    const first = await startServer(env);
    const firstRssMb = rssMb(first.process.pid!);
    await first.stop();
    const reopenMs: number[] = [];
    const reopenRssMb: number[] = [];
    const baselineMs: number[] = [];
    const buildMs: number[] = [];
    const visitor: Record<'config' | 'layers' | 'tile', number>[] = [];
    for (let i = 0; i < RUNS; i++) {
      baselineMs.push(await databaseOpenMs(dataDir));
      buildMs.push(buildCheckMs());
      const server = await startServer(env);
      reopenMs.push(server.readyMs);
      reopenRssMb.push(rssMb(server.process.pid!));
      visitor.push(await firstRequestsMs(server.origin));
      await server.stop();
    }
    const output = {
      cores: os.cpus().length,
      runs: RUNS,
      loadAverage: { before: loadBefore, after: loadAverage() },
      firstStartMs: round(first.readyMs),
      firstStartRssMb: firstRssMb,
      reopenMs: summary(reopenMs),
      reopenRssMb: summary(reopenRssMb),
      buildIfChangedMs: summary(buildMs),
      baselineDatabaseOpenMs: summary(baselineMs),
      firstVisitorMs: Object.fromEntries((['config', 'layers', 'tile'] as const).map((key) => [key, summary(visitor.map((v) => v[key]))])),
    };
    console.table({
      'first start (create, migrate, demo)': { p50: output.firstStartMs, goal: 15_000 },
      'reopen, server to /health': { p50: round(output.reopenMs.p50), goal: '' },
      'pnpm start before the server (build --if-changed)': { p50: round(output.buildIfChangedMs.p50), goal: '' },
      'reopen, pnpm start in all': { p50: round(output.reopenMs.p50 + output.buildIfChangedMs.p50), goal: 3000 },
      'baseline: the database alone (PGlite + PostGIS open)': { p50: round(output.baselineDatabaseOpenMs.p50), goal: '' },
    });
    console.log(`${VISITOR_AFTER_MS / 1000} s after a reopen, the first /api/config, /api/layers and tile: p50 ${(['config', 'layers', 'tile'] as const).map((key) => round(output.firstVisitorMs[key]!.p50, 1)).join(', ')} ms`);
    console.log(`RSS after the first start ${firstRssMb} MB, after a reopen p50 ${output.reopenRssMb.p50} MB; load average ${output.loadAverage.before.join(' ')} → ${output.loadAverage.after.join(' ')}`);
    fs.writeFileSync(path.join(import.meta.dirname, 'startup-results.json'), `${JSON.stringify(output, null, 2)}\n`);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();

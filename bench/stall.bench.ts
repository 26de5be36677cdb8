import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '@mpm/api';
import type { CollectionId } from '@mpm/domain';
import { PROPOSAL, checkApp } from './check-app.ts';
import { load, type LoadResult } from './http-load.ts';
import { inOwnDatabase } from './own-database.ts';
import { addRound } from './province-data.ts';
import { randomBlocks } from './shapes.ts';
import { tilesOver, urlOf, warm } from './tile-grid.ts';
import { loadAverage } from './stats.ts';

/**
 * Issue #13: "one long request (a 5 000-patch round, …) does not stall the others: p99 of tiles
 * and checks during such a request stays within 2× of idle". The app with the demo county and a
 * seeded detection round of `BENCH_PATCHES` (5 000) patches; two load generators in processes of
 * their own, 4 connections each, one asking for public tiles (the cache warmed first), the other
 * for checks, for `BENCH_SECONDS` (10): once with nothing else running (idle), once while a third
 * asks, one after another, for the round classified (`GET /api/patches?round=`), the long request.
 * On PGlite and, with DATABASE_URL, on PostgreSQL (`BENCH_DATABASE` picks one). Writes
 * `stall-results.json`.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PATCHES = Number(process.env.BENCH_PATCHES ?? 5000);
const CONNECTIONS = 4;
const ROUND = 'bench long round';
const round = (n: number, digits = 1) => Number(n.toFixed(digits));

async function run(kind: 'pglite' | 'postgres', db: Database) {
  try {
    const { app, origin, cookie } = await checkApp(db, kind);
    await addRound(db.knex, ROUND, PATCHES);
    if (kind === 'postgres') await db.knex.raw('ANALYZE');
    const bounds = (await (await fetch(`${origin}/tiles/county.json`)).json()).bounds as number[];
    const layers = ((await (await fetch(`${origin}/ogc/collections`)).json()).collections as { id: CollectionId }[]).map((c) => c.id);
    const tiles = tilesOver(bounds, layers).map(urlOf);
    await warm(origin, tiles, {});
    const bodies = randomBlocks(20_261_206, 200, 24).map((geometry) => JSON.stringify({ geometry, proposal: PROPOSAL }));
    const roundPath = `/api/patches?round=${encodeURIComponent(ROUND)}`;
    const classify = async () => {
      const response = await fetch(`${origin}${roundPath}`, { headers: { cookie } });
      const { features } = (await response.json()) as { features: unknown[] };
      if (response.status !== 200 || features.length !== PATCHES) throw new Error(`the round answered ${response.status} with ${features.length} patches`);
    };
    await classify(); // warm: plans, PostGIS, the JIT

    const both = () =>
      Promise.all([
        load({ origin, paths: tiles, headers: {}, connections: CONNECTIONS, seconds: SECONDS }),
        load({ origin, paths: ['/api/check'], bodies, headers: { cookie }, connections: CONNECTIONS, seconds: SECONDS }),
      ]);
    const pick = ({ requests, p50, p99, max }: LoadResult) => ({ requests, p50, p99, max });
    const idleLoad = loadAverage();
    const [tilesIdle, checksIdle] = await both();
    const duringLoad = loadAverage();
    // The long requests from a process of their own too: reading 5 000 features here would take
    // the server's thread.
    const [[tilesDuring, checksDuring], long] = await Promise.all([
      both(),
      load({ origin, paths: [roundPath], headers: { cookie }, connections: 1, seconds: SECONDS }),
    ]);
    await app.close();
    if (Object.keys(long.statuses).join() !== '200') throw new Error(`the round answered ${JSON.stringify(long.statuses)}`);
    const result = {
      database: kind,
      patches: PATCHES,
      longRequests: pick(long),
      tiles: { idle: pick(tilesIdle), during: pick(tilesDuring), p99Ratio: round(tilesDuring.p99 / tilesIdle.p99, 2) },
      checks: { idle: pick(checksIdle), during: pick(checksDuring), p99Ratio: round(checksDuring.p99 / checksIdle.p99, 2) },
      loadAverage: { idle: idleLoad, during: duringLoad, after: loadAverage() },
    };
    console.error(`${kind}: ${JSON.stringify(result)}`);
    return result;
  } finally {
    await db.close();
  }
}

const results = [];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-bench-stall-'));
try {
  const only = process.env.BENCH_DATABASE; // 'pglite' or 'postgres': one of the two
  if (only !== 'postgres') results.push(await run('pglite', await openDatabase({ kind: 'pglite', dataDir: dir })));
  if (process.env.DATABASE_URL && only !== 'pglite') {
    results.push(await inOwnDatabase('mpm_bench_stall', async (url) => run('postgres', await openDatabase({ kind: 'postgres', url }))));
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
console.log('\n| database | kind | idle p50 / p99 ms | during the long request p50 / p99 ms | p99 ratio (goal ≤ 2) | long requests: p50, max ms |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const r of results) {
  for (const k of ['tiles', 'checks'] as const) {
    const { requests, p50, max } = r.longRequests;
    console.log(`| ${r.database} | ${k} | ${r[k].idle.p50} / ${r[k].idle.p99} | ${r[k].during.p50} / ${r[k].during.p99} | ${r[k].p99Ratio} | ${requests}: p50 ${p50}, max ${max} |`);
  }
}
fs.writeFileSync(path.join(import.meta.dirname, 'stall-results.json'), `${JSON.stringify({ date: new Date().toISOString(), cpus: os.cpus().length, results }, null, 2)}\n`);

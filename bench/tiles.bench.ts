import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildApp, createRepositories, loadConfig, makeTile, openDatabase, prepareDatabase, type Database, type DatabaseTarget } from '@mpm/api';
import { COLLECTION_IDS, getLayer, type CollectionId } from '@mpm/domain';
import { tilesOver, urlOf, warm, type Tile } from './tile-grid.ts';
import { databaseCpuMs } from './cpu-time.ts';
import { inOwnDatabase } from './own-database.ts';
import { load, saturate, type LoadResult } from './http-load.ts';
import { loadAverage } from './stats.ts';

/**
 * Vector tiles under load (issue #13): every layer's tiles over the demo county at z10–13, asked
 * for by 16 keep-alive connections from a load generator in another process on this machine, on
 * PGlite and, with DATABASE_URL, on PostgreSQL (in a database of its own, analysed after the demo
 * load as autovacuum would, dropped after). Runs: the tile made without the app (PostGIS's
 * `ST_AsMVT`, the baseline, and the Node encoding) 16 at a time; the app with its cache off (each
 * encoder); the app with its cache warm, for the public (public layers and fields) and for staff
 * (every layer and field; a session looked up per request). Encoders are compared in alternating
 * rounds after a warm-up, on tiles per second and on CPU time per tile (the app's process, and
 * PostgreSQL's backends for its database), which a busy machine disturbs less than wall time.
 * Clients send `Accept-Encoding: gzip, deflate, br` as browsers do.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 16;
const PASSWORD = 'bench-admin-password';
const BROWSER = { 'accept-encoding': 'gzip, deflate, br' };

const round = (n: number, digits = 1) => Number(n.toFixed(digits));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const publicFields = (layer: CollectionId) => getLayer(layer).fields.filter((field) => !field.staffOnly);

/** The tiles made without the app, {@link CONNECTIONS} at a time, for `seconds`. */
function direct(db: Database, encoder: 'postgis' | 'node', tiles: Tile[], seconds = SECONDS): Promise<LoadResult> {
  const context = { repos: createRepositories(db.knex) };
  return saturate(CONNECTIONS, seconds, async (i) => {
    const tile = tiles[i % tiles.length];
    await makeTile(context, encoder, tile.layer, publicFields(tile.layer), tile);
  });
}

type App = Awaited<ReturnType<typeof buildApp>>;

/** The app over `db` with the given tile settings, listening on a free loopback port. */
async function serve(db: Database, tileCacheBytes: number, tileEncoder: 'node' | 'postgis'): Promise<{ app: App; origin: string }> {
  const app = await buildApp({ db, config: { ...loadConfig({}), webDist: '', logLevel: 'warn', tileCacheBytes, tileEncoder }, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, origin: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}

/** One measured run: its load figures, CPU time per tile and the load average when it began. */
type Row = LoadResult & { run: string; round: number; appCpuMsPerTile: number; dbCpuMsPerTile?: number; loadAverage: number[] };

async function run(target: DatabaseTarget) {
  const db = await openDatabase(target);
  const rows: Row[] = [];
  const measure = async (name: string, round_: number, work: () => Promise<LoadResult>) => {
    const loadAvg = loadAverage();
    const cpu = process.cpuUsage();
    const { result, cpuMs } = target.kind === 'postgres' ? await databaseCpuMs(db.knex, work) : { result: await work(), cpuMs: undefined };
    const { user, system } = process.cpuUsage(cpu);
    const row: Row = { run: name, round: round_, ...result, appCpuMsPerTile: round((user + system) / 1000 / result.requests, 3), loadAverage: loadAvg };
    if (cpuMs !== undefined) row.dbCpuMsPerTile = round(cpuMs / result.requests, 3);
    rows.push(row);
    console.error(
      `${target.kind} ${name} #${round_}: ${result.perSecond}/s p50 ${result.p50} ms p99 ${result.p99} ms, CPU/tile app ${row.appCpuMsPerTile}` +
        `${row.dbCpuMsPerTile === undefined ? '' : ` + db ${row.dbCpuMsPerTile}`} ms (load ${loadAvg.join(' ')})`,
    );
  };
  try {
    await prepareDatabase(db.knex, { loadDemo: true, adminPassword: PASSWORD });
    if (target.kind === 'postgres') await db.knex.raw('ANALYZE');
    const cached = await serve(db, loadConfig({}).tileCacheBytes, loadConfig({}).tileEncoder);
    const login = await cached.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: PASSWORD } });
    const cookie = `mpm_session=${login.cookies.find((c) => c.name === 'mpm_session')!.value}`;
    const bounds = (await cached.app.inject({ url: '/tiles/county.json' })).json().bounds as number[];
    const publicLayers = (await cached.app.inject({ url: '/ogc/collections' })).json().collections.map((c: { id: CollectionId }) => c.id);
    const publicTiles = tilesOver(bounds, publicLayers);
    const staffTiles = tilesOver(bounds, COLLECTION_IDS);
    const paths = publicTiles.map(urlOf);

    const encoders = target.kind === 'postgres' ? (['postgis', 'node'] as const) : (['node'] as const);
    const uncached = await Promise.all(encoders.map((encoder) => serve(db, 0, encoder)));
    // Warm-up: each encoder's connections, plans and PROJ set up before anything is timed.
    for (const encoder of encoders) await direct(db, encoder, publicTiles, 2);
    for (let r = 1; r <= ROUNDS; r++) {
      for (const encoder of encoders) await measure(`${encoder === 'postgis' ? 'ST_AsMVT' : 'Node encoding'} without the app`, r, () => direct(db, encoder, publicTiles));
      for (const [i, encoder] of encoders.entries()) {
        const name = `app, cache off, ${encoder === 'postgis' ? 'ST_AsMVT' : 'Node encoding'}, public`;
        await measure(name, r, () => load({ origin: uncached[i].origin, paths, headers: BROWSER, connections: CONNECTIONS, seconds: SECONDS }));
      }
    }
    for (const { app } of uncached) await app.close();
    for (const [who, tiles, headers] of [
      ['public', publicTiles, BROWSER],
      ['staff, every layer', staffTiles, { ...BROWSER, cookie }],
    ] as const) {
      const warmPaths = tiles.map(urlOf);
      await warm(cached.origin, warmPaths, headers);
      for (let r = 1; r <= ROUNDS; r++) {
        await measure(`app, cache warm, ${who}`, r, () => load({ origin: cached.origin, paths: warmPaths, headers, connections: CONNECTIONS, seconds: SECONDS }));
      }
    }
    await cached.app.close();
    return { database: target.kind, publicTiles: publicTiles.length, staffTiles: staffTiles.length, rssMb: Math.round(process.memoryUsage().rss / 2 ** 20), rows };
  } finally {
    await db.close();
  }
}

/** Medians over the rounds of each run, and its tiles per second against the baseline's (the first run). */
function summarise(rows: Row[]) {
  const names = [...new Set(rows.map((row) => row.run))];
  const summary = names.map((name) => {
    const of = rows.filter((row) => row.run === name);
    const db = of.every((row) => row.dbCpuMsPerTile !== undefined) ? median(of.map((row) => row.dbCpuMsPerTile!)) : undefined;
    return {
      run: name,
      perSecond: median(of.map((row) => row.perSecond)),
      p50: median(of.map((row) => row.p50)),
      p99: median(of.map((row) => row.p99)),
      appCpuMsPerTile: median(of.map((row) => row.appCpuMsPerTile)),
      ...(db !== undefined && { dbCpuMsPerTile: db }),
      loadAverage1m: median(of.map((row) => row.loadAverage[0])),
    };
  });
  return summary.map((row) => ({ ...row, timesBaseline: round(row.perSecond / summary[0].perSecond, 2) }));
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-bench-tiles-'));
try {
  const results = [await run({ kind: 'pglite', dataDir: path.join(dir, 'pglite') })];
  if (process.env.DATABASE_URL) {
    results.push(await inOwnDatabase('mpm_bench_tiles', (url) => run({ kind: 'postgres', url })));
  }
  const output = {
    cores: os.cpus().length,
    connections: CONNECTIONS,
    seconds: SECONDS,
    rounds: ROUNDS,
    loadAverage: loadAverage(),
    results: results.map((result) => ({ ...result, summary: summarise(result.rows) })),
  };
  for (const result of output.results) console.table(result.summary);
  fs.writeFileSync(path.join(import.meta.dirname, 'tiles-results.json'), `${JSON.stringify(output, null, 2)}\n`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

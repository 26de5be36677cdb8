import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRepositories, openDatabase, type Database, type DatabaseTarget } from '@mpm/api';
import { measurementRequest, type Ruleset } from '@mpm/rules';
import { databaseCpuMs } from './cpu-time.ts';
import { inOwnDatabase } from './own-database.ts';
import { load, oneAtATime, saturate, type LoadResult } from './http-load.ts';
import { randomBlocks } from './shapes.ts';
import { PROPOSAL, checkApp } from './check-app.ts';
import { loadAverage } from './stats.ts';

/**
 * The server's check under load (issue #13): `POST /api/check` with seeded random 24-vertex blocks
 * over the demo county, from 16 keep-alive connections of a load generator in another process on
 * this machine, on PGlite and, with DATABASE_URL, on PostgreSQL (a database of its own, analysed
 * after the demo load as autovacuum would, dropped after). Baseline in the same run: the check's
 * measuring query alone (the checks repository's PostGIS engine, no HTTP, no validation, no
 * verdict), 16 at a time. Also one check at a time (app and baseline; the app's also from one
 * connection of the load generator), and CPU time per check of the app's process (PGlite
 * included) and of PostgreSQL's backends for the bench's database.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 16;
const ALONE = 100;
/** How long the load generator's one connection asks, one check after another. */
const ALONE_SECONDS = 3;
const BLOCKS = 400;
const VERTICES = 24;

const round = (n: number, digits = 1) => Number(n.toFixed(digits));

type Row = { run: string; perSecond?: number; p50: number; p99: number; appCpuMsPerCheck?: number; dbCpuMsPerCheck?: number; statuses?: Record<string, number>; loadAverage: number[] };

async function run(target: DatabaseTarget) {
  const db: Database = await openDatabase(target);
  const rows: Row[] = [];
  const note = (row: Row) => {
    rows.push(row);
    console.error(`${target.kind} ${row.run}: ${JSON.stringify({ ...row, run: undefined })}`);
  };
  const measure = async (name: string, work: () => Promise<LoadResult>) => {
    const loadAvg = loadAverage();
    const cpu = process.cpuUsage();
    const { result, cpuMs } = target.kind === 'postgres' ? await databaseCpuMs(db.knex, work) : { result: await work(), cpuMs: undefined };
    const { user, system } = process.cpuUsage(cpu);
    note({
      run: name,
      perSecond: result.perSecond,
      p50: result.p50,
      p99: result.p99,
      appCpuMsPerCheck: round((user + system) / 1000 / result.requests, 3),
      ...(cpuMs !== undefined && { dbCpuMsPerCheck: round(cpuMs / result.requests, 3) }),
      statuses: result.statuses,
      loadAverage: loadAvg,
    });
  };
  try {
    const { app, origin, cookie } = await checkApp(db, target.kind);
    const blocks = randomBlocks(20_251_213, BLOCKS, VERTICES);
    const bodies = blocks.map((geometry) => JSON.stringify({ geometry, proposal: PROPOSAL }));

    const ruleset = app.ruleset as unknown as Ruleset;
    const engine = createRepositories(db.knex).checks.engine(ruleset.sliverToleranceM2);
    const request = measurementRequest(ruleset, ruleset.bufferDefaults);
    const raw = async (i: number) => {
      await engine.measure(blocks[i % blocks.length], request);
    };
    const check = async (i: number) => {
      const response = await fetch(`${origin}/api/check`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: bodies[i % bodies.length] });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`check answered ${response.status}`);
    };
    // Warm-up: connections, plans, PROJ and the JIT before anything is timed.
    for (let i = 0; i < 20; i++) await Promise.all([raw(i), check(i)]);

    note({ run: 'baseline: measuring query alone, one at a time', ...(await oneAtATime(ALONE, raw)), loadAverage: loadAverage() });
    note({ run: 'app: POST /api/check, one at a time', ...(await oneAtATime(ALONE, check)), loadAverage: loadAverage() });
    // The same from the load generator's process: the client's own work (fetch, parsing the
    // answer) is then not done on the server's event loop between its requests.
    await measure('app: POST /api/check, one connection', () =>
      load({ origin, paths: ['/api/check'], bodies, headers: { cookie }, connections: 1, seconds: ALONE_SECONDS }),
    );
    await measure(`baseline: measuring query alone, ${CONNECTIONS} at a time`, () => saturate(CONNECTIONS, SECONDS, raw));
    await measure(`app: POST /api/check, ${CONNECTIONS} connections`, () =>
      load({ origin, paths: ['/api/check'], bodies, headers: { cookie }, connections: CONNECTIONS, seconds: SECONDS }),
    );
    await app.close();
    return { database: target.kind, rssMb: Math.round(process.memoryUsage().rss / 2 ** 20), rows };
  } finally {
    await db.close();
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-bench-checks-'));
try {
  const only = process.env.BENCH_DATABASE; // 'pglite' or 'postgres': one of the two
  const results = [];
  if (only !== 'postgres') results.push(await run({ kind: 'pglite', dataDir: path.join(dir, 'pglite') }));
  if (process.env.DATABASE_URL && only !== 'pglite') {
    results.push(await inOwnDatabase('mpm_bench_checks', (url) => run({ kind: 'postgres', url })));
  }
  const output = { cores: os.cpus().length, connections: CONNECTIONS, seconds: SECONDS, blocks: BLOCKS, vertices: VERTICES, loadAverage: loadAverage(), results };
  for (const result of results) console.table(result.rows.map(({ statuses: _, ...row }) => ({ ...row, loadAverage: row.loadAverage[0] })));
  const file = process.env.BENCH_OUT ?? path.join(import.meta.dirname, 'checks-results.json');
  fs.writeFileSync(file, `${JSON.stringify(output, null, 2)}\n`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import { buildApp, loadConfig, openDatabase, type DatabaseTarget } from '@mpm/api';
import { inOwnDatabase } from './own-database.ts';
import { load } from './http-load.ts';
import { randomBlocks } from './shapes.ts';
import { PROPOSAL, checkApp } from './check-app.ts';

/**
 * Where the app's CPU goes during `POST /api/check` under load (issue #13): the checks bench's
 * load (16 connections from another process, the same seeded blocks) against the app in this
 * process, with V8's sampling profiler on only while the load runs. Writes the profile
 * (`BENCH_PROFILE`, default checks.cpuprofile in the temp directory; open it in Chrome's DevTools)
 * and prints self time by function and by file or package. PostgreSQL with DATABASE_URL (a
 * database of its own), else PGlite; `BENCH_DATABASE` picks one.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const OUT = process.env.BENCH_PROFILE ?? path.join(os.tmpdir(), 'checks.cpuprofile');
const TOP = 30;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code lives: a package of node_modules, a source file of the workspace, or V8/Node. */
function placeOf(url: string): string {
  if (!url) return '(native)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (url.startsWith('node:')) return url;
  return url.replace(/^file:\/\//, '').replace(`${path.resolve(import.meta.dirname, '..')}/`, '');
}

/** Self milliseconds by function and by place, and the total, from a V8 CPU profile. */
export function selfTimes(profile: Profile) {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFunction = new Map<string, number>();
  const byPlace = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byNode.get(id)!.callFrame;
    const place = placeOf(url);
    const key = `${functionName || '(anonymous)'} ${place}${url ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us / 1000);
    byPlace.set(place, (byPlace.get(place) ?? 0) + us / 1000);
    total += us / 1000;
  }
  // Inclusive time: each sample counts once for every distinct function on its stack.
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const inclusive = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const { functionName, url, lineNumber } = byNode.get(at)!.callFrame;
      if (!url) continue;
      seen.add(`${functionName || '(anonymous)'} ${placeOf(url)}:${lineNumber + 1}`);
    }
    for (const key of seen) inclusive.set(key, (inclusive.get(key) ?? 0) + us / 1000);
  }
  const top = (map: Map<string, number>, n = TOP) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
  return { total, byFunction: top(byFunction), byPlace: top(byPlace), inclusive: top(inclusive, 80) };
}

/**
 * PostgreSQL's own time for each statement of a check: `log_min_duration_statement = 0` for this
 * database (new connections only: a second app on a pool of its own), 50 checks one at a time,
 * then the server log's `duration:` lines of this database, averaged per statement and step.
 * Needs the server's log readable here (`BENCH_STATEMENT_LOG`, its path).
 */
async function statementTimes(url: string, bodies: readonly string[], cookie: string) {
  const logFile = process.env.BENCH_STATEMENT_LOG!;
  const name = new URL(url).pathname.slice(1);
  const from = fs.statSync(logFile).size;
  const db = await openDatabase({ kind: 'postgres', url });
  await db.knex.raw(`ALTER DATABASE ${name} SET log_min_duration_statement = 0`);
  await db.knex.destroy();
  const logged = await openDatabase({ kind: 'postgres', url });
  const app = await buildApp({ db: logged, config: { ...loadConfig({}), webDist: '', logLevel: 'warn', checksPerMinute: 10_000_000 }, logger: false });
  const CHECKS = 50;
  for (let i = 0; i < CHECKS; i++) {
    await app.inject({ method: 'POST', url: '/api/check', headers: { cookie, 'content-type': 'application/json' }, payload: bodies[i] });
  }
  await app.close();
  await logged.knex.raw(`ALTER DATABASE ${name} RESET log_min_duration_statement`);
  await logged.close();
  const text = fs.readFileSync(logFile, 'utf8').slice(from);
  const times = new Map<string, number[]>();
  for (const line of text.split('\n')) {
    const match = line.match(new RegExp(`@${name} LOG:  duration: ([\\d.]+) ms  (parse|bind|execute) ([^:]*): (.{0,90})`));
    if (!match) continue;
    const key = `${match[2]} ${match[3].startsWith('check_measure') ? 'check_measure_…' : match[3]} ${match[4].replace(/\s+/g, ' ')}`;
    times.set(key, [...(times.get(key) ?? []), Number(match[1])]);
  }
  console.log(`\nPostgreSQL statement times over ${CHECKS} checks one at a time (ms per check; count):`);
  for (const [key, list] of [...times].sort((a, b) => b[1].reduce((x, y) => x + y) - a[1].reduce((x, y) => x + y))) {
    console.log(`  ${(list.reduce((x, y) => x + y) / CHECKS).toFixed(3).padStart(7)}  (${list.length})  ${key}`);
  }
}

async function profileChecks(target: DatabaseTarget) {
  const db = await openDatabase(target);
  try {
    const { app, origin, cookie } = await checkApp(db, target.kind);
    const bodies = randomBlocks(20_251_213, 400, 24).map((geometry) => JSON.stringify({ geometry, proposal: PROPOSAL }));
    const run = (seconds: number) => load({ origin, paths: ['/api/check'], bodies, headers: { cookie }, connections: 16, seconds });
    await run(2); // warm-up: plans, PROJ, the JIT

    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    const cpu = process.cpuUsage();
    const result = await run(SECONDS);
    const { user, system } = process.cpuUsage(cpu);
    const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
    session.disconnect();
    await app.close();
    fs.writeFileSync(OUT, JSON.stringify(profile));

    const { total, byFunction, byPlace, inclusive } = selfTimes(profile);
    const perCheck = (ms: number) => (ms / result.requests).toFixed(3);
    console.log(`${target.kind}: ${result.perSecond} checks/s, p50 ${result.p50} / p99 ${result.p99} ms, ${result.requests} checks; app CPU ${perCheck((user + system) / 1000)} ms/check (user ${perCheck(user / 1000)}, system ${perCheck(system / 1000)}); load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    console.log(`profile: ${OUT}, ${total.toFixed(0)} ms sampled (${perCheck(total)} ms/check, idle included)`);
    console.log('\nself ms/check by file or package:');
    for (const [place, ms] of byPlace) console.log(`  ${perCheck(ms).padStart(7)}  ${place}`);
    console.log('\nself ms/check by function:');
    for (const [fn, ms] of byFunction) console.log(`  ${perCheck(ms).padStart(7)}  ${fn}`);
    console.log('\ninclusive ms/check by function (itself and what it calls):');
    for (const [fn, ms] of inclusive) console.log(`  ${perCheck(ms).padStart(7)}  ${fn}`);
    if (target.kind === 'postgres' && process.env.BENCH_STATEMENT_LOG) await statementTimes(target.url, bodies, cookie);
  } finally {
    await db.close();
  }
}

if (process.argv[1] === import.meta.filename) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-bench-profile-'));
  try {
    const only = process.env.BENCH_DATABASE;
    if (process.env.DATABASE_URL && only !== 'pglite') await inOwnDatabase('mpm_bench_profile', (url) => profileChecks({ kind: 'postgres', url }));
    else await profileChecks({ kind: 'pglite', dataDir: path.join(dir, 'pglite') });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

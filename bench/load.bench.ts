import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inOwnDatabase } from './own-database.ts';
import { randomBlocks } from './shapes.ts';
import { createRandom } from '@mpm/demo';
import type { CollectionId } from '@mpm/domain';
import { tilesOver, urlOf } from './tile-grid.ts';
import { lazyFreeMb, rssMb, startServer } from './server-process.ts';
import { loadAverage } from './stats.ts';

/**
 * The mixed load of issue #14: the compiled server (`apps/api/dist/server.mjs`, as `pnpm start`
 * runs it) in a process of its own, on a data directory of its own (PGlite) and, with DATABASE_URL,
 * on a database of its own (dropped after), loaded from this process by 16 keep-alive connections
 * on loopback with public tiles, OGC items, checks, site cards, ledger writes and patch rounds, for
 * BENCH_SECONDS (300) after BENCH_WARMUP_SECONDS (300) of the same mix. The server's resident memory
 * (VmRSS) is read every 10 s, and compared where the server is in the same state: idle for
 * BENCH_SETTLE_SECONDS (15) after the warm-up and again after the run, then after a full garbage
 * collection (idle, V8 does not always collect: the heap may still hold 150 MB of garbage). Errors:
 * any answer but 200/201/204/304, or a connection that failed. Each connection is a client of its
 * own (X-Forwarded-For, with TRUST_PROXY), as staff on many desks are: the per-client rate limits
 * are not what is measured.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 300);
/** Long enough for the server's memory to level off (session 14: within 300 s, not within 30). */
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 300);
const SETTLE_SECONDS = Number(process.env.BENCH_SETTLE_SECONDS ?? 15);
const PROFILE_DIR = process.env.BENCH_CPU_PROFILE_DIR;
const CONNECTIONS = 16;
const PASSWORD = 'bench-load-password';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = path.join(ROOT, 'bench/load-results.json');
/** Patches per patch round (a township's monthly round is tens to hundreds). */
const PATCHES_PER_ROUND = 20;

/**
 * The mix: how many of each kind in every 40 requests, in this interleaved order. `tile` is a tile
 * of a layer the mix does not write, made once and then answered from the cache; `patchTile` one
 * of the change patches' layer, which every patch round changes, so mostly made afresh.
 */
const KINDS = ['tile', 'patchTile', 'ogcItems', 'check', 'siteCard', 'ledgerWrite', 'patchRound'] as const;
type Kind = (typeof KINDS)[number];
const MIX: Record<Kind, number> = { tile: 15, patchTile: 1, ogcItems: 8, check: 6, siteCard: 6, ledgerWrite: 3, patchRound: 1 };
/** The layer the patch rounds write. */
const WRITTEN_LAYER: CollectionId = 'change_patches';
/** Goals of the speed issue (#13) that apply to a kind: p99 in ms, per database (its tile goal is for cached tiles). */
const P99_GOALS: Partial<Record<Kind, { postgres: number; pglite: number }>> = {
  tile: { postgres: 20, pglite: 20 },
  check: { postgres: 40, pglite: 100 },
};

/** Answers that are not errors (204: a tile with nothing on it). */
const OK = [200, 201, 204, 304];
const round = (n: number, digits = 1) => Number(n.toFixed(digits));
const changePercent = (from: number, to: number) => round(((to - from) / from) * 100);
const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** The schedule of kinds: the mix spread evenly over one cycle. */
function schedule(): Kind[] {
  const slots: { kind: Kind; at: number }[] = [];
  for (const kind of KINDS) for (let i = 0; i < MIX[kind]; i++) slots.push({ kind, at: (i + 0.5) / MIX[kind] });
  return slots.sort((a, b) => a.at - b.at).map((slot) => slot.kind);
}

/** Where the server's memory is, in MB, as its memory probe (`memory-probe.mjs`) last wrote it. */
function memoryMb(probeFile: string) {
  const usage = JSON.parse(fs.readFileSync(probeFile, 'utf8')) as NodeJS.MemoryUsage;
  const mb = (bytes: number) => round(bytes / 2 ** 20);
  // `external` includes `arrayBuffers`; what RSS holds beyond the heap and those is native memory.
  return { heapUsed: mb(usage.heapUsed), heapTotal: mb(usage.heapTotal), external: mb(usage.external), arrayBuffers: mb(usage.arrayBuffers), native: mb(usage.rss - usage.heapTotal - usage.external) };
}

/** The server thread over the probe's last second: its share of time busy, and how late its timers ran. */
interface EventLoop {
  utilizationPercent: number;
  delayP50Ms: number;
  delayP99Ms: number;
}

function eventLoop(probeFile: string): EventLoop {
  const { loop } = JSON.parse(fs.readFileSync(probeFile, 'utf8')) as { loop: { utilization: number; delayP50Ms: number; delayP99Ms: number } };
  return { utilizationPercent: round(loop.utilization * 100), delayP50Ms: round(loop.delayP50Ms), delayP99Ms: round(loop.delayP99Ms) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Resident memory once the server has been idle for {@link SETTLE_SECONDS}, and where it is; then
 * where it is 5 s after a full garbage collection (asked of the probe by a file): `heapUsed` then is what is
 * still reachable, so a growth there is memory held, not garbage not yet collected.
 */
async function settledMemory(pid: number, probeFile: string) {
  await sleep(SETTLE_SECONDS * 1000);
  const settled = { rssMb: rssMb(pid), lazyFreeMb: lazyFreeMb(pid), ...memoryMb(probeFile) };
  fs.rmSync(probeFile);
  fs.writeFileSync(`${probeFile}.collect`, '');
  for (const deadline = Date.now() + 30_000; !fs.existsSync(probeFile) || !JSON.parse(fs.readFileSync(probeFile, 'utf8')).collected; await sleep(100)) {
    if (Date.now() > deadline) throw new Error('the memory probe did not collect within 30 s');
  }
  // V8 gives the pages it freed back to the system from a background task, within seconds (seen:
  // 199 MB at once, 162 MB 5 s later, the heap unchanged).
  await sleep(5000);
  return { ...settled, afterCollection: { rssMb: rssMb(pid), lazyFreeMb: lazyFreeMb(pid), ...memoryMb(probeFile) } };
}

interface Answer {
  status: number;
  body: string;
}

/** One HTTP client over keep-alive connections. */
function client(origin: string, cookie: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const ask = (method: string, url: string, body?: string, forwardedFor?: string) =>
    new Promise<Answer>((resolve, reject) => {
      const headers: Record<string, string> = { cookie, 'accept-encoding': 'gzip, deflate, br', 'accept-language': 'en' };
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (forwardedFor) headers['x-forwarded-for'] = forwardedFor;
      const request = http.request(`${origin}${url}`, { agent, method, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
        // A connection closed before the answer's end is an error, not a wait without end.
        response.on('close', () => reject(new Error(`connection closed after ${Buffer.concat(chunks).length} bytes of a ${response.statusCode} answer`)));
      });
      request.on('error', reject);
      request.on('close', () => reject(new Error('connection closed before an answer')));
      request.end(body);
    });
  return { ask, close: () => agent.destroy() };
}

/** A square of about 30 m around a point, lon/lat. */
function square([lon, lat]: number[]): GeoJSON.Polygon {
  const d = 0.00015;
  return { type: 'Polygon', coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]] };
}

/** What one kind of request does, given a running count. */
type Request = (n: number) => { method: string; url: string; body?: string };

interface KindResult {
  requests: number;
  p50: number;
  p99: number;
  max: number;
  statuses: Record<string, number>;
  errors: number;
}

/**
 * Runs the mix from {@link CONNECTIONS} callers for `seconds`; per kind: latencies and statuses.
 * Every caller is a client address of its own; each round of the schedule starts at a different
 * offset per caller, so the kinds overlap all the time.
 */
async function runMix(
  ask: ReturnType<typeof client>['ask'],
  requests: Record<Kind, Request>,
  counters: Record<Kind, number>,
  seconds: number,
  onTick?: () => void,
) {
  const order = schedule();
  const latencies = Object.fromEntries(KINDS.map((k) => [k, [] as number[]])) as Record<Kind, number[]>;
  const statuses = Object.fromEntries(KINDS.map((k) => [k, {} as Record<string, number>])) as Record<Kind, Record<string, number>>;
  const firstErrors: string[] = [];
  const end = performance.now() + seconds * 1000;
  const ticker = onTick && setInterval(onTick, 10_000);
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, c) => {
      for (let i = Math.floor((c * order.length) / CONNECTIONS); performance.now() < end; i++) {
        const kind = order[i % order.length];
        const { method, url, body } = requests[kind](counters[kind]++);
        // A pool of client addresses larger than any per-minute limit needs; bounded, as real staff are.
        const forwardedFor = `10.${20 + c}.${(i >> 8) & 15}.${i & 255}`;
        const sent = performance.now();
        let status: number | string;
        try {
          const answer = await ask(method, url, body, forwardedFor);
          status = answer.status;
          if (!OK.includes(answer.status) && firstErrors.length < 10) firstErrors.push(`${kind} ${method} ${url} ${answer.status}: ${answer.body.slice(0, 300)}`);
        } catch (err) {
          status = `failed: ${(err as Error).message}`;
          if (firstErrors.length < 10) firstErrors.push(`${kind} ${method} ${url}: ${(err as Error).message}`);
        }
        latencies[kind].push(performance.now() - sent);
        statuses[kind][status] = (statuses[kind][status] ?? 0) + 1;
      }
    }),
  );
  if (ticker) clearInterval(ticker);
  const byKind = Object.fromEntries(
    KINDS.map((kind) => {
      const sorted = latencies[kind].sort((a, b) => a - b);
      const errors = Object.entries(statuses[kind]).reduce((sum, [status, count]) => sum + (OK.includes(Number(status)) ? 0 : count), 0);
      const result: KindResult = { requests: sorted.length, p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1) ?? NaN), statuses: statuses[kind], errors };
      return [kind, result];
    }),
  ) as Record<Kind, KindResult>;
  return { byKind, firstErrors };
}

/** Builds each kind's requests from what the running server says about the county. */
async function prepareRequests(ask: ReturnType<typeof client>['ask']): Promise<Record<Kind, Request>> {
  const bounds = JSON.parse((await ask('GET', '/tiles/county.json')).body).bounds as number[];
  const publicLayers = (JSON.parse((await ask('GET', '/ogc/collections')).body).collections as { id: CollectionId }[]).map((c) => c.id);
  if (!publicLayers.includes(WRITTEN_LAYER)) throw new Error(`the bench's user does not see ${WRITTEN_LAYER}`);
  const tileUrls = (layers: CollectionId[]) => tilesOver(bounds, layers, 20_261_206).map(urlOf);
  const tiles = tileUrls(publicLayers.filter((layer) => layer !== WRITTEN_LAYER));
  const patchTiles = tileUrls([WRITTEN_LAYER]);
  const blocks = randomBlocks(20_261_214, 400, 24);
  const checks = blocks.map((geometry) => JSON.stringify({ geometry, proposal: { mineral: 'brickClay', capacity10ktPerYear: 15, rightKind: 'new' } }));
  // Points inside the county (a site card outside it is refused, rightly): tried once each, before the clock runs.
  const candidates = blocks.map((block) => block.coordinates[0][0]);
  const points: number[][] = [];
  for (const point of candidates) {
    if (points.length >= 200) break;
    const answer = await ask('POST', '/api/site-check', JSON.stringify({ geometry: { type: 'Point', coordinates: point } }), `10.250.${points.length >> 8}.${points.length & 255}`);
    if (answer.status === 200) points.push(point);
  }
  if (points.length < 20) throw new Error(`only ${points.length} site points inside the county`);
  const random = createRandom(20_261_215);
  const boxes = Array.from({ length: 200 }, () => {
    const [w, s, e, n] = bounds;
    const lon = w + random.next() * (e - w) * 0.9;
    const lat = s + random.next() * (n - s) * 0.9;
    return [lon, lat, lon + (e - w) * 0.1, lat + (n - s) * 0.1].map((v) => v.toFixed(5)).join(',');
  });
  const stamp = Date.now().toString(36);
  return {
    tile: (n) => ({ method: 'GET', url: tiles[n % tiles.length] }),
    patchTile: (n) => ({ method: 'GET', url: patchTiles[n % patchTiles.length] }),
    ogcItems: (n) => ({ method: 'GET', url: `/ogc/collections/${publicLayers[n % publicLayers.length]}/items?limit=100&bbox=${boxes[n % boxes.length]}` }),
    check: (n) => ({ method: 'POST', url: '/api/check', body: checks[n % checks.length] }),
    siteCard: (n) => ({ method: 'POST', url: '/api/site-check', body: JSON.stringify({ geometry: { type: 'Point', coordinates: points[n % points.length] } }) }),
    ledgerWrite: (n) => ({
      method: 'POST',
      url: '/api/ledger',
      body: JSON.stringify({ title: `负载台账 ${stamp}-${n}`, source: 'siteCheck', geometry: square(points[n % points.length]) }),
    }),
    patchRound: (n) => {
      const features = Array.from({ length: PATCHES_PER_ROUND }, (_, i) => ({
        type: 'Feature',
        properties: { code: `LOAD-${stamp}-${n}-${i}` },
        geometry: square(points[(n * PATCHES_PER_ROUND + i) % points.length].map((v, axis) => v + (axis ? 0.0004 : -0.0004))),
      }));
      const body = { detectionRound: `负载第${stamp}-${n}轮`, detectedOn: '2026-03-01', features: { type: 'FeatureCollection', features } };
      return { method: 'POST', url: '/api/patches', body: JSON.stringify(body) };
    },
  };
}

async function run(kind: 'pglite' | 'postgres', databaseUrl?: string) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-load-'));
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    ADMIN_PASSWORD: PASSWORD,
    LOAD_DEMO: 'true',
    TRUST_PROXY: 'true',
    CHECKS_PER_MINUTE: '100000',
    WEB_DIST: path.join(dataDir, 'no-web'),
    SWEEP_CHECK_MINUTES: '0',
    NODE_OPTIONS: `--import=${pathToFileURL(path.join(ROOT, 'bench/memory-probe.mjs')).href}`,
    MEMORY_PROBE_FILE: path.join(dataDir, 'memory.json'),
    ...(databaseUrl && { DATABASE_URL: databaseUrl }),
  };
  // BENCH_CPU_PROFILE_DIR: the server writes a CPU profile of its main thread there when it stops.
  const server = await startServer(env, undefined, PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []);
  const startSeconds = round(server.readyMs / 1000);
  const pid = server.process.pid!;
  const rssAfterStartMb = rssMb(pid);
  try {
    if (databaseUrl) execFileSync('psql', [databaseUrl, '-q', '-c', 'ANALYZE']);
    const login = await fetch(`${server.origin}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    const setCookie = login.headers.get('set-cookie') ?? '';
    const cookie = setCookie.split(';')[0];
    if (login.status !== 200 || !cookie.startsWith('mpm_session=')) throw new Error(`login answered ${login.status}`);
    const http_ = client(server.origin, cookie);
    const requests = await prepareRequests(http_.ask);

    console.error(`${kind}: started in ${startSeconds} s (RSS ${rssAfterStartMb} MB); warm-up ${WARMUP_SECONDS} s`);
    // Counted across the warm-up and the run: every ledger title and patch round is new.
    const counters = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
    const warmup = await runMix(http_.ask, requests, counters, WARMUP_SECONDS);
    const afterWarmup = await settledMemory(pid, env.MEMORY_PROBE_FILE);
    const rssAfterWarmupMb = afterWarmup.rssMb;
    const loadBefore = loadAverage();
    const series: { s: number; rssMb: number; heapUsedMb: number; externalMb: number; load1: number; loop: EventLoop }[] = [];
    const t0 = performance.now();
    console.error(`${kind}: RSS after warm-up ${rssAfterWarmupMb} MB; load ${SECONDS} s (load average ${loadBefore.join(' ')})`);
    const measured = await runMix(http_.ask, requests, counters, SECONDS, () => {
      const { heapUsed, external } = memoryMb(env.MEMORY_PROBE_FILE);
      const loop = eventLoop(env.MEMORY_PROBE_FILE);
      series.push({ s: Math.round((performance.now() - t0) / 1000), rssMb: rssMb(pid), heapUsedMb: heapUsed, externalMb: external, load1: round(os.loadavg()[0], 2), loop });
      const last = series.at(-1)!;
      console.error(
        `${kind}: ${last.s} s RSS ${last.rssMb} MB (heap used ${last.heapUsedMb}, outside the heap ${last.externalMb}) load ${last.load1}; ` +
          `server thread busy ${loop.utilizationPercent} %, its timers late p50 ${loop.delayP50Ms} p99 ${loop.delayP99Ms} ms`,
      );
    });
    const rssUnderLoadAtEndMb = rssMb(pid);
    const atEnd = await settledMemory(pid, env.MEMORY_PROBE_FILE);
    const rssAtEndMb = atEnd.rssMb;
    http_.close();
    const errors = Object.values(measured.byKind).reduce((sum, k) => sum + k.errors, 0) + Object.values(warmup.byKind).reduce((sum, k) => sum + k.errors, 0);
    const goals = Object.fromEntries(
      Object.entries(P99_GOALS).map(([k, goal]) => [k, { p99GoalMs: goal[kind], p99Ms: measured.byKind[k as Kind].p99, met: measured.byKind[k as Kind].p99 <= goal[kind] }]),
    );
    const rssChangePercent = changePercent(rssAfterWarmupMb, rssAtEndMb);
    // The goal's comparison: the server in the same state at both ends, idle and fully collected
    // (idle alone, the heap holds whatever garbage the last collection left: ±100 MB on PostgreSQL).
    const collected = { afterWarmupMb: afterWarmup.afterCollection.rssMb, atEndMb: atEnd.afterCollection.rssMb };
    const collectedChangePercent = changePercent(collected.afterWarmupMb, collected.atEndMb);
    const result = {
      database: kind,
      seconds: SECONDS,
      warmupSeconds: WARMUP_SECONDS,
      connections: CONNECTIONS,
      mixPer40: MIX,
      startSeconds,
      requests: Object.values(measured.byKind).reduce((sum, k) => sum + k.requests, 0),
      perSecond: round(Object.values(measured.byKind).reduce((sum, k) => sum + k.requests, 0) / SECONDS),
      errors,
      firstErrors: [...warmup.firstErrors, ...measured.firstErrors],
      byKind: measured.byKind,
      warmupByKind: warmup.byKind,
      goals,
      rss: { afterStartMb: rssAfterStartMb, afterWarmupMb: rssAfterWarmupMb, underLoadAtEndMb: rssUnderLoadAtEndMb, atEndMb: rssAtEndMb, settleSeconds: SETTLE_SECONDS, changePercent: rssChangePercent, collected: { ...collected, changePercent: collectedChangePercent }, within10Percent: Math.abs(collectedChangePercent) <= 10, series, afterWarmup, atEnd },
      loadAverage: { before: loadBefore, after: loadAverage() },
    };
    console.error(`${kind}: ${result.requests} requests, ${errors} errors, RSS idle and collected ${collected.afterWarmupMb} → ${collected.atEndMb} MB (${collectedChangePercent} %)`);
    return result;
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function table(results: Awaited<ReturnType<typeof run>>[]) {
  console.log('\n| database | kind | requests | p50 ms | p99 ms | max ms | errors |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    for (const kind of KINDS) {
      const k = r.byKind[kind];
      console.log(`| ${r.database} | ${kind} | ${k.requests} | ${k.p50} | ${k.p99} | ${k.max} | ${k.errors} |`);
    }
    console.log(`| ${r.database} | all | ${r.requests} (${r.perSecond}/s) | | | | ${r.errors} |`);
  }
  for (const r of results) {
    console.log(`${r.database}: RSS after start ${r.rss.afterStartMb} MB, after warm-up and ${SETTLE_SECONDS} s idle ${r.rss.afterWarmupMb} MB, under load at the end ${r.rss.underLoadAtEndMb} MB, after the run and ${SETTLE_SECONDS} s idle ${r.rss.atEndMb} MB (${r.rss.changePercent} %); idle and collected ${r.rss.collected.afterWarmupMb} → ${r.rss.collected.atEndMb} MB (${r.rss.collected.changePercent} %)`);
    for (const [when, m] of [['after warm-up', r.rss.afterWarmup], ['at the end', r.rss.atEnd]] as const) {
      const c = m.afterCollection;
      console.log(`  ${when}: heap used ${m.heapUsed} of ${m.heapTotal} MB, outside the heap ${m.external} MB (ArrayBuffers ${m.arrayBuffers}), native ${m.native} MB`);
      console.log(`    after a full collection: RSS ${c.rssMb} MB (given back lazily ${c.lazyFreeMb} MB), heap used ${c.heapUsed} of ${c.heapTotal} MB, outside the heap ${c.external} MB, native ${c.native} MB`);
    }
  }
}

// The server as `pnpm start` runs it: compiled from the sources (in under a second).
execFileSync(process.execPath, [path.join(ROOT, 'apps/api/scripts/compile.mjs')], { stdio: 'inherit' });
const only = process.env.BENCH_DATABASE;
const results = [];
if (!only || only === 'pglite') results.push(await run('pglite'));
if (process.env.DATABASE_URL && (!only || only === 'postgres')) results.push(await inOwnDatabase('mpm_bench_load', (url) => run('postgres', url)));
table(results);
fs.writeFileSync(RESULTS, `${JSON.stringify({ date: new Date().toISOString(), cpus: os.cpus().length, results }, null, 2)}\n`);
console.log(`\nwritten ${path.relative(ROOT, RESULTS)}`);
if (results.some((r) => r.errors > 0)) process.exitCode = 1;

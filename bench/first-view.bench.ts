import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page, type Request } from 'playwright-core';
import { SERVER, startServer } from './server-process.ts';
import { summary, type Latency, loadAverage } from './stats.ts';

/**
 * The web app's first view (issue #13: "the map visible within 2 s of navigation on this machine,
 * headless Chromium"). Starts the compiled server as `pnpm start` runs it, on a fresh embedded
 * database with the demo county (creating it is not timed), and opens the app in headless Debian
 * Chromium `BENCH_RUNS` times, each in a new browser context (an empty cache: a first visit),
 * then as often again in one context (a returning visitor: the cache warm). For each visit: the
 * first contentful paint, the map's style loaded (`load`), and the map complete (every tile of
 * the view loaded and drawn, `idle`), all from the navigation's start, with the JavaScript
 * transferred. Baseline, in the same run: the same browser opening the server's `/health`, the
 * cost of a navigation with nothing to load. Writes `first-view-results.json`.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const GOAL_MS = 2000;
const WEB_INDEX = path.join(import.meta.dirname, '../apps/web/dist/index.html');
const round = (n: number, digits = 0) => Number(n.toFixed(digits));

interface Visit {
  firstContentfulPaintMs: number;
  mapLoadMs: number;
  mapIdleMs: number;
  scriptKiB: number;
  requests: number;
  /** Requests the browser made until the map was complete, counted at the network (MapLibre's worker fetches tiles, which the page's resource timing leaves out), by kind. */
  network: { all: number; tiles: number; tilejson: number; api: number };
  /** Each request of the visit: path, start and end (ms from the navigation's start). */
  timeline: [string, number, number][];
}

/** Opens the app in `page` and times it from the navigation's start, as the page's own clock says. */
async function visit(page: Page, url: string): Promise<Visit> {
  const paths: string[] = [];
  const onRequest = (request: Request) => paths.push(new URL(request.url()).pathname);
  page.context().on('request', onRequest);
  try {
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => !!window.__mpmMap, undefined, { timeout: 60_000, polling: 'raf' });
    const timing = (await page.evaluate(IN_PAGE_TIMING)) as Omit<Visit, 'network'>;
    const count = (test: (path: string) => boolean) => paths.filter(test).length;
    const network = {
      all: paths.length,
      tiles: count((p) => p.startsWith('/tiles/') && p.endsWith('.mvt')),
      tilejson: count((p) => p.startsWith('/tiles/') && p.endsWith('.json')),
      api: count((p) => p.startsWith('/api/')),
    };
    return { ...timing, network };
  } finally {
    page.context().off('request', onRequest);
  }
}

/**
 * Run in the page, as text: `tsx` names the functions it compiles with a helper the page does not
 * have. Resolves when the map is complete (`idle` with every tile), with the page's own clock.
 */
const IN_PAGE_TIMING = `new Promise((resolve) => {
  const map = window.__mpmMap;
  let mapLoadMs;
  if (map.loaded()) mapLoadMs = performance.now();
  else map.once('load', () => (mapLoadMs = performance.now()));
  const whenIdle = () => {
    if (!map.loaded() || !map.areTilesLoaded()) return void map.once('idle', whenIdle);
    const mapIdleMs = performance.now();
    const resources = performance.getEntriesByType('resource');
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    resolve({
      firstContentfulPaintMs: paint ? paint.startTime : NaN,
      mapLoadMs: mapLoadMs ?? mapIdleMs,
      mapIdleMs,
      scriptKiB: resources.filter((r) => r.initiatorType === 'script').reduce((sum, r) => sum + r.transferSize, 0) / 1024,
      requests: resources.length + 1,
      timeline: resources.map((r) => [r.name.replace(location.origin, ''), Math.round(r.startTime), Math.round(r.responseEnd)]),
    });
  };
  whenIdle();
})`;

/** Times the baseline: a navigation to `/health`, which loads nothing. */
async function baseline(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${url}/health`, { waitUntil: 'load' });
  const ms = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
  await context.close();
  return ms;
}

const figures = (visits: Visit[]) => ({
  firstContentfulPaintMs: summary(visits.map((v) => v.firstContentfulPaintMs)),
  mapLoadMs: summary(visits.map((v) => v.mapLoadMs)),
  mapIdleMs: summary(visits.map((v) => v.mapIdleMs)),
  scriptKiB: round(visits[0].scriptKiB, 1),
  requests: visits[0].requests,
  network: summary(visits.map((v) => v.network.all)),
  networkByKind: visits[0].network,
  timeline: visits.at(-1)!.timeline,
});

async function main() {
  if (!fs.existsSync(WEB_INDEX) || !fs.existsSync(SERVER)) throw new Error('build first: pnpm build');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-bench-view-'));
  const server = await startServer({ DATA_DIR: dataDir, ADMIN_PASSWORD: 'bench-first-view-secret' });
  // Debian's chromium with software WebGL, as the browser tests drive it.
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--use-angle=swiftshader'] });
  try {
    const viewport = { width: 1366, height: 900 };
    // One visit first, untimed: the server's own caches (tiles, settings) are then as they are for
    // every later visitor; each timed cold visit still starts with an empty browser cache.
    const warmup = await browser.newContext({ viewport });
    await visit(await warmup.newPage(), server.origin);
    await warmup.close();
    const cold: Visit[] = [];
    const baselineMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      baselineMs.push(await baseline(browser, server.origin));
      const context = await browser.newContext({ viewport });
      cold.push(await visit(await context.newPage(), server.origin));
      await context.close();
    }
    const returning = await browser.newContext({ viewport });
    const page = await returning.newPage();
    await visit(page, server.origin);
    const warm: Visit[] = [];
    for (let i = 0; i < RUNS; i++) warm.push(await visit(page, server.origin));
    await returning.close();
    const output = {
      cores: os.cpus().length,
      runs: RUNS,
      goalMs: GOAL_MS,
      loadAverage: loadAverage(),
      baselineMs: summary(baselineMs) satisfies Latency,
      firstVisit: figures(cold),
      returningVisit: figures(warm),
    };
    console.table({
      'baseline: /health': { p50: round(output.baselineMs.p50), p95: round(output.baselineMs.p95) },
      'first visit, map idle': { p50: round(output.firstVisit.mapIdleMs.p50), p95: round(output.firstVisit.mapIdleMs.p95) },
      'first visit, map load': { p50: round(output.firstVisit.mapLoadMs.p50), p95: round(output.firstVisit.mapLoadMs.p95) },
      'first visit, FCP': { p50: round(output.firstVisit.firstContentfulPaintMs.p50), p95: round(output.firstVisit.firstContentfulPaintMs.p95) },
      'returning, map idle': { p50: round(output.returningVisit.mapIdleMs.p50), p95: round(output.returningVisit.mapIdleMs.p95) },
    });
    console.log('the last first visit, requests by when they ended (ms from navigation):');
    for (const [name, start, end] of output.firstVisit.timeline.toSorted((a, b) => a[2] - b[2])) console.log(`${String(start).padStart(6)} ${String(end).padStart(6)} ${name.slice(0, 100)}`);
    console.log(`requests at the network until the map was complete: first visit p50 ${output.firstVisit.network.p50} (the first: ${JSON.stringify(output.firstVisit.networkByKind)}), returning p50 ${output.returningVisit.network.p50} (${JSON.stringify(output.returningVisit.networkByKind)})`);
    console.log(`script transferred on a first visit: ${output.firstVisit.scriptKiB} KiB; load average ${output.loadAverage.join(' ')}`);
    const file = process.env.BENCH_OUT ?? path.join(import.meta.dirname, 'first-view-results.json');
    fs.writeFileSync(file, `${JSON.stringify(output, null, 2)}\n`);
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildApp, createRepositories, loadConfig, makeTile, openDatabase, prepareDatabase, type Database } from '@mpm/api';
import { createRandom } from '@mpm/demo';
import { getLayer, type CollectionId } from '@mpm/domain';
import { measurementRequest, type Ruleset } from '@mpm/rules';
import { explainCaptured, captureQueries } from './province-plans.ts';
import { addRound, growProvince, PER_COUNTY } from './province-data.ts';
import { inOwnDatabase } from './own-database.ts';
import { load, oneAtATime, saturate, type LoadResult } from './http-load.ts';
import { COUNTY_BBOX, randomBlocks } from './shapes.ts';
import { tilesOver, urlOf, warm } from './tile-grid.ts';
import { loadAverage } from './stats.ts';

/**
 * The province benchmark (issue #13), PostgreSQL only, in a database of its own (dropped after):
 * the demo county and a seeded synthetic province grown round it, one county at a time in SQL
 * (`province-data.ts`), measured at 1, 10 and 100 counties (`BENCH_SIZES`). Every figure is asked
 * of the demo county (county 0), whose own data is the same at every size, so what grows is only
 * what the rest of the province adds to the tables. Each run beside its baseline from the same
 * run: the check beside its measuring statement alone; tiles beside `ST_AsMVT` without the app;
 * OGC items with `bbox` beside their two statements in raw SQL; a 5 000-patch round classified
 * beside the same query without the app; the site card beside its measuring statement alone. At
 * the largest size, every statement those requests ran is EXPLAINed (`province-plans.ts`).
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const SIZES = (process.env.BENCH_SIZES ?? '1,10,100').split(',').map(Number);
const CONNECTIONS = 16;
const PASSWORD = 'bench-admin-password';
const ROUND = 'bench round 5000';
const ROUND_PATCHES = 5_000;
const PROPOSAL = { mineral: 'brickClay', capacity10ktPerYear: 15, rightKind: 'new' };
const BROWSER = { 'accept-encoding': 'gzip, deflate, br' };
/** Polygon layers asked for with `bbox`: their tables and the rows that are theirs, for the raw SQL baseline. */
const ITEM_LAYERS: Partial<Record<CollectionId, { table: string; where: string }>> = {
  farmland: { table: 'protected_areas', where: "kind = 'farmland'" },
  eco_redline: { table: 'protected_areas', where: "kind = 'eco_redline'" },
  mining_zoning: { table: 'mining_zoning', where: 'TRUE' },
  concentrated_zones: { table: 'concentrated_zones', where: 'TRUE' },
  mining_rights: { table: 'mining_rights', where: 'TRUE' },
};
const ITEMS_LIMIT = 100;
const SITE_POINTS = 60;

const round = (n: number, digits = 1) => Number(n.toFixed(digits));

/** Seeded boxes of about 2 × 2 km over the demo county, each with one of the item layers. */
function itemQueries(layers: CollectionId[]) {
  const random = createRandom(20_251_206);
  const [west, south, east, north] = COUNTY_BBOX;
  return Array.from({ length: 200 }, (_, i) => {
    const lon = random.range(west, east - 0.022);
    const lat = random.range(south, north - 0.018);
    return { layer: layers[i % layers.length], box: [lon, lat, round(lon + 0.022, 6), round(lat + 0.018, 6)].map((v) => round(v, 6)) };
  });
}

type Figure = { run: string; loadAverage: number[] } & Partial<LoadResult> & Record<string, unknown>;

async function measureSize(db: Database, counties: number, explain: boolean) {
  const figures: Figure[] = [];
  const note = (figure: Figure) => {
    figures.push(figure);
    const { run, loadAverage: l, statuses: _, ...rest } = figure;
    console.error(`${counties}× ${run}: ${JSON.stringify(rest)} (load ${l.join(' ')})`);
  };
  const timed = async (run: string, work: () => Promise<LoadResult>) => {
    const loadAvg = loadAverage();
    const { requests, perSecond, p50, p99, statuses } = await work();
    note({ run, requests, perSecond, p50, p99, statuses, loadAverage: loadAvg });
  };
  const config = { ...loadConfig({}), webDist: '', logLevel: 'warn' as const, checksPerMinute: 10_000_000 };
  const serve = async (tileCacheBytes: number) => {
    const app = await buildApp({ db, config: { ...config, tileCacheBytes }, logger: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    return { app, origin: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
  };
  const { app, origin } = await serve(loadConfig({}).tileCacheBytes);
  const uncached = await serve(0);
  const repos = createRepositories(db.knex);
  try {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: PASSWORD } });
    const cookie = `mpm_session=${login.cookies.find((c) => c.name === 'mpm_session')!.value}`;
    const ruleset = app.ruleset as unknown as Ruleset;
    const engine = repos.checks.engine(ruleset.sliverToleranceM2);
    const request = measurementRequest(ruleset, ruleset.bufferDefaults);

    // The check.
    const blocks = randomBlocks(20_251_213, 400, 24);
    const bodies = blocks.map((geometry) => JSON.stringify({ geometry, proposal: PROPOSAL }));
    const check = async (i: number) => {
      const response = await fetch(`${origin}/api/check`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: bodies[i % bodies.length] });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`check answered ${response.status}`);
    };
    const measureBlock = async (i: number) => void (await engine.measure(blocks[i % blocks.length], request));
    for (let i = 0; i < 20; i++) await Promise.all([measureBlock(i), check(i)]);
    await timed('check: baseline, measuring statement alone', () => saturate(CONNECTIONS, SECONDS, measureBlock));
    await timed('check: POST /api/check', () => load({ origin, paths: ['/api/check'], bodies, headers: { cookie }, connections: CONNECTIONS, seconds: SECONDS }));

    // Tiles over the demo county, z10–13, the public layers.
    const publicLayers = ((await app.inject({ url: '/ogc/collections' })).json().collections as { id: CollectionId }[]).map((c) => c.id);
    const tiles = tilesOver([...COUNTY_BBOX], publicLayers);
    const paths = tiles.map(urlOf);
    const fields = (layer: CollectionId) => getLayer(layer).fields.filter((field) => !field.staffOnly);
    const rawTile = (i: number) => makeTile({ repos }, 'postgis', tiles[i % tiles.length].layer, fields(tiles[i % tiles.length].layer), tiles[i % tiles.length]).then(() => undefined);
    await saturate(CONNECTIONS, 1, rawTile);
    await timed('tiles: baseline, ST_AsMVT without the app', () => saturate(CONNECTIONS, SECONDS, rawTile));
    await timed('tiles: app, cache off', () => load({ origin: uncached.origin, paths, headers: BROWSER, connections: CONNECTIONS, seconds: SECONDS }));
    await warm(origin, paths, BROWSER);
    await timed('tiles: app, cache warm', () => load({ origin, paths, headers: BROWSER, connections: CONNECTIONS, seconds: SECONDS }));

    // OGC items with bbox.
    const itemLayers = (Object.keys(ITEM_LAYERS) as CollectionId[]).filter((layer) => publicLayers.includes(layer));
    const queries = itemQueries(itemLayers);
    const itemPaths = queries.map(({ layer, box }) => `/ogc/collections/${layer}/items?bbox=${box.join(',')}&limit=${ITEMS_LIMIT}`);
    const rawItems = async (i: number) => {
      const { layer, box } = queries[i % queries.length];
      const { table, where } = ITEM_LAYERS[layer]!;
      const bounded = `FROM ${table} t WHERE ${where} AND t.geom && ST_MakeEnvelope(?, ?, ?, ?, 4490) AND ST_Intersects(t.geom, ST_MakeEnvelope(?, ?, ?, ?, 4490))`;
      await db.knex.raw(`SELECT count(*) ${bounded}`, [...box, ...box]);
      await db.knex.raw(`SELECT t.id, ST_AsGeoJSON(t.geom, 7)::json AS geometry ${bounded} ORDER BY t.id LIMIT ${ITEMS_LIMIT}`, [...box, ...box]);
    };
    await timed('items: baseline, count and page in raw SQL', () => saturate(CONNECTIONS, SECONDS, rawItems));
    await timed('items: GET /ogc/collections/…/items?bbox=', () => load({ origin, paths: itemPaths, headers: BROWSER, connections: CONNECTIONS, seconds: SECONDS }));

    // Classifying a 5 000-patch round (3 times each, one at a time).
    const today = new Date().toISOString().slice(0, 10);
    const roundPath = `/api/patches?round=${encodeURIComponent(ROUND)}`;
    const classify = async () => {
      const response = await fetch(`${origin}${roundPath}`, { headers: { cookie, ...BROWSER } });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`patches answered ${response.status}`);
    };
    note({ run: 'round: baseline, the classifying query without the app', ...(await oneAtATime(3, () => repos.inspection.patches.withOverlaps(today, { round: ROUND }))), loadAverage: loadAverage() });
    note({ run: `round: GET /api/patches?round= (${ROUND_PATCHES} patches)`, ...(await oneAtATime(3, classify)), loadAverage: loadAverage() });

    // The site card, one point at a time (its route allows 120 a minute per client).
    const random = createRandom(20_251_207);
    const points = Array.from({ length: SITE_POINTS }, () => ({
      type: 'Point' as const,
      coordinates: [round(random.range(COUNTY_BBOX[0] + 0.02, COUNTY_BBOX[2] - 0.02), 6), round(random.range(COUNTY_BBOX[1] + 0.02, COUNTY_BBOX[3] - 0.02), 6)],
    }));
    const siteCard = async (i: number) => {
      const response = await fetch(`${origin}/api/site-check`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ geometry: points[i % points.length] }),
      });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`site check answered ${response.status}: ${await response.text()}`);
    };
    note({ run: 'site card: baseline, its measuring statement alone', ...(await oneAtATime(SITE_POINTS, (i) => engine.measure(points[i], request))), loadAverage: loadAverage() });
    note({ run: 'site card: POST /api/site-check', ...(await oneAtATime(SITE_POINTS, siteCard)), loadAverage: loadAverage() });

    let plans;
    if (explain) {
      // One request of each kind with every statement captured, then each EXPLAINed.
      const captured = captureQueries(db.knex);
      const probes: [string, () => Promise<unknown>][] = [
        ['check', () => check(0)],
        ['tile (cache off)', () => fetch(`${uncached.origin}${paths[0]}`).then((r) => r.arrayBuffer())],
        ['tile ST_AsMVT', () => rawTile(1)],
        ['items bbox', () => fetch(`${origin}${itemPaths[0]}`).then((r) => r.arrayBuffer())],
        ['round', classify],
        ['site card', () => siteCard(0)],
      ];
      for (const [label, probe] of probes) {
        captured.label(label);
        await probe();
      }
      captured.stop();
      plans = await explainCaptured(db.knex, captured.statements);
    }
    return { counties, figures, plans };
  } finally {
    await uncached.app.close();
    await app.close();
  }
}

const results = await inOwnDatabase('mpm_bench_province', async (url) => {
  const db = await openDatabase({ kind: 'postgres', url });
  try {
    await prepareDatabase(db.knex, { loadDemo: true, adminPassword: PASSWORD });
    await addRound(db.knex, ROUND, ROUND_PATCHES);
    const sizes = [];
    let counties = 0;
    for (const size of SIZES) {
      const start = performance.now();
      await growProvince(db.knex, counties, size);
      await db.knex.raw('ANALYZE');
      const loadSeconds = round((performance.now() - start) / 1000);
      counties = size;
      const rows = (await db.knex.raw(
        `SELECT (SELECT count(*) FROM protected_areas) + (SELECT count(*) FROM mining_zoning) + (SELECT count(*) FROM planning_blocks)
                  + (SELECT count(*) FROM concentrated_zones) AS zones,
                (SELECT count(*) FROM mining_rights) AS rights, (SELECT count(*) FROM change_patches) AS patches,
                (SELECT count(*) FROM restoration_parcels) AS parcels`,
      )).rows[0];
      console.error(`${size}×: grown in ${loadSeconds} s: ${JSON.stringify(rows)}`);
      sizes.push({ loadSeconds, rows, ...(await measureSize(db, size, size === SIZES.at(-1))) });
    }
    return sizes;
  } finally {
    await db.close();
  }
});

const output = { cores: os.cpus().length, connections: CONNECTIONS, seconds: SECONDS, perCounty: PER_COUNTY, roundPatches: ROUND_PATCHES, loadAverage: loadAverage(), sizes: results };
for (const size of results) {
  console.log(`\n${size.counties} counties (${JSON.stringify(size.rows)}), grown in ${size.loadSeconds} s`);
  console.table(size.figures.map(({ run, perSecond, p50, p99, loadAverage: l }) => ({ run, perSecond, p50, p99, load: l[0] })));
}
const wide = results.at(-1)?.plans?.filter((plan) => plan.wholeTableScans.length > 0) ?? [];
console.log(`statements scanning a whole province table at ${results.at(-1)?.counties} counties: ${wide.length}`);
for (const plan of wide) console.log(`- ${plan.label}: ${plan.wholeTableScans.join(', ')}: ${plan.sql.slice(0, 160).replace(/\s+/g, ' ')}…`);
fs.writeFileSync(process.env.BENCH_OUT ?? path.join(import.meta.dirname, 'province-results.json'), `${JSON.stringify(output, null, 2)}\n`);

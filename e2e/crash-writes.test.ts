import fs from 'node:fs';
import path from 'node:path';
import * as turf from '@turf/turf';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/paths.ts';
import { loginCookie } from './helpers/inspector.ts';
import { SERVER_DATABASES, TEST_ADMIN_PASSWORD, serverOnDatabase, type RunningServer } from './helpers/server.ts';

/**
 * `kill -9` during writes (#14). Each round, during a burst of ledger writes, loads a small patch
 * round (acknowledged), then sends a large import's commit and a large patch round at once and
 * kills the server at a random moment within them; after the restart every acknowledged write is
 * there (the small round whole), and no import or round is there in part.
 *
 * Crashes per database: CRASH_ROUNDS (1 by default, as in CI, where a restart after a kill takes the
 * embedded database 30–60 s on a busy 2-core machine; the figure is 20). Databases: the
 * embedded PGlite only (the riskier: its files are written by this very process), unless
 * CRASH_DATABASES=both asks for PostgreSQL too (with DATABASE_URL set), to keep CI short.
 */
const ROUNDS = Number(process.env.CRASH_ROUNDS || 1);
const DATABASES = process.env.CRASH_DATABASES === 'both' ? SERVER_DATABASES : (['pglite'] as const);
/** Features of the large import, patches of the large patch round and of the small one acknowledged before the kill. */
const IMPORT_FEATURES = 400;
const PATCHES = 60;
const SMALL_PATCHES = 3;
/** Clients writing ledger entries at once, each through its own rate-limit bucket (X-Forwarded-For). */
const LEDGER_WRITERS = 6;

const county = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data/demo/county.geojson'), 'utf8')).features[0] as GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon>;

/** Squares of about 40 m inside the county, `count` of them, each round elsewhere. */
function squares(count: number, seed: number): GeoJSON.Polygon[] {
  const [w, s, e, n] = turf.bbox(county);
  const out: GeoJSON.Polygon[] = [];
  for (let i = 0; out.length < count; i++) {
    // A low-discrepancy walk over the box (golden ratio), shifted by the seed.
    const lon = w + (e - w) * ((seed * 0.137 + i * 0.618034) % 1);
    const lat = s + (n - s) * ((seed * 0.291 + i * 0.754878) % 1);
    const sq = turf.bboxPolygon([lon, lat, lon + 0.0004, lat + 0.0004]).geometry;
    if (turf.booleanWithin(sq, county)) out.push(sq);
  }
  return out;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Kills the server with SIGKILL (no shutdown of any kind) and waits for it to be gone. */
async function crash(server: RunningServer) {
  const gone = new Promise((resolve) => server.process.once('exit', resolve));
  server.process.kill('SIGKILL');
  await gone;
}

/** A request's answer, or undefined when the connection died with the server. */
async function attempt(url: string, init: RequestInit): Promise<Response | undefined> {
  try {
    const response = await fetch(url, init);
    await response.clone().arrayBuffer();
    return response;
  } catch {
    return undefined;
  }
}

/** How long, in ms, to wait before the kill: within the request's last measured duration. */
class KillPoint {
  constructor(private estimateMs: number) {}
  delay = () => Math.round(this.estimateMs * (0.1 + 0.8 * Math.random()));
  /** A request that finished before the kill tells how long one takes. */
  finished(ms: number) {
    this.estimateMs = ms;
  }
}

interface Tally {
  rounds: number;
  killedInFlight: number;
  acknowledged: number;
  found: number;
}

describe.each(DATABASES)('kill -9 during writes on %s', (kind) => {
  let factory: ReturnType<typeof serverOnDatabase> | undefined;
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.stop();
    factory?.remove();
    server = factory = undefined;
  });

  it(`keeps every acknowledged write of a large import, a patch round acknowledged before the kill, one in flight and a burst of ledger writes, shows no partial import or round, and starts again by itself (${ROUNDS} crashes during all three)`, { timeout: 120_000 + ROUNDS * 180_000 }, async () => {
    factory = serverOnDatabase(kind, 'crash');
    const env = { TRUST_PROXY: 'true', SHUTDOWN_GRACE_S: '1' };
    server = await factory.start(env);
    let restarts = 0;
    const t0 = Date.now();
    const mark = (what: string) => process.env.CRASH_TRACE && console.log(`${kind} ${((Date.now() - t0) / 1000).toFixed(1)} s ${what}`);
    const restart = async () => {
      mark('killed');
      server = await factory!.start(env);
      restarts++;
      mark('restarted');
    };
    let cookie = await loginCookie(server.url, 'admin', TEST_ADMIN_PASSWORD);
    const api = (url: string, init: RequestInit = {}) =>
      attempt(`${server!.url}${url}`, { ...init, headers: { cookie, 'accept-language': 'en', ...init.headers } });
    const json = async (url: string) => {
      const response = await api(url);
      expect(response?.status, url).toBe(200);
      return response!.json();
    };
    const farmlandCount = async () => (await json('/ogc/collections/farmland/items?limit=1')).numberMatched as number;
    const tally = (): Tally => ({ rounds: 0, killedInFlight: 0, acknowledged: 0, found: 0 });
    const tallies = { import: tally(), patches: tally(), smallRound: tally(), ledger: tally() };
    const killPoint = new KillPoint(2_000);
    const acknowledgedEntries: { id: number; title: string }[] = [];

    for (let round = 1; round <= ROUNDS; round++) {
      // A large import, previewed (acknowledged) before the crash and committed during it.
      const fileName = `crash-${round}.geojson`;
      const features = squares(IMPORT_FEATURES, round).map((geometry, i) => turf.feature(geometry, { 名称: `断电${round}-${i}`, 耕地类型: '永久基本农田' }));
      const form = new FormData();
      form.append('layer', 'farmland');
      form.append('file', new Blob([JSON.stringify(turf.featureCollection(features))], { type: 'application/geo+json' }), fileName);
      const previewed = await api('/api/imports', { method: 'POST', body: form });
      const previewBody = await previewed?.text();
      expect(previewed?.status, previewBody).toBe(201);
      const preview = JSON.parse(previewBody!);
      expect(preview.committable).toBe(true);
      const countBefore = await farmlandCount();

      // A burst of ledger writes from several clients, under way (a few acknowledged) before the rest starts.
      const sites = squares(LEDGER_WRITERS * 200, round + 200);
      const roundEntries: { id: number; title: string }[] = [];
      let dead = false;
      const writer = async (w: number) => {
        for (let i = 0; !dead; i++) {
          const title = `断电台账${round}-${w}-${i}`;
          const created = await api('/api/ledger', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.9.${round % 250}.${w + 1}` },
            body: JSON.stringify({ title, source: 'siteCheck', geometry: sites[(w * 200 + i) % sites.length] }),
          });
          if (!created) return;
          if (created.status === 201) roundEntries.push({ id: (await created.json()).id, title });
          else expect(created.status, await created.text()).toBe(429);
        }
      };
      const writers = Array.from({ length: LEDGER_WRITERS }, (_, w) => writer(w));
      while (roundEntries.length < LEDGER_WRITERS) await wait(20);

      // A small patch round acknowledged, then the commit and a large patch round sent together,
      // with the ledger writers still going; the server is killed at a random moment within them.
      const detectionRound = `断电测试第${round}轮`;
      const smallRound = `断电小轮第${round}轮`;
      const patchRound = (name: string, count: number, seed: number, prefix: string) =>
        api('/api/patches', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            detectionRound: name,
            detectedOn: '2026-03-01',
            features: turf.featureCollection(squares(count, seed).map((geometry, i) => turf.feature(geometry, { code: `${prefix}${round}-${i}` }))),
          }),
        });
      // The small round first (the embedded database's one connection would queue it behind the rest).
      const small = await patchRound(smallRound, SMALL_PATCHES, round + 300, 'CRASHS');
      expect(small?.status, await small?.text()).toBe(201);
      const sent = Date.now();
      const committing = api(`/api/imports/${preview.id}/commit`, { method: 'POST' });
      const loading = patchRound(detectionRound, PATCHES, round + 100, 'CRASH');
      await wait(killPoint.delay());
      const pending = async (request: Promise<unknown>) => Promise.race([request.then(() => false), wait(0).then(() => true)]);
      const inFlight = { import: await pending(committing), patches: await pending(loading), smallRound: false, ledger: true };
      dead = true;
      await crash(server);
      const [committed, loaded] = await Promise.all([committing, loading, ...writers]);
      // Both finished before the kill: the next kill comes sooner.
      if (!inFlight.import && !inFlight.patches) killPoint.finished(Date.now() - sent);
      const acknowledged = { import: committed?.status === 200, patches: loaded?.status === 201, smallRound: true, ledger: roundEntries.length };
      for (const name of ['import', 'patches', 'smallRound', 'ledger'] as const) {
        tallies[name].rounds++;
        if (inFlight[name]) tallies[name].killedInFlight++;
        tallies[name].acknowledged += Number(acknowledged[name]);
      }
      acknowledgedEntries.push(...roundEntries);
      await restart();
      cookie = await loginCookie(server.url, 'admin', TEST_ADMIN_PASSWORD);

      const revision = ((await json('/api/layers/farmland/revisions')).revisions as { fileName: string | null }[]).find((r) => r.fileName === fileName);
      if (acknowledged.import) expect(revision, `acknowledged import of round ${round}`).toBeDefined();
      // All of the import or none of it: the layer holds the new features exactly, or what it held before.
      expect(await farmlandCount()).toBe(revision ? IMPORT_FEATURES : countBefore);
      if (revision) tallies.import.found++;

      const stored = (await json(`/api/patches?round=${encodeURIComponent(detectionRound)}`)).features as unknown[];
      expect([0, PATCHES]).toContain(stored.length);
      if (acknowledged.patches) expect(stored.length, `acknowledged patch round ${round}`).toBe(PATCHES);
      if (stored.length === PATCHES) tallies.patches.found++;
      // The small round, acknowledged before the kill, is there whole.
      const storedSmall = (await json(`/api/patches?round=${encodeURIComponent(smallRound)}`)).features as unknown[];
      expect(storedSmall.length, `acknowledged small patch round ${round}`).toBe(SMALL_PATCHES);
      tallies.smallRound.found++;

      for (const entry of roundEntries) {
        const found = await api(`/api/ledger/${entry.id}`);
        expect(found?.status, `acknowledged ledger entry ${entry.id}`).toBe(200);
        expect((await found!.json()).title).toBe(entry.title);
        tallies.ledger.found++;
      }
      mark(`round ${round}: ${JSON.stringify({ restarts, ...tallies })}`);
    }

    // Every entry acknowledged in any round is still there at the end, and the audit chain is whole.
    const listed = new Map<number, string>();
    for (let offset = 0; ; offset += 1000) {
      const page = await json(`/api/ledger?limit=1000&offset=${offset}`);
      for (const entry of page.entries as { id: number; title: string }[]) listed.set(entry.id, entry.title);
      if (offset + 1000 >= page.total) break;
    }
    for (const entry of acknowledgedEntries) expect(listed.get(entry.id)).toBe(entry.title);
    expect((await json('/api/audit/verify')).ok).toBe(true);
    expect(restarts).toBe(ROUNDS);
    console.log(`crash-writes ${kind}: ${JSON.stringify({ restarts, ...tallies })}`);
  });
});

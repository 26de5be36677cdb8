import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { VectorTileFeature } from '@mapbox/vector-tile';
import { COLLECTION_IDS } from '@mpm/domain';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { tileAt, tileFeatures } from './helpers/tiles.ts';

/** Tile units in one CSS pixel of a 512-pixel tile: the most two encodings of a shape may differ by. */
const PIXEL_UNITS = 4096 / 512;

type Point = { x: number; y: number };

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const [dx, dy] = [b.x - a.x, b.y - a.y];
  const lengthSq = dx * dx + dy * dy;
  const t = lengthSq === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSq));
  return Math.hypot(p.x - a.x - t * dx, p.y - a.y - t * dy);
}

/** The farthest any vertex of `from` lies from the lines of `to` (one direction of the Hausdorff distance). */
function farthest(from: Point[][], to: Point[][]): number {
  let worst = 0;
  for (const point of from.flat()) {
    let nearest = Infinity;
    for (const part of to) for (let i = 0; i + 1 < part.length; i++) nearest = Math.min(nearest, distanceToSegment(point, part[i], part[i + 1]));
    worst = Math.max(worst, nearest);
  }
  return worst;
}

const shapeDistance = (a: VectorTileFeature, b: VectorTileFeature) =>
  Math.max(farthest(a.loadGeometry(), b.loadGeometry()), farthest(b.loadGeometry(), a.loadGeometry()));

describe.each(TEST_DATABASES)('tiles encoded by PostGIS and by Node on %s', (kind) => {
  let t: TestApp;
  let postgis: FastifyInstance | undefined;
  let cookie: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    cookie = await t.login();
  });
  afterAll(async () => {
    await postgis?.close();
    await t?.close();
  });

  it('decode to the same features, ids, properties and (within a pixel) shapes over each layer at z10–12', { timeout: 180_000 }, async () => {
    const asked = buildApp({ db: t.db, config: { ...loadConfig({}), logLevel: 'warn', tileEncoder: 'postgis' }, logger: false });
    if (kind === 'pglite') {
      // PGlite's PostGIS is built without protobuf-c: asking for ST_AsMVT stops the start, saying so.
      await expect(asked).rejects.toThrow(/TILE_ENCODER=postgis, but this database cannot encode vector tiles/);
      return;
    }
    postgis = await asked;
    let compared = 0;
    let differentBytes = 0;
    for (const layer of COLLECTION_IDS) {
      const [west, south, east, north] = (await t.app.inject({ url: `/tiles/${layer}.json`, headers: { cookie } })).json().bounds as number[];
      for (let z = 10; z <= 12; z++) {
        const [min, max] = [tileAt([west, north], z), tileAt([east, south], z)];
        for (let x = min.x; x <= max.x; x++) {
          for (let y = min.y; y <= max.y; y++) {
            const url = `/tiles/${layer}/${z}/${x}/${y}.mvt`;
            const [byNode, byPostgis] = await Promise.all([t.app, postgis].map((app) => app.inject({ url, headers: { cookie } })));
            expect(byPostgis.statusCode, url).toBe(byNode.statusCode);
            if (!byPostgis.rawPayload.equals(byNode.rawPayload)) differentBytes++;
            const expected = new Map(tileFeatures(byNode.rawPayload, layer).map((f) => [f.id, f]));
            const actual = tileFeatures(byPostgis.rawPayload, layer);
            expect(actual.map((f) => f.id).sort(), url).toEqual([...expected.keys()].sort());
            for (const feature of actual) {
              const other = expected.get(feature.id)!;
              expect([feature.type, feature.properties], `${url} #${feature.id}`).toEqual([other.type, other.properties]);
              expect(shapeDistance(feature, other), `${url} #${feature.id}`).toBeLessThanOrEqual(PIXEL_UNITS);
              compared++;
            }
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(300);
    // Two encoders indeed: the same content in other bytes.
    expect(differentBytes).toBeGreaterThan(0);
  });
});

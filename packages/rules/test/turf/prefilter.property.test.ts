import { booleanIntersects, distance, intersect, pointToLineDistance } from '@turf/turf';
import * as geographiclibNamespace from 'geographiclib-geodesic';
import { describe, expect, it } from 'vitest';
import type { CollectionId } from '@mpm/domain';
import { ellipsoidalAreaM2 } from '@mpm/geo';
import { createLocalFrame, createRandom, type Random } from '@mpm/demo';
import { createTurfEngine, type MeasurementRequest, type TurfLayer } from '../../src/index.ts';
import { demoLayers } from './demo-county.ts';

const geographiclib = (geographiclibNamespace as unknown as { default?: typeof geographiclibNamespace }).default ?? geographiclibNamespace;
const wgs = geographiclib.Geodesic.WGS84;

/** Every layer but the county and the townships: their outlines make the Turf scan too slow for a unit test. */
const layers = demoLayers.filter((layer) => !['county', 'townships'].includes(layer.collection));
const engine = createTurfEngine(layers);
const COUNTY = [108.2117643, 35.3230312, 108.6897165, 35.632625] as const;
const DISTANCES_M = [0, 0, 50, 300, 1000, 3000];
/** Turf measures on a sphere, the engine on GRS80: features this close to the requested distance are not compared. */
const SPHERE_SLACK = 0.01;
/** Below a few metres the two measures' rounding (tens of cm) outweighs 1 %: the absolute slack there (m). */
const NEAR_SLACK_M = 0.5;

/** A star-shaped (so simple) polygon around a centre in local metres. */
function starBlock(random: Random, origin: GeoJSON.Position, radiusM: number): GeoJSON.Polygon {
  const frame = createLocalFrame(origin as [number, number]);
  const n = random.int(3, 12);
  const turn = random.range(0, Math.PI);
  const ring = Array.from({ length: n }, (_, i) => {
    const angle = turn + (2 * Math.PI * (i + random.range(0, 0.8))) / n;
    const r = radiusM * random.range(0.4, 1);
    return frame.toLonLat({ x: r * Math.cos(angle), y: r * Math.sin(angle) });
  });
  return { type: 'Polygon', coordinates: [[...ring, ring[0]]] };
}

function randomCase(random: Random): { block: GeoJSON.Polygon; request: MeasurementRequest } {
  const origin = [random.range(COUNTY[0], COUNTY[2]), random.range(COUNTY[1], COUNTY[3])];
  const block = starBlock(random, origin, 30 * 100 ** random.next());
  const collections = layers.map(({ collection }) => ({ collection, withinM: DISTANCES_M[random.int(0, DISTANCES_M.length - 1)] }));
  return { block, request: { collections } };
}

const linesOf = (g: GeoJSON.Geometry): GeoJSON.Position[][] =>
  g.type === 'LineString' ? [g.coordinates] : g.type === 'MultiLineString' || g.type === 'Polygon' ? g.coordinates : g.type === 'MultiPolygon' ? g.coordinates.flat() : [];

const metres = (a: GeoJSON.Position, b: GeoJSON.Position) => distance(a, b, { units: 'meters' });

/**
 * A lower bound of the block–feature distance from the triangle inequality alone: from the
 * block's first vertex to the nearest feature vertex, less the block's reach from that vertex
 * and half the longest feature segment. It spares the slow scan below for far features.
 */
function lowerBoundM(block: GeoJSON.Polygon, feature: GeoJSON.Feature): number {
  const [ring] = block.coordinates;
  const reach = Math.max(...ring.map((p) => metres(ring[0], p)));
  let nearest = Infinity;
  let longest = 0;
  for (const line of linesOf(feature.geometry)) {
    line.forEach((p, i) => {
      nearest = Math.min(nearest, metres(ring[0], p));
      if (i > 0) longest = Math.max(longest, metres(line[i - 1], p));
    });
  }
  return nearest - reach - longest / 2;
}

/** Turf's spherical distance between a block and a feature that do not intersect, in metres. */
function turfDistanceM(block: GeoJSON.Polygon, feature: GeoJSON.Feature): number {
  const [ring] = block.coordinates;
  let best = Infinity;
  for (const line of linesOf(feature.geometry)) {
    for (const p of ring) best = Math.min(best, pointToLineDistance(p, { type: 'LineString', coordinates: line }, { units: 'meters' }));
    for (const p of line) best = Math.min(best, pointToLineDistance(p, { type: 'LineString', coordinates: ring }, { units: 'meters' }));
  }
  return best;
}

/** The brute-force Turf scan over every feature: which must be found, which must not, and which are too close to call. */
function scan(block: GeoJSON.Polygon, request: MeasurementRequest) {
  const must = new Map<string, number>();
  const mustNot = new Set<string>();
  const blockFeature: GeoJSON.Feature<GeoJSON.Polygon> = { type: 'Feature', properties: {}, geometry: block };
  for (const { collection, withinM } of request.collections) {
    for (const feature of layers.find((l) => l.collection === collection)!.features) {
      const key = `${collection} ${feature.id}`;
      if (booleanIntersects(blockFeature, feature)) must.set(key, 0);
      else if (withinM === 0 || lowerBoundM(block, feature) > withinM * (1 + SPHERE_SLACK)) mustNot.add(key);
      else {
        const d = turfDistanceM(block, feature);
        if (d <= withinM * (1 - SPHERE_SLACK)) must.set(key, d);
        else if (d > withinM * (1 + SPHERE_SLACK)) mustNot.add(key);
      }
    }
  }
  return { must, mustNot };
}

describe('the flatbush prefilter against a brute-force Turf scan of every feature', () => {
  it('finds the same features for 300 seeded random blocks and requests', () => {
    const random = createRandom(20_250_611);
    let compared = 0;
    for (let i = 0; i < 300; i++) {
      const { block, request } = randomCase(random);
      const { must, mustNot } = scan(block, request);
      const measured = new Map(engine.measure(block, request).features.map((f) => [`${f.collection} ${f.featureId}`, f.distanceM]));
      const flagged = new Map(engine.classify(block, request).features.map((f) => [`${f.collection} ${f.featureId}`, f.distanceM]));
      for (const found of [measured, flagged]) {
        for (const [key, d] of must) {
          expect(found.has(key), `block ${i}: ${key} missed`).toBe(true);
          if (d === 0) expect(found.get(key), `block ${i}: ${key} intersects`).toBe(0);
          else expect(Math.abs(found.get(key)! - d), `block ${i}: ${key} at ${d} m`).toBeLessThan(Math.max(d * SPHERE_SLACK, NEAR_SLACK_M));
        }
        for (const key of mustNot) expect(found.has(key), `block ${i}: ${key} is too far`).toBe(false);
      }
      compared += must.size + mustNot.size;
    }
    expect(compared).toBeGreaterThan(300 * 60);
  }, 120_000);

  it('measures every overlap as Turf’s whole intersection does, whatever shortcut it takes', () => {
    const random = createRandom(20_250_612);
    const areas = layers.filter((layer) => layer.features.some((f) => f.geometry.type.endsWith('Polygon')));
    let overlaps = 0;
    for (let i = 0; i < 250; i++) {
      const { block } = randomCase(random);
      const blockFeature: GeoJSON.Feature<GeoJSON.Polygon> = { type: 'Feature', properties: {}, geometry: block };
      const request = { collections: areas.map(({ collection }) => ({ collection, withinM: 0 })) };
      const measured = new Map(engine.measure(block, request).features.map((f) => [`${f.collection} ${f.featureId}`, f.overlapAreaM2]));
      for (const { collection, features } of areas) {
        for (const feature of features) {
          const part = intersect({ type: 'FeatureCollection', features: [blockFeature, feature as GeoJSON.Feature<GeoJSON.Polygon>] });
          const expected = part ? ellipsoidalAreaM2(part.geometry) : 0;
          const got = measured.get(`${collection} ${feature.id}`) ?? 0;
          expect(Math.abs(got - expected), `block ${i}: ${collection} ${feature.id}`).toBeLessThan(1e-3);
          if (expected > 0) overlaps++;
        }
      }
    }
    expect(overlaps).toBeGreaterThan(150);
  }, 120_000);

  it('never misses a line just inside the distance, at any latitude or bearing', () => {
    for (const lat of [0, 35.4, 60, 80]) {
      const block = starBlock(createRandom(lat), [108.4, lat], 200);
      const corner = block.coordinates[0][0];
      const withinM = 2_000;
      const lines: GeoJSON.Feature[] = Array.from({ length: 24 }, (_, i) => {
        const azimuth = i * 15;
        const far = wgs.Direct(corner[1], corner[0], azimuth, withinM * 1.5);
        const near = wgs.Direct(corner[1], corner[0], azimuth, withinM * 0.995);
        return { type: 'Feature', id: i + 1, properties: {}, geometry: { type: 'LineString', coordinates: [[near.lon2!, near.lat2!], [far.lon2!, far.lat2!]] } };
      });
      const local = createTurfEngine([{ collection: 'roads', features: lines }]);
      const { features } = local.measure(block, { collections: [{ collection: 'roads', withinM }] });
      const outward = (f: GeoJSON.Feature) => !booleanIntersects({ type: 'Feature', properties: {}, geometry: block }, f);
      expect(features.length, `latitude ${lat}`).toBe(lines.filter(outward).length);
    }
  });
});

describe('the clipping memo for the live check', () => {
  it('answers every edit of a dragged vertex as a fresh engine does', () => {
    const random = createRandom(7);
    const origin: GeoJSON.Position = [108.4, 35.45];
    const frame = createLocalFrame(origin as [number, number]);
    // Mostly small zones, every sixteenth a large one that holds whole edges of the block.
    const zones: GeoJSON.Feature[] = Array.from({ length: 800 }, (_, i) => {
      const centre = { x: random.range(-2_000, 2_000), y: random.range(-2_000, 2_000) };
      return { type: 'Feature', id: i + 1, properties: {}, geometry: starBlock(random, frame.toLonLat(centre), i % 16 === 0 ? random.range(500, 1_500) : random.range(10, 300)) };
    });
    const zoneLayer: TurfLayer[] = [{ collection: 'farmland' as CollectionId, features: zones }];
    const live = createTurfEngine(zoneLayer);
    const request: MeasurementRequest = { collections: [{ collection: 'farmland', withinM: 0 }] };
    const ring = starBlock(random, origin, 500).coordinates[0].slice(0, -1);
    for (let edit = 0; edit < 40; edit++) {
      const i = random.int(0, ring.length - 1);
      // Mostly small drags; every fourth a long one that sweeps right over small zones.
      const step = edit % 4 === 3 ? 3e-3 : 3e-4;
      ring[i] = [ring[i][0] + random.range(-step, step), ring[i][1] + random.range(-step, step)];
      const block: GeoJSON.Polygon = { type: 'Polygon', coordinates: [[...ring, ring[0]]] };
      const fresh = createTurfEngine(zoneLayer).measure(block, request);
      const got = live.measure(block, request);
      expect(got.features.map((f) => f.featureId), `edit ${edit}`).toEqual(fresh.features.map((f) => f.featureId));
      // A reused part was cut to the previous block's box: equal to rounding, not to the bit.
      got.features.forEach((f, k) => expect(Math.abs(f.overlapAreaM2 - fresh.features[k].overlapAreaM2), `edit ${edit}`).toBeLessThan(1e-3));
    }
  }, 60_000);
});

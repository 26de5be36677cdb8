import { intersect } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { ellipsoidalAreaM2 } from '@mpm/geo';
import { createTurfEngine, measurementRequest, type MeasurementRequest, type TurfLayer } from '../../src/index.ts';
import { buffers, ruleset } from '../fixtures.ts';
import { demoFeature, demoLayers, fixtureBlock } from './demo-county.ts';

const engine = createTurfEngine(demoLayers);
const request = measurementRequest(ruleset, buffers);
const found = (features: { collection: string; featureId: number }[]) => features.map((f) => `${f.collection} ${f.featureId}`);

describe('createTurfEngine on the demo county', () => {
  it('measures a block inside the concentrated zone as wholly inside the zone, the planning block and the key mining area', () => {
    const block = fixtureBlock('insideConcentratedZone');
    const { measurements, overlaps } = engine.measureWithOverlaps(block, request);
    expect(measurements.blockAreaM2).toBe(ellipsoidalAreaM2(block));
    expect(measurements.blockAreaM2).toBeCloseTo(30_000, -1);
    expect(found(measurements.features)).toEqual(['mining_zoning 2', 'concentrated_zones 1', 'mining_blocks 1']);
    for (const f of measurements.features) expect(f.overlapAreaM2).toBeCloseTo(measurements.blockAreaM2, 6);
    expect(measurements.features.map((f) => f.distanceM)).toEqual([0, 0, 0]);
    expect(measurements.features[2]).toMatchObject({ properties: { code: 'KC621025-01' }, rightHolders: [] });
    expect(overlaps.map((o) => `${o.collection} ${o.featureId}`)).toEqual(found(measurements.features));
    expect(measurements.errors).toEqual([]);
  });

  it('measures the part of a block across the red line as the ellipsoidal area of Turf’s intersection', () => {
    const block = fixtureBlock('acrossEcoRedline');
    const redLine = demoFeature('eco_redline', 2) as GeoJSON.Feature<GeoJSON.Polygon>;
    const part = intersect({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: block }, redLine] });
    const { measurements, overlaps } = engine.measureWithOverlaps(block, request);
    const measured = measurements.features.find((f) => f.collection === 'eco_redline');
    // The engine cuts the red line to the block's box before Turf clips: the same part, to rounding.
    expect(Math.abs(measured!.overlapAreaM2 - ellipsoidalAreaM2(part!.geometry))).toBeLessThan(1e-3);
    expect(measured!.overlapAreaM2).toBeGreaterThan(0.3 * measurements.blockAreaM2);
    expect(measured!.overlapAreaM2).toBeLessThan(0.7 * measurements.blockAreaM2);
    const highlighted = overlaps.find((o) => o.collection === 'eco_redline')!.geometry;
    expect(ellipsoidalAreaM2(highlighted)).toBe(measured!.overlapAreaM2);
    expect(highlighted.coordinates.flat(2).length).toBe(part!.geometry.coordinates.flat(2).length);
  });

  it('gives lines no area and the geodesic distance to their nearest point', () => {
    const { features } = engine.measure(fixtureBlock('nearCountyRoad'), request);
    const road = features.find((f) => f.collection === 'roads' && f.featureId === 3);
    expect(road).toMatchObject({ overlapAreaM2: 0, properties: { roadClass: 'countyRoad' } });
    expect(road!.distanceM).toBeCloseTo(75, 0);
    expect(features.every((f) => f.distanceM <= request.collections.find((c) => c.collection === f.collection)!.withinM)).toBe(true);
  });

  it('flags the same features as it measures, with the same distances, without areas', () => {
    for (const name of ['insideConcentratedZone', 'acrossEcoRedline', 'nearRailway', 'nearCountyRoad', 'nearTownshipRoad']) {
      const block = fixtureBlock(name);
      const measured = engine.measure(block, request);
      const flags = engine.classify(block, request);
      expect(found(flags.features), name).toEqual(found(measured.features));
      expect(flags.features.map((f) => f.distanceM)).toEqual(measured.features.map((f) => f.distanceM));
      expect(flags.features.map((f) => f.intersects)).toEqual(measured.features.map((f) => f.distanceM === 0));
      expect(flags.blockAreaM2).toBe(measured.blockAreaM2);
    }
  });

  it('never alters the block or the layers', () => {
    const block = structuredClone(fixtureBlock('acrossEcoRedline'));
    const before = JSON.stringify([block, demoLayers]);
    deepFreeze(block);
    engine.measureWithOverlaps(block, request);
    engine.classify(block, request);
    expect(JSON.stringify([block, demoLayers])).toBe(before);
  });
});

describe('overlaps decided without clipping, and with it', () => {
  const rect = (w: number, s: number, e: number, n: number): GeoJSON.Position[] => [[w, s], [e, s], [e, n], [w, n], [w, s]];
  const [x, y] = [108.4, 35.45];
  const zone = (id: number, ...rings: GeoJSON.Position[][]): GeoJSON.Feature<GeoJSON.Polygon> => ({
    type: 'Feature',
    id,
    properties: {},
    geometry: { type: 'Polygon', coordinates: rings },
  });
  const strip = zone(1, rect(x - 0.001, y - 0.01, x + 0.001, y + 0.01)); // across the block: no vertex inside either
  const ring = zone(2, rect(x - 0.02, y - 0.02, x + 0.02, y + 0.02), rect(x - 0.015, y - 0.015, x + 0.015, y + 0.015)); // the block in its hole
  const holed = zone(3, rect(x - 0.004, y - 0.0004, x - 0.002, y + 0.0004), rect(x - 0.0035, y - 0.0002, x - 0.0025, y + 0.0002)); // in the block
  const block: GeoJSON.Polygon = { type: 'Polygon', coordinates: [rect(x - 0.01, y - 0.001, x + 0.01, y + 0.001)] };

  it('measures a crossing with no vertex inside the other, a block in a hole, and a holed zone in the block', () => {
    const local = createTurfEngine([{ collection: 'farmland', features: [strip, ring, holed] }]);
    const { features } = local.measure(block, { collections: [{ collection: 'farmland', withinM: 0 }] });
    expect(found(features)).toEqual(['farmland 1', 'farmland 3']);
    const part = intersect({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: block }, strip] });
    expect(Math.abs(features[0].overlapAreaM2 - ellipsoidalAreaM2(part!.geometry))).toBeLessThan(1e-3);
    expect(features[0].overlapAreaM2).toBeGreaterThan(30_000);
    expect(features[1].overlapAreaM2).toBeCloseTo(ellipsoidalAreaM2(holed.geometry), 6);
  });
});

describe('holders of mining planning blocks', () => {
  const right = demoFeature('mining_rights', 2) as GeoJSON.Feature<GeoJSON.Polygon>;
  const corner = right.geometry.coordinates[0][0];
  const square = (centre: GeoJSON.Position, halfSideDeg: number, id: number): GeoJSON.Feature<GeoJSON.Polygon> => {
    const [x, y] = centre;
    const [w, s, e, n] = [x - halfSideDeg, y - halfSideDeg, x + halfSideDeg, y + halfSideDeg];
    return { type: 'Feature', id, properties: { code: `KC-${id}` }, geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] } };
  };
  // Around a corner of the right: ~1 m × 1 m inside it (a sliver), and ~30 m × 30 m.
  const sliver = square(corner, 0.00002, 1);
  const large = square(corner, 0.0006, 2);
  const layers: TurfLayer[] = [
    { collection: 'mining_blocks', features: [sliver, large] },
    { collection: 'mining_rights', features: demoLayers.find((l) => l.collection === 'mining_rights')!.features },
  ];
  const blocksOnly: MeasurementRequest = { collections: [{ collection: 'mining_blocks', withinM: 0 }] };
  const holderOf = (blocks: ReturnType<typeof engine.measure>, id: number) => blocks.features.find((f) => f.featureId === id)?.rightHolders;

  it('lists the holders of rights overlapping the planning block by more than the tolerance', () => {
    const check = createTurfEngine(layers).measure(large.geometry, blocksOnly);
    expect(holderOf(check, 1)).toEqual([]);
    expect(holderOf(check, 2)).toEqual([right.properties!.holder]);
    expect(check.errors).toEqual([]);
  });

  it('takes the tolerance from the options', () => {
    expect(holderOf(createTurfEngine(layers, { holderOverlapToleranceM2: 0 }).measure(large.geometry, blocksOnly), 1)).toEqual([right.properties!.holder]);
  });

  it('says the holders are unknown when the rights are not loaded', () => {
    const check = createTurfEngine(layers.slice(0, 1)).measure(large.geometry, blocksOnly);
    expect(check.errors.map((e) => [e.reason, e.featureId])).toEqual([
      ['rightHoldersIncomplete', 1],
      ['rightHoldersIncomplete', 2],
    ]);
  });
});

describe('degenerate input', () => {
  const block = fixtureBlock('insideConcentratedZone');
  const [x, y] = block.coordinates[0][0];
  const zone = (id: number, ring: unknown[]): GeoJSON.Feature =>
    ({ type: 'Feature', id, properties: { name: `broken ${id}` }, geometry: { type: 'Polygon', coordinates: [ring] } }) as GeoJSON.Feature;
  const sound = zone(1, [[x - 0.01, y - 0.01], [x + 0.01, y - 0.01], [x + 0.01, y + 0.01], [x - 0.01, y - 0.01]]);
  const layers: TurfLayer[] = [
    {
      collection: 'eco_redline',
      features: [
        sound,
        zone(2, [[x - 0.01, y - 0.01], [x + 0.01, NaN], [x + 0.01, y + 0.01], [x - 0.01, y - 0.01]]),
        zone(3, [[x - 0.01, y - 0.01], [x + 0.01], [x + 0.01, y + 0.01], [x - 0.01, y - 0.01]]),
        zone(4, [null, [x, y]]),
      ],
    },
  ];
  const broken = createTurfEngine(layers);
  const redLineOnly: MeasurementRequest = { collections: [{ collection: 'eco_redline', withinM: 0 }, { collection: 'rivers', withinM: 500 }] };

  it('reports what Turf threw on, per feature, and measures the rest', () => {
    const { features, errors } = broken.measure(block, redLineOnly);
    expect(found(features)).toEqual(['eco_redline 1']);
    expect(errors.map((e) => [e.reason, e.collection, e.featureId])).toEqual([
      ['turfFailed', 'eco_redline', 2],
      ['turfFailed', 'eco_redline', 3],
      ['featureUnreadable', 'eco_redline', 4],
      ['layerNotLoaded', 'rivers', undefined],
    ]);
    expect(errors[0].message.zh).toContain('以服务器审查结果为准');
    expect(errors[0].detail).toBeTruthy();
    expect(broken.skipped).toEqual([{ collection: 'eco_redline', featureId: 4, properties: { name: 'broken 4' }, geometryType: 'Polygon' }]);
  });

  it('reports them on the fast path too', () => {
    const { features, errors } = broken.classify(block, redLineOnly);
    expect(found(features)).toEqual(['eco_redline 1', 'eco_redline 2']);
    expect(errors.map((e) => [e.reason, e.featureId])).toEqual([
      ['turfFailed', 3],
      ['featureUnreadable', 4],
      ['layerNotLoaded', undefined],
    ]);
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

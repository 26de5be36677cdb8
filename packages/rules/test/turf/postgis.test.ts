import { describe, expect, it } from 'vitest';
import { createTurfEngine, measurementRequest } from '../../src/index.ts';
import { postgisAvailable, postgisQuery } from '@mpm/geo/testing';
import { buffers, ruleset } from '../fixtures.ts';
import { demoFeature, demoLayers, fixtureBlock } from './demo-county.ts';

const engine = createTurfEngine(demoLayers);
// The ruleset's request, with lines asked for out to 10 km to test county-scale distances too.
const request = {
  collections: [
    ...measurementRequest(ruleset, buffers).collections.filter((c) => !['roads', 'railways', 'rivers'].includes(c.collection)),
    ...(['roads', 'railways', 'rivers'] as const).map((collection) => ({ collection, withinM: 10_000 })),
  ],
};
const geometry = (g: GeoJSON.Geometry) => `ST_SetSRID(ST_GeomFromGeoJSON('${JSON.stringify(g)}'), 4490)`;
const measured = (block: string, collection: string, featureId: number) =>
  engine.measure(fixtureBlock(block), request).features.find((f) => f.collection === collection && f.featureId === featureId);

const hasPostgis = postgisAvailable();

describe.skipIf(!hasPostgis)('against PostGIS (geography, SRID 4490) as an independent reference', () => {
  it('agrees within 0.01 m² on the overlap with the red line', () => {
    const block = geometry(fixtureBlock('acrossEcoRedline'));
    const redLine = geometry(demoFeature('eco_redline', 2).geometry);
    const [reference] = postgisQuery([`SELECT ST_Area(ST_Intersection(${block}, ${redLine})::geography)`]).map(Number);
    expect(reference).toBeGreaterThan(10_000);
    expect(Math.abs(measured('acrossEcoRedline', 'eco_redline', 2)!.overlapAreaM2 - reference)).toBeLessThan(0.01);
  }, 60_000);

  it('agrees within 0.5 m on distances to a railway and to roads (ST_Distance on the spheroid)', () => {
    const cases = [
      ['nearRailway', 'railways', 1],
      ['nearCountyRoad', 'roads', 3],
      ['nearTownshipRoad', 'roads', 4],
      ['nearRailway', 'roads', 2],
      ['acrossEcoRedline', 'rivers', 1],
      ['insideConcentratedZone', 'railways', 1],
    ] as const;
    const reference = postgisQuery(
      cases.map(([block, collection, id]) => `SELECT ST_Distance(${geometry(fixtureBlock(block))}::geography, ${geometry(demoFeature(collection, id).geometry)}::geography, true)`),
    ).map(Number);
    expect(Math.max(...reference)).toBeGreaterThan(5_000);
    cases.forEach(([block, collection, id], i) => {
      const distanceM = measured(block, collection, id)?.distanceM ?? NaN;
      expect(Math.abs(distanceM - reference[i]), `${block} → ${collection} ${id}: ${distanceM} vs ${reference[i]}`).toBeLessThan(0.5);
    });
  }, 60_000);
});

if (!hasPostgis) it.skip('against PostGIS: skipped, no PostGIS at DATABASE_URL / 127.0.0.1:5432', () => {});

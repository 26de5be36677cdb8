import type { LineString, MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { areaReport, ellipsoidalAreaM2, ellipsoidalLengthM, gkToLonLat, gkZoneFromEpsg } from '../src/index.ts';
import { postgisAvailable, postgisQuery } from './helpers/external-tools.ts';

const ZONE_38 = gkZoneFromEpsg(4526)!;

/** A closed lon/lat ring from GK corners (northing, easting) in zone 38. */
const ring = (corners: readonly (readonly [number, number])[]): Position[] => {
  const positions = corners.map(([northingM, eastingM]) => [...gkToLonLat({ northingM, eastingM }, ZONE_38)]);
  return [...positions, positions[0]];
};

/** ECOSYSTEM.md §2.3: the 400 × 300 m sample block in zone 38, listed clockwise. */
const SAMPLE: Polygon = {
  type: 'Polygon',
  coordinates: [
    ring([
      [3153859.71, 38512086.86],
      [3153859.71, 38512486.86],
      [3153559.71, 38512486.86],
      [3153559.71, 38512086.86],
    ]),
  ],
};

/** 600 × 600 m with a 200 × 200 m hole. */
const WITH_HOLE: Polygon = {
  type: 'Polygon',
  coordinates: [
    ring([
      [3154000, 38510000],
      [3154000, 38510600],
      [3153400, 38510600],
      [3153400, 38510000],
    ]),
    ring([
      [3153800, 38510200],
      [3153600, 38510200],
      [3153600, 38510400],
      [3153800, 38510400],
    ]),
  ],
};

/** A 3 km × 2 km irregular block far north (45°N, CM 126°E), in EPSG:4490 degrees. */
const NORTH: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [125.98, 45.01],
      [126.02, 45.012],
      [126.021, 45.03],
      [126.0, 45.027],
      [125.985, 45.029],
      [125.98, 45.01],
    ],
  ],
};

const MULTI: MultiPolygon = { type: 'MultiPolygon', coordinates: [SAMPLE.coordinates, WITH_HOLE.coordinates] };

const LINE: LineString = { type: 'LineString', coordinates: [[114.1, 28.5], [114.13, 28.52], [114.2, 28.49]] };

const reversed = (p: Polygon): Polygon => ({ type: 'Polygon', coordinates: p.coordinates.map((r) => [...r].reverse()) });

describe('ellipsoidalAreaM2', () => {
  it('gives the §2.3 sample block 119 999.55 m² (PostGIS geography), 0.1200 km²', () => {
    expect(ellipsoidalAreaM2(SAMPLE)).toBeCloseTo(119_999.55, 2);
    expect(areaReport(ellipsoidalAreaM2(SAMPLE)).areaKm2).toBe(0.12);
  });

  it('does not depend on ring orientation', () => {
    expect(ellipsoidalAreaM2(reversed(SAMPLE))).toBeCloseTo(ellipsoidalAreaM2(SAMPLE), 6);
    expect(ellipsoidalAreaM2(reversed(WITH_HOLE))).toBeCloseTo(ellipsoidalAreaM2(WITH_HOLE), 6);
  });

  it('subtracts holes and sums the parts of a multipolygon', () => {
    const outerOnly: Polygon = { type: 'Polygon', coordinates: [WITH_HOLE.coordinates[0]] };
    const holeOnly: Polygon = { type: 'Polygon', coordinates: [WITH_HOLE.coordinates[1]] };
    expect(ellipsoidalAreaM2(WITH_HOLE)).toBeCloseTo(ellipsoidalAreaM2(outerOnly) - ellipsoidalAreaM2(holeOnly), 6);
    expect(ellipsoidalAreaM2(WITH_HOLE)).toBeGreaterThan(319_000);
    expect(ellipsoidalAreaM2(WITH_HOLE)).toBeLessThan(321_000);
    expect(ellipsoidalAreaM2(MULTI)).toBeCloseTo(ellipsoidalAreaM2(SAMPLE) + ellipsoidalAreaM2(WITH_HOLE), 6);
  });

  it('accepts rings with or without the closing position', () => {
    const open: Polygon = { type: 'Polygon', coordinates: [SAMPLE.coordinates[0].slice(0, -1)] };
    expect(ellipsoidalAreaM2(open)).toBeCloseTo(ellipsoidalAreaM2(SAMPLE), 6);
  });
});

describe('areaReport', () => {
  it('reports m², mu, ha and km² (km² to 4 decimals)', () => {
    expect(areaReport(119_999.553)).toEqual({ areaM2: 119_999.55, areaMu: 180, areaHa: 12, areaKm2: 0.12 });
    expect(areaReport(666_666.67)).toEqual({ areaM2: 666_666.67, areaMu: 1000, areaHa: 66.6667, areaKm2: 0.6667 });
    expect(areaReport(50).areaKm2).toBe(0.0001);
  });
});

describe('ellipsoidalLengthM', () => {
  it('sums geodesic segment lengths', () => {
    const first = ellipsoidalLengthM({ type: 'LineString', coordinates: LINE.coordinates.slice(0, 2) });
    expect(ellipsoidalLengthM(LINE)).toBeGreaterThan(first);
    expect(ellipsoidalLengthM({ type: 'MultiLineString', coordinates: [LINE.coordinates, LINE.coordinates] })).toBeCloseTo(
      2 * ellipsoidalLengthM(LINE),
      6,
    );
  });
});

const hasPostgis = postgisAvailable();

describe.skipIf(!hasPostgis)('against PostGIS ST_Area / ST_Length (geography, SRID 4490)', () => {
  const geography = (g: object) => `ST_SetSRID(ST_GeomFromGeoJSON('${JSON.stringify(g)}'), 4490)::geography`;

  it('agrees within 0.01 m² on areas and 1 mm on length', () => {
    const shapes = [SAMPLE, reversed(SAMPLE), WITH_HOLE, NORTH, MULTI];
    const rows = postgisQuery([
      ...shapes.map((g) => `SELECT ST_Area(${geography(g)})`),
      `SELECT ST_Length(${geography(LINE)})`,
    ]).map(Number);
    shapes.forEach((g, i) => expect(Math.abs(ellipsoidalAreaM2(g) - rows[i]), `shape ${i}`).toBeLessThan(0.01));
    expect(Math.abs(ellipsoidalLengthM(LINE) - rows[shapes.length])).toBeLessThan(0.001);
    expect(rows[0]).toBeCloseTo(119_999.55, 2);
  }, 60_000);
});

if (!hasPostgis) it.skip('against PostGIS: skipped, no PostGIS at DATABASE_URL / 127.0.0.1:5432', () => {});

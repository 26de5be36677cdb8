import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import { afterAll, describe, expect, it } from 'vitest';
import { COLLECTION_IDS, LAYERS, M2_PER_MU, type CollectionId } from '@mpm/domain';
import { loadGeographicLib } from './geographiclib.ts';
import { generate } from './generate.ts';

const DIR = path.dirname(fileURLToPath(import.meta.url));
const TODAY = '2026-11-23';

type Area = Feature<Polygon | MultiPolygon>;
const read = (name: string): string => fs.readFileSync(path.join(DIR, name), 'utf8');
const layers = Object.fromEntries(
  COLLECTION_IDS.map((id) => [id, (JSON.parse(read(`${id}.geojson`)) as FeatureCollection).features]),
) as Record<CollectionId, Feature[]>;
const areas = (id: CollectionId) => layers[id] as Area[];
const expectedClasses = JSON.parse(read('expected-patch-classes.json')) as Record<string, string>;

/** Ellipsoidal area on CGCS2000 (GRS80), computed here rather than with the generator's code. */
const geodesic = new (loadGeographicLib().Geodesic.Geodesic)(6378137, 1 / 298.257222101);
function ringM2(ring: Position[]): number {
  const polygon = geodesic.Polygon(false);
  for (const [lon, lat] of ring.slice(0, -1)) polygon.AddPoint(lat, lon);
  return Math.abs(polygon.Compute(false, true).area ?? 0);
}
function areaM2(f: Area): number {
  const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  return polygons.reduce((sum, [outer, ...holes]) => sum + ringM2(outer) - holes.reduce((s, h) => s + ringM2(h), 0), 0);
}
/** Planar-on-sphere (turf) area of a - b, for containment tests with a tolerance. */
function outsideM2(a: Area, b: Area): number {
  const rest = turf.difference(turf.featureCollection([a, b]));
  return rest ? turf.area(rest) : 0;
}
function overlapM2(a: Area, b: Area): number {
  const common = turf.intersect(turf.featureCollection([a, b]));
  return common ? turf.area(common) : 0;
}
const prop = (f: Feature, key: string) => f.properties![key];
const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);

describe('demo county files', () => {
  it('hold, per layer, exactly the catalogue fields that are neither computed nor read from another register (plus the agreed extras)', () => {
    const extras: Partial<Record<CollectionId, { add: string[]; drop: string[] }>> = {
      restoration_parcels: { add: ['townshipCode', 'licenceNo'], drop: ['township'] },
    };
    for (const layer of LAYERS) {
      const fields = layer.fields.filter((f) => !f.computed && !f.derivedFrom);
      const { add = [], drop = [] } = extras[layer.id] ?? {};
      const keys = [...fields.map((f) => f.key as string).filter((k) => !drop.includes(k)), ...add].sort();
      expect(layers[layer.id].length, layer.id).toBeGreaterThan(0);
      for (const f of layers[layer.id]) {
        expect(Object.keys(f.properties!).sort(), layer.id).toEqual(keys);
        for (const field of fields.filter((x) => !drop.includes(x.key))) {
          const value = prop(f, field.key);
          if (value === null) continue;
          const where = `${layer.id}.${field.key}`;
          if (field.type === 'enum') expect(field.values, where).toContain(value);
          if (field.type === 'enumList') {
            for (const item of String(value).split(',')) expect(field.values, where).toContain(item);
          }
          if (field.type === 'date') {
            expect(new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10), where).toBe(value);
          }
          if (field.type === 'integer') expect(Number.isInteger(value), where).toBe(true);
          if (field.type === 'number') expect(typeof value, where).toBe('number');
          if (field.type === 'boolean') expect(typeof value, where).toBe('boolean');
          if (field.type === 'text') expect(typeof value, where).toBe('string');
        }
        for (const key of ['name', 'mineName', 'holder', 'holderContact']) {
          if (key in f.properties!) expect(String(prop(f, key)), `${layer.id}.${key}`).toContain('示范');
        }
      }
    }
  });

  it('have valid geometries: right type, closed CCW rings (CW holes), no repeats, no kinks, 7 decimals', () => {
    const decimals = (x: number) => (String(x).split('.')[1] ?? '').length;
    for (const layer of LAYERS) {
      for (const f of layers[layer.id]) {
        const g = f.geometry;
        const where = `${layer.id} ${prop(f, 'name') ?? prop(f, 'code') ?? prop(f, 'licenceNo')}`;
        if (layer.geometry === 'line') {
          expect(['LineString', 'MultiLineString'], where).toContain(g.type);
          const lines = g.type === 'LineString' ? [g.coordinates] : (g as MultiLineString).coordinates;
          for (const line of lines) expect(line.length, where).toBeGreaterThan(1);
          continue;
        }
        expect(['Polygon', 'MultiPolygon'], where).toContain(g.type);
        const polygons = g.type === 'Polygon' ? [g.coordinates] : (g as MultiPolygon).coordinates;
        for (const rings of polygons) {
          rings.forEach((ring, i) => {
            expect(ring.length, where).toBeGreaterThanOrEqual(4);
            expect(ring[0], where).toEqual(ring.at(-1));
            for (let k = 1; k < ring.length; k++) expect(ring[k], where).not.toEqual(ring[k - 1]);
            expect(turf.booleanClockwise(ring), `${where} ring ${i}`).toBe(i > 0);
            for (const [lon, lat] of ring) expect(Math.max(decimals(lon), decimals(lat)), where).toBeLessThanOrEqual(7);
          });
        }
        expect(turf.kinks(g as Polygon | MultiPolygon).features, where).toHaveLength(0);
      }
    }
  });

  it('put every feature inside the county, and the townships tile the county', () => {
    const county = areas('county')[0];
    const [west, south, east, north] = turf.bbox(county);
    expect(west).toBeGreaterThan(108.15);
    expect(east).toBeLessThan(108.75);
    expect(south).toBeGreaterThan(35.25);
    expect(north).toBeLessThan(35.7);
    for (const id of COLLECTION_IDS) {
      for (const f of layers[id]) {
        for (const [lon, lat] of turf.coordAll(f)) {
          expect(lon >= west && lon <= east && lat >= south && lat <= north, id).toBe(true);
        }
      }
    }
    const townships = areas('townships');
    expect(townships.map((t) => String(prop(t, 'name')).replace('（示范）', ''))).toEqual(
      ['山河镇', '榆林子镇', '永和镇', '宫河镇', '周家镇', '湫头镇', '永正镇', '西坡镇', '三嘉镇', '五顷塬回族乡'],
    );
    expect(prop(county, 'adminCode')).toBe('621025');
    for (const t of townships) expect(prop(t, 'adminCode')).toMatch(/^621025\d{3}$/);
    const countyM2 = areaM2(county);
    expect(Math.abs(sum(townships.map(areaM2)) - countyM2) / countyM2).toBeLessThan(1e-4);
  });

  it('reproduce the two concentrated zones of 专栏二 (seed 004) with their ellipsoidal areas', () => {
    const zones = areas('concentrated_zones');
    expect(zones).toHaveLength(2);
    const expected = [
      ['正宁县榆林子镇党家村砂石土集中开采区', '榆林子镇', 0.28, 476],
      ['正宁县山河镇蔡峪村砂石土集中开采区', '山河镇', 0.22, 374],
    ] as const;
    expected.forEach(([name, township, km2, resources], i) => {
      const zone = zones[i];
      expect(prop(zone, 'name')).toBe(`${name}（示范）`);
      expect(zone.properties).toMatchObject({
        mainMineral: 'brickClay',
        resources10kt: resources,
        existingRights: 0,
        plannedRights: 1,
        minScale10ktPerYear: 13,
        extractionCap10kt: 13,
      });
      const m2 = areaM2(zone);
      expect((m2 / 1e6).toFixed(4)).toBe(km2.toFixed(4));
      expect(Math.abs(m2 - km2 * 1e6)).toBeLessThanOrEqual(1);
      const home = areas('townships').find((t) => prop(t, 'name') === `${township}（示范）`)!;
      expect(outsideM2(zone, home)).toBeLessThan(1);
    });
  });

  it('reproduce the planning blocks of seed 004', () => {
    const [block] = areas('mining_blocks');
    expect(layers.mining_blocks).toHaveLength(1);
    expect(block.properties).toMatchObject({ mineral: 'brickClay', allocationMethod: 'tenderAuctionListing' });
    expect(prop(block, 'code')).toMatch(/^KC621025-\d{2}$/);
    expect(layers.exploration_blocks.map((b) => prop(b, 'mineral'))).toEqual(['coal', 'coal']);
  });

  it('reproduce the 2020 base year of seed 004: 5 mining + 1 exploration rights, 12.28 万元 in 4 funds', () => {
    // The sixth mining right was closed and revoked before 2020 (a patch shows it mined again).
    const revoked = layers.mining_rights.filter((r) => prop(r, 'rightStatus') === 'revoked');
    expect(revoked.map((r) => [prop(r, 'mineral'), prop(r, 'validTo') < '2021-12-31'])).toEqual([['brickClay', true]]);
    const rights = layers.mining_rights.filter((r) => !revoked.includes(r));
    expect(rights).toHaveLength(5);
    const coal = rights.filter((r) => prop(r, 'mineral') === 'coal');
    const clay = rights.filter((r) => prop(r, 'mineral') === 'brickClay');
    expect(coal).toHaveLength(1);
    expect(clay).toHaveLength(4);
    expect(coal[0].properties).toMatchObject({ scaleClass: 'large', miningMethod: 'underground' });
    for (const r of clay) {
      expect(r.properties).toMatchObject({ scaleClass: 'small', miningMethod: 'openPit' });
      expect(prop(r, 'capacity10ktPerYear')).toBeGreaterThanOrEqual(3);
      expect(prop(r, 'capacity10ktPerYear')).toBeLessThanOrEqual(8);
    }
    const largeOrMedium = rights.filter((r) => prop(r, 'scaleClass') !== 'small').length;
    expect(largeOrMedium / rights.length).toBe(0.2);
    for (const r of rights) {
      expect(prop(r, 'licenceNo')).toMatch(/^C621025\d{10}DEMO\d{2}$/);
      expect(String(prop(r, 'licenceNo'))).toHaveLength(23);
      expect(prop(r, 'rightStatus')).toBe('active');
      expect(prop(r, 'validFrom') <= '2020-01-01' && prop(r, 'validTo') >= '2020-12-31').toBe(true);
      expect(prop(r, 'holderContact')).toMatch(/^0934-555\d{4}（示范）$/);
    }
    const expired = rights.filter((r) => prop(r, 'validTo') < TODAY);
    expect(expired.map((r) => prop(r, 'mineral'))).toEqual(['brickClay']);
    for (const r of rights.filter((x) => !expired.includes(x))) expect(prop(r, 'validTo') > '2027-12-31').toBe(true);
    const funds = rights.map((r) => prop(r, 'restorationFund10kYuan')).filter((v): v is number => v !== null);
    expect(funds).toHaveLength(4);
    expect(Math.round(sum(funds) * 100)).toBe(1228);
    const [exploration] = areas('exploration_rights');
    expect(layers.exploration_rights).toHaveLength(1);
    expect(prop(exploration, 'mineral')).toBe('coal');
    expect(prop(exploration, 'validFrom') <= TODAY && TODAY <= prop(exploration, 'validTo')).toBe(true);
    expect(Math.min(...areas('exploration_blocks').map((b) => outsideM2(exploration, b)))).toBeLessThan(1);
  });

  it('reproduce the Xinbin yearly restoration targets (seed 001) to 0.01 mu', () => {
    const parcels = areas('restoration_parcels');
    const targets = {
      production: { 2019: 40.4, 2020: 41.6, 2021: 106, 2022: 106 },
      closed: { 2019: 96, 2020: 96, 2021: 36, 2022: 45 },
    } as const;
    for (const [group, byYear] of Object.entries(targets)) {
      for (const [year, mu] of Object.entries(byYear)) {
        const isProduction = (p: Area) => prop(p, 'mineCategory') === 'production';
        const members = parcels.filter(
          (p) => prop(p, 'plannedYear') === Number(year) && isProduction(p) === (group === 'production'),
        );
        expect(members.length, `${group} ${year}`).toBeGreaterThanOrEqual(2);
        expect(members.length, `${group} ${year}`).toBeLessThanOrEqual(4);
        expect(Math.abs(sum(members.map(areaM2)) / M2_PER_MU - mu), `${group} ${year}`).toBeLessThan(0.005);
      }
    }
    const categories = new Set(parcels.map((p) => prop(p, 'mineCategory')));
    expect(categories).toEqual(new Set(['production', 'policyClosed', 'abandoned']));
    expect(new Set(parcels.map((p) => prop(p, 'townshipCode'))).size).toBeGreaterThanOrEqual(5);
  });

  it('place each restoration parcel in its township, with progress that fits its planned year', () => {
    for (const p of areas('restoration_parcels')) {
      const township = areas('townships').find((t) => prop(t, 'adminCode') === prop(p, 'townshipCode'));
      expect(township, String(prop(p, 'code'))).toBeDefined();
      expect(turf.booleanPointInPolygon(turf.centroid(p), township!), String(prop(p, 'code'))).toBe(true);
      const done = ['completed', 'accepted'].includes(String(prop(p, 'restorationStatus')));
      expect(prop(p, 'completedOn') !== null, String(prop(p, 'code'))).toBe(done);
      if (done) {
        const lag = Number(String(prop(p, 'completedOn')).slice(0, 4)) - Number(prop(p, 'plannedYear'));
        expect(lag, String(prop(p, 'code'))).toBeOneOf([0, 1]);
      }
    }
    const statuses2022 = areas('restoration_parcels')
      .filter((p) => prop(p, 'plannedYear') === 2022)
      .map((p) => prop(p, 'restorationStatus'));
    expect(statuses2022).toEqual(expect.arrayContaining(['accepted', 'underWay', 'planned']));
  });

  it('give the other layers several features and every enum value that matters', () => {
    const values = (id: CollectionId, key: string) => new Set(layers[id].map((f) => prop(f, key)));
    const zoningClasses = ['keyMining', 'restrictedMining', 'prohibitedMining'];
    expect(values('mining_zoning', 'zoningClass')).toEqual(new Set(zoningClasses));
    expect(values('roads', 'roadClass')).toEqual(new Set(['national', 'provincial', 'countyRoad', 'townshipRoad']));
    expect(values('farmland', 'farmlandClass')).toEqual(new Set(['permanentBasic', 'cultivable']));
    expect(layers.eco_redline.length).toBeGreaterThanOrEqual(2);
    expect(layers.railways.length).toBeGreaterThanOrEqual(1);
    expect(layers.rivers.length).toBeGreaterThanOrEqual(2);
    for (const id of ['nature_reserves', 'water_sources', 'scenic_areas', 'residential_areas'] as const) {
      expect(layers[id].length, id).toBeGreaterThanOrEqual(2);
      expect(layers[id].length, id).toBeLessThanOrEqual(4);
    }
    const prohibited = areas('mining_zoning').filter((z) => prop(z, 'zoningClass') === 'prohibitedMining');
    for (const zone of [...areas('eco_redline'), ...areas('nature_reserves')]) {
      expect(Math.min(...prohibited.map((p) => outsideM2(zone, p))), String(prop(zone, 'name'))).toBeLessThan(1);
    }
  });

  it('give every change patch a class, two or more of each licence class and one of each of its kin, that matching the layers confirms', () => {
    const patches = areas('change_patches');
    expect(Object.keys(expectedClasses).sort()).toEqual(patches.map((p) => String(prop(p, 'code'))).sort());
    for (const kind of ['legal', 'out_of_bounds', 'unlicensed', 'expired', 'protected_zone']) {
      expect(Object.values(expectedClasses).filter((k) => k === kind).length, kind).toBeGreaterThanOrEqual(2);
    }
    for (const kind of ['mining_under_exploration', 'cover_mining', 'closed_then_mined']) {
      expect(Object.values(expectedClasses).filter((k) => k === kind).length, kind).toBe(1);
    }
    const revoked = areas('mining_rights').filter((r) => prop(r, 'rightStatus') === 'revoked');
    const rights = areas('mining_rights').filter((r) => !revoked.includes(r));
    const zones = [...areas('eco_redline'), ...areas('nature_reserves')];
    for (const patch of patches) {
      const code = String(prop(patch, 'code'));
      expect(code).toMatch(/^WP2025-\d{3}$/);
      const on = String(prop(patch, 'detectedOn'));
      const valid = rights.filter((r) => prop(r, 'validFrom') <= on && on <= prop(r, 'validTo'));
      const expired = rights.filter((r) => prop(r, 'validTo') < on);
      const near = turf.buffer(patch, 1, { units: 'kilometers' }) as Area;
      let found: string;
      if (valid.some((r) => outsideM2(patch, r) < 1)) found = 'legal';
      else if (valid.some((r) => overlapM2(patch, r) > 1)) found = 'out_of_bounds';
      else if (expired.some((r) => overlapM2(patch, r) > 1)) found = 'expired';
      else if (zones.some((z) => overlapM2(patch, z) > 1)) found = 'protected_zone';
      else if (revoked.some((r) => outsideM2(patch, r) < 1)) found = 'closed_then_mined';
      else if (areas('exploration_rights').some((r) => outsideM2(patch, r) < 1)) found = 'mining_under_exploration';
      else if (areas('restoration_parcels').some((r) => outsideM2(patch, r) < 1)) found = 'cover_mining';
      else if (![...rights, ...revoked, ...areas('exploration_rights')].some((r) => overlapM2(near, r) > 0)) found = 'unlicensed';
      else found = 'unclassified';
      expect(found, code).toBe(expectedClasses[code]);
    }
  });
});

describe('demo generator', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-county-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('reproduces every committed file byte for byte', { timeout: 120_000 }, () => {
    const written = generate(tmp).map((file) => path.basename(file));
    expect(written).toHaveLength(COLLECTION_IDS.length + 2); // + expected-patch-classes.json, sweep-registers.json
    for (const name of written) expect(fs.readFileSync(path.join(tmp, name), 'utf8'), name).toBe(read(name));
  });

  it('keeps the folder small', () => {
    const bytes = sum(fs.readdirSync(DIR).map((name) => fs.statSync(path.join(DIR, name)).size));
    expect(bytes).toBeLessThan(2 * 1024 * 1024);
  });
});

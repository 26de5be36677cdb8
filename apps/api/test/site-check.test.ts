import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import { REPO_ROOT } from '../src/config.ts';
import { signInStaff } from './helpers/staff.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';

type Area = GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon>;
type Position = [number, number];

const demo = <G extends GeoJSON.Geometry = GeoJSON.Polygon | GeoJSON.MultiPolygon>(name: string) =>
  (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data', 'demo', `${name}.geojson`), 'utf8')) as GeoJSON.FeatureCollection<G>).features;
const ruleset = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data', 'rulesets', 'zhengning-2021.json'), 'utf8'));

const POLYGON_LAYERS = [
  'concentrated_zones', 'mining_blocks', 'exploration_blocks', 'mining_zoning', 'eco_redline', 'farmland',
  'nature_reserves', 'water_sources', 'scenic_areas', 'residential_areas', 'mining_rights', 'exploration_rights',
];
const everyArea = POLYGON_LAYERS.flatMap((layer) => demo(layer));
const everyLine = ['roads', 'railways', 'rivers'].flatMap((layer) =>
  demo<GeoJSON.LineString>(layer).map((feature) => Object.assign(feature, { layer })),
);
/** The areas a zone rule speaks of, apart from the plan's zoning: a point outside them draws no finding from them. */
const ruledAreas = ['eco_redline', 'farmland', 'nature_reserves', 'water_sources', 'scenic_areas', 'residential_areas', 'mining_rights', 'exploration_rights'].flatMap(
  (layer) => demo(layer),
);
const county = demo('county')[0];
const townships = demo('townships');

const inside = (p: Position, area: Area) => turf.booleanPointInPolygon(p, area);
/** Metres from `p` to the boundary of `area` (spherical: the tests keep a margin well above its error). */
const boundaries = new WeakMap<Area, GeoJSON.Feature<GeoJSON.LineString>[]>();
const toBoundaryM = (p: Position, area: Area) => {
  if (!boundaries.has(area)) boundaries.set(area, turf.flatten(turf.polygonToLine(area) as GeoJSON.Feature<GeoJSON.LineString>).features);
  return Math.min(...boundaries.get(area)!.map((line) => turf.pointToLineDistance(p, line, { units: 'meters' })));
};
const toLineM = (p: Position, line: GeoJSON.Feature<GeoJSON.LineString>) => turf.pointToLineDistance(p, line, { units: 'meters' });

/**
 * A point (7 decimals) inside `area`, at least `clearM` from its boundary and from every area of
 * `avoid`, outside all of those, and at least `linesM` from every line when given: the grid point
 * nearest the area's centroid that qualifies, so it is right by construction and stable.
 */
function pointIn(area: Area, { clearM = 40, avoid = [] as Area[], linesM = 0 } = {}): Position {
  const [w, s, e, n] = turf.bbox(area);
  const [cx, cy] = turf.centroid(area).geometry.coordinates;
  const grid: Position[] = [];
  for (let i = 0; i < 80; i++) for (let j = 0; j < 80; j++) grid.push([w + ((e - w) * (i + 0.5)) / 80, s + ((n - s) * (j + 0.5)) / 80]);
  grid.sort((a, b) => (a[0] - cx) ** 2 + (a[1] - cy) ** 2 - ((b[0] - cx) ** 2 + (b[1] - cy) ** 2));
  const found = grid
    .map((p) => p.map((v) => Number(v.toFixed(7))) as Position)
    .find(
      (p) =>
        inside(p, area) &&
        avoid.every((other) => !inside(p, other)) &&
        (linesM === 0 || everyLine.every((line) => toLineM(p, line) >= linesM)) &&
        toBoundaryM(p, area) >= clearM &&
        avoid.every((other) => toBoundaryM(p, other) >= clearM),
    );
  if (!found) throw new Error(`no point found in ${area.properties?.name}`);
  return found;
}

const byProperty = (layer: string, key: string, value: string) => demo(layer).find((f) => f.properties?.[key] === value)!;
const right = (serial: string) => demo('mining_rights').find((f) => String(f.properties?.licenceNo).endsWith(serial))!;
const township = (p: Position) => townships.find((t) => inside(p, t))!.properties!;

/** 500 m to the left of the middle of the railway's middle segment. */
function besideRailway(): Position {
  const rail = demo<GeoJSON.LineString>('railways')[0].geometry.coordinates;
  const k = Math.floor(rail.length / 2);
  const [a, b] = [rail[k], rail[k + 1]];
  const p = turf.destination(turf.midpoint(a, b), 0.5, turf.bearing(a, b) - 90, { units: 'kilometers' }).geometry.coordinates;
  return p.map((v) => Number(v.toFixed(7))) as Position;
}

/** The day in China time, and the days from it to `date`. */
const chinaToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const daysFrom = (today: string, date: string) => Math.round((Date.parse(date) - Date.parse(today)) / 86_400_000);

/** Rules about a proposal's size or the county's totals: a site card leaves them out. */
const aboutSize = (ruleId: string) => ruleId === 'minimumScale' || ruleId === 'concentratedZoneScale' || ruleId.startsWith('indicator.');

interface Card {
  centre: Position;
  areaM2: number | null;
  township: { code: string; name: string } | null;
  zones: { collection: string; featureId: number; name: string; classKey?: string; overlapAreaM2?: number }[];
  nearest: { collection: string; name: string; roadClass?: string; distanceM: number; bufferM: number; insideBuffer: boolean }[];
  rights: { licenceNo: string; state: string; daysLeft: number; holder: string; mineral: string; validTo: string; bbox: number[] }[];
  findings: { ruleId: string; outcome: string; featureName?: string; overlapAreaM2?: number; distanceM?: number; message: { zh: string; en: string } }[];
}

describe.each(TEST_DATABASES)('site check on %s', (kind) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  const post = (body: object, who: string | null = 'inspector1', headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/site-check', payload: body, headers: { ...(who ? { cookie: cookies[who] } : {}), ...headers } });
  const card = async (geometry: object, mineral?: string): Promise<Card> => {
    const response = await post({ geometry, ...(mineral && { mineral }) });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const at = (p: Position, mineral?: string) => card({ type: 'Point', coordinates: p }, mineral);
  const ruleIds = (c: Card) => c.findings.map((f) => f.ruleId);

  beforeAll(async () => {
    t = await createTestApp(kind);
    Object.assign(cookies, await signInStaff(t));
  });
  afterAll(() => t?.close());

  it('places a point in the red line: the zone, its township, and a forbidden finding told as containment', async () => {
    const redLine = demo('eco_redline')[0];
    const p = pointIn(redLine);
    const c = await at(p);
    expect(c.centre).toEqual(p);
    expect(c.areaM2).toBeNull();
    expect(c.township).toEqual({ code: township(p).adminCode, name: township(p).name });
    expect(c.zones).toContainEqual(expect.objectContaining({ collection: 'eco_redline', name: redLine.properties!.name }));
    const finding = c.findings.find((f) => f.ruleId === 'ecoRedline')!;
    expect(finding).toMatchObject({ outcome: 'forbidden', featureName: redLine.properties!.name });
    expect(finding.message.zh).toBe(`站点位于“${redLine.properties!.name}”内。`);
    expect(finding).not.toHaveProperty('overlapAreaM2');
    expect(finding).not.toHaveProperty('overlapPercent');
    expect(c.findings[0].outcome).toBe('forbidden');
  });

  it('places points in permanent basic farmland and on cultivable land; brick clay only matters on the latter', async () => {
    const basic = byProperty('farmland', 'farmlandClass', 'permanentBasic');
    const onBasic = await at(pointIn(basic));
    expect(onBasic.zones).toContainEqual(expect.objectContaining({ collection: 'farmland', classKey: 'permanentBasic', name: basic.properties!.name }));
    expect(onBasic.findings).toContainEqual(expect.objectContaining({ ruleId: 'permanentBasicFarmland', outcome: 'forbidden' }));

    const cultivable = byProperty('farmland', 'farmlandClass', 'cultivable');
    const p = pointIn(cultivable, { avoid: ruledAreas.filter((f) => f.properties!.name !== cultivable.properties!.name) });
    const clay = await at(p);
    expect(clay.zones).toContainEqual(expect.objectContaining({ collection: 'farmland', classKey: 'cultivable', name: cultivable.properties!.name }));
    expect(ruleIds(clay)).toContain('brickClayOnCultivableLand');
    expect(ruleIds(clay)).not.toContain('permanentBasicFarmland');
    expect(ruleIds(await at(p, 'coal'))).not.toContain('brickClayOnCultivableLand');
  });

  it.each([
    ['nature_reserves', 'natureReserve', 'forbidden'],
    ['water_sources', 'waterSource', 'forbidden'],
    ['scenic_areas', 'scenicArea', 'restricted'],
    ['residential_areas', 'residentialArea', 'restricted'],
  ])('places a point in each of the four areas: %s', async (layer, ruleId, outcome) => {
    const area = demo(layer)[0];
    const c = await at(pointIn(area));
    expect(c.zones).toContainEqual(expect.objectContaining({ collection: layer, name: area.properties!.name }));
    expect(c.findings).toContainEqual(expect.objectContaining({ ruleId, outcome, featureName: area.properties!.name }));
  });

  it('places points in a prohibited, a restricted and a key mining area', async () => {
    const protectedAreas = ['eco_redline', 'nature_reserves', 'water_sources'].flatMap((layer) => demo(layer));
    const prohibited = byProperty('mining_zoning', 'zoningClass', 'prohibitedMining');
    const inProhibited = await at(pointIn(prohibited, { avoid: protectedAreas }));
    expect(inProhibited.zones).toContainEqual(expect.objectContaining({ collection: 'mining_zoning', classKey: 'prohibitedMining' }));
    expect(inProhibited.findings).toContainEqual(expect.objectContaining({ ruleId: 'prohibitedMiningArea', outcome: 'forbidden' }));
    expect(ruleIds(inProhibited)).not.toContain('ecoRedline');

    const restricted = byProperty('mining_zoning', 'zoningClass', 'restrictedMining');
    const inRestricted = await at(pointIn(restricted, { avoid: ruledAreas }));
    expect(inRestricted.zones).toContainEqual(expect.objectContaining({ collection: 'mining_zoning', classKey: 'restrictedMining', name: restricted.properties!.name }));
    expect(inRestricted.findings).toContainEqual(expect.objectContaining({ ruleId: 'restrictedMiningArea', outcome: 'restricted' }));

    const key = byProperty('mining_zoning', 'zoningClass', 'keyMining');
    const inKey = await at(pointIn(key, { avoid: ruledAreas }), 'coal');
    expect(inKey.zones).toContainEqual(expect.objectContaining({ collection: 'mining_zoning', classKey: 'keyMining', name: key.properties!.name }));
    expect(inKey.findings.filter((f) => f.outcome !== 'advisory')).toEqual([]);
  });

  it('places a point in a concentrated zone: inside the plan for brick clay, no finding about scale', async () => {
    const zone = demo('concentrated_zones')[1];
    const c = await at(pointIn(zone, { avoid: demo('mining_blocks') }));
    expect(c.zones).toContainEqual(expect.objectContaining({ collection: 'concentrated_zones', name: zone.properties!.name }));
    expect(ruleIds(c)).not.toContain('planZoning');
    expect(ruleIds(c).filter(aboutSize)).toEqual([]);
    expect(ruleIds(await at(pointIn(zone, { avoid: demo('mining_blocks') }), 'constructionSand'))).toContain('planZoning');
  });

  it('names the valid mining right a point lies in, with its state and days left, and does not hold the licence against itself', async () => {
    const coal = right('DEMO01');
    const before = chinaToday();
    const c = await at(pointIn(coal));
    const days = [before, chinaToday()].map((today) => daysFrom(today, coal.properties!.validTo));
    expect(c.rights).toHaveLength(1);
    expect(c.rights[0]).toMatchObject({
      licenceNo: coal.properties!.licenceNo,
      holder: coal.properties!.holder,
      mineral: 'coal',
      validTo: coal.properties!.validTo,
      state: 'valid',
    });
    expect(days).toContain(c.rights[0].daysLeft);
    const [w, s, e, n] = turf.bbox(coal);
    expect(c.rights[0].bbox.map((v) => Number(v.toFixed(6)))).toEqual([w, s, e, n].map((v) => Number(v.toFixed(6))));
    expect(ruleIds(c)).not.toContain('existingMiningRight');
  });

  it('names the expired right DEMO05 with its negative days left', async () => {
    const expired = right('DEMO05');
    const before = chinaToday();
    const c = await at(pointIn(expired, { clearM: 20 }));
    expect(c.rights).toEqual([expect.objectContaining({ licenceNo: expired.properties!.licenceNo, state: 'expired' })]);
    expect([before, chinaToday()].map((today) => daysFrom(today, expired.properties!.validTo))).toContain(c.rights[0].daysLeft);
    expect(c.rights[0].daysLeft).toBeLessThan(0);
  });

  it('measures a point 500 m from the railway: inside its 1 000 m buffer, with a finding that needs the operator’s assessment', async () => {
    const p = besideRailway();
    const c = await at(p);
    const rail = c.nearest.find((line) => line.collection === 'railways')!;
    const expected = toLineM(p, demo<GeoJSON.LineString>('railways')[0]);
    expect(rail).toMatchObject({ name: '西平铁路正宁段（示范）', bufferM: ruleset.bufferDefaults.railwayM, insideBuffer: true });
    expect(Math.abs(rail.distanceM - expected)).toBeLessThan(expected * 0.01);
    const finding = c.findings.find((f) => f.ruleId === 'railwayProtection')!;
    expect(finding).toMatchObject({ outcome: 'conditional', distanceM: rail.distanceM });
  });

  it('finds nothing for a point far from everything: no zone, no right, no finding, every line outside its buffer', async () => {
    const p = pointIn(county, { clearM: 300, avoid: everyArea, linesM: 1_600 });
    const c = await at(p, 'coal');
    expect(c.township).toEqual({ code: township(p).adminCode, name: township(p).name });
    expect(c.zones).toEqual([]);
    expect(c.rights).toEqual([]);
    expect(c.findings).toEqual([]);
    expect(c.nearest.map((line) => [line.collection, line.roadClass])).toEqual([
      ['roads', 'national'],
      ['roads', 'provincial'],
      ['roads', 'countyRoad'],
      ['roads', 'townshipRoad'],
      ['railways', undefined],
      ['rivers', undefined],
    ]);
    for (const line of c.nearest) {
      expect(line.insideBuffer).toBe(false);
      const group = everyLine.filter((f) => f.layer === line.collection && f.properties!.roadClass === line.roadClass);
      const nearestDemo = Math.min(...group.map((f) => toLineM(p, f)));
      expect(group.find((f) => toLineM(p, f) === nearestDemo)!.properties!.name).toBe(line.name);
      expect(Math.abs(line.distanceM - nearestDemo)).toBeLessThan(nearestDemo * 0.01);
    }
    expect(c.nearest.find((line) => line.roadClass === 'townshipRoad')!.bufferM).toBe(ruleset.bufferDefaults.townshipRoadM);
    // Brick clay (the default mineral) must lie in a planned zone or block: this point does not.
    expect((await at(p)).findings.map((f) => [f.ruleId, f.message.en])).toEqual([
      ['planZoning', 'The site lies outside every planned zone or block for the mineral.'],
    ]);
  });

  it('gives a polygon site the findings of the block check with the neutral proposal, and its overlaps', async () => {
    const redLine = demo('eco_redline')[0];
    const block = turf.circle(pointIn(redLine, { clearM: 200 }), 0.06, { steps: 16, units: 'kilometers' }).geometry;
    block.coordinates = [block.coordinates[0].map((position) => position.map((v) => Number(v.toFixed(7))))];
    const c = await card(block);
    const check = await t.app.inject({
      method: 'POST',
      url: '/api/check',
      headers: { cookie: cookies.planner1 },
      payload: { geometry: block, proposal: { mineral: 'brickClay', capacity10ktPerYear: 0, rightKind: 'new' } },
    });
    expect(check.statusCode, check.body).toBe(200);
    expect(c.findings).toEqual(check.json().findings.filter((f: { ruleId: string }) => !aboutSize(f.ruleId)));
    expect(c.areaM2).toBeCloseTo(check.json().areaM2, 1);
    const zone = c.zones.find((z) => z.collection === 'eco_redline')!;
    expect(zone.overlapAreaM2).toBeCloseTo(c.areaM2!, 1);
    expect(inside(c.centre, turf.polygon(block.coordinates))).toBe(true);
  });

  it('judges a polygon across a licence boundary as that licence carrying on, as the block check would', async () => {
    const clay = right('DEMO02');
    const [x0, y0] = clay.geometry.type === 'Polygon' ? clay.geometry.coordinates[0][0] : clay.geometry.coordinates[0][0][0];
    const block = turf.circle([x0, y0], 0.04, { steps: 12, units: 'kilometers' }).geometry;
    block.coordinates = [block.coordinates[0].map((position) => position.map((v) => Number(v.toFixed(7))))];
    const c = await card(block);
    expect(c.rights).toEqual([expect.objectContaining({ licenceNo: clay.properties!.licenceNo, state: 'valid' })]);
    const { licenceNo, holder } = clay.properties!;
    const check = await t.app.inject({
      method: 'POST',
      url: '/api/check',
      headers: { cookie: cookies.planner1 },
      payload: { geometry: block, proposal: { mineral: 'brickClay', capacity10ktPerYear: 0, rightKind: 'extension', licenceNo, holder } },
    });
    expect(c.findings).toEqual(check.json().findings.filter((f: { ruleId: string }) => !aboutSize(f.ruleId)));
    expect(ruleIds(c)).not.toContain('existingMiningRight');
  });

  it('refuses bad sites with a 400 naming the problem, in the reader’s language', async () => {
    const p = pointIn(county, { clearM: 1000 });
    const cases: [unknown, string, RegExp][] = [
      [{ type: 'Point', coordinates: [200, 35.4] }, 'outOfRange', /outside lon/],
      [{ type: 'Point', coordinates: [108.4, null] }, 'notANumber', /not a finite number/],
      [{ type: 'Point', coordinates: ['NaN', 35.4] }, 'notANumber', /not a finite number/],
      [{ type: 'Point', coordinates: [p[1], p[0]] }, 'lonLatSwapped', /swapped/],
      [{ type: 'Point', coordinates: [116.39, 39.91] }, 'outsideCounty', /The site .* is outside the county/],
      [{ type: 'Point', coordinates: [36_512_345.67, 3_925_000.12] }, 'projectedMetres', /projected metres/],
      [{ type: 'Point', coordinates: [108.4] }, 'badPosition', /has 1 values/],
      [{ type: 'Point' }, 'malformedCoordinates', /expected a \[lon, lat\] array/],
      [{ type: 'LineString', coordinates: [p, [p[0] + 0.01, p[1]]] }, 'notASite', /Point, Polygon or MultiPolygon; got "LineString"/],
      [null, 'notASite', /got null/],
      [
        { type: 'Polygon', coordinates: [[p, [p[0] + 0.01, p[1] + 0.01], [p[0] + 0.01, p[1]], [p[0], p[1] + 0.01], p]] },
        'selfIntersection',
        /boundary is invalid/,
      ],
      [{ type: 'Polygon', coordinates: [[p, [p[0] + 0.01, p[1]], [p[0], p[1] + 0.01], [p[0] + 0.001, p[1]]]] }, 'ringNotClosed', /not closed/],
    ];
    for (const [geometry, code, message] of cases) {
      const response = await post({ geometry }, 'inspector1', { 'accept-language': 'en' });
      expect(response.statusCode, JSON.stringify(geometry)).toBe(400);
      expect(response.json().code, JSON.stringify(geometry)).toBe(code);
      expect(response.json().message, JSON.stringify(geometry)).toMatch(message);
    }
    const zh = await post({ geometry: { type: 'Point', coordinates: [116.39, 39.91] } });
    expect(zh.json().message).toMatch(/不在本县范围内/);
    expect((await post({})).statusCode).toBe(400);
    expect((await post({ geometry: { type: 'Point', coordinates: p }, mineral: 'unobtainium' })).statusCode).toBe(400);
    expect((await post({ geometry: { type: 'Point', coordinates: p }, extra: 1 })).statusCode).toBe(400);
  });

  it('lets staff check a site and refuses anonymous callers with 401 before reading the body', async () => {
    const p = pointIn(county, { clearM: 1000 });
    expect((await post({ geometry: { type: 'Point', coordinates: p } }, null)).statusCode).toBe(401);
    expect((await post({ geometry: 'nonsense' }, null)).statusCode).toBe(401);
    for (const who of ['inspector1', 'planner1', 'admin']) {
      expect((await post({ geometry: { type: 'Point', coordinates: p } }, who)).statusCode).toBe(200);
    }
  });

  it('lists the change patches and ledger entries at the site and within 50 m, nearest first, with what a click needs', async () => {
    const classes = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data', 'demo', 'expected-patch-classes.json'), 'utf8')) as Record<string, string>;
    const demoPatch = demo('change_patches').find((f) => classes[String(f.properties!.code)] === 'unlicensed')!;
    const code = String(demoPatch.properties!.code);
    const listed = await t.app.inject({ method: 'GET', url: '/api/patches', headers: { cookie: cookies.inspector1 } });
    expect(listed.statusCode, listed.body).toBe(200);
    const stored = (listed.json().features as { id: number; properties: { code: string; areaM2: number } }[]).find((f) => f.properties.code === code)!;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/ledger',
      headers: { cookie: cookies.inspector1 },
      payload: { title: code, source: 'patch', patchId: stored.id, geometry: demoPatch.geometry, violationType: 'noLicence' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const entry = created.json() as { id: number; status: string };

    const inside = (await post({ geometry: { type: 'Point', coordinates: pointIn(demoPatch, { clearM: 5 }) } })).json();
    expect(inside.patches[0]).toEqual({
      id: stored.id,
      code,
      detectionRound: demoPatch.properties!.detectionRound,
      classification: 'unlicensed',
      areaM2: stored.properties.areaM2,
      distanceM: 0,
      bbox: turf.bbox(demoPatch),
      ledgerEntryId: entry.id,
    });
    expect(inside.ledgerEntries[0]).toEqual({ id: entry.id, title: code, violationType: 'noLicence', status: entry.status, distanceM: 0 });

    // East of the patch's easternmost corner: 30 m away it is listed at that distance, 80 m away not at all.
    const corner = (demoPatch.geometry.type === 'Polygon' ? [demoPatch.geometry.coordinates] : demoPatch.geometry.coordinates)
      .flat(2)
      .reduce((a, b) => (b[0] > a[0] ? b : a));
    const east = (metres: number) => turf.destination(corner, metres / 1000, 90, { units: 'kilometers' }).geometry;
    const near = (await post({ geometry: east(30) })).json();
    const nearPatch = near.patches.find((p: { id: number }) => p.id === stored.id);
    expect(nearPatch.distanceM).toBeGreaterThan(29);
    expect(nearPatch.distanceM).toBeLessThanOrEqual(30.2);
    expect(near.ledgerEntries.map((e: { id: number }) => e.id)).toContain(entry.id);
    const far = (await post({ geometry: east(80) })).json();
    expect(far.patches.map((p: { id: number }) => p.id)).not.toContain(stored.id);
    expect(far.ledgerEntries.map((e: { id: number }) => e.id)).not.toContain(entry.id);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { demoTownships, signInStaff, square } from './helpers/staff.ts';

interface Figures {
  rows: { year: number; category: string; plannedMu: number; doneMu: number; doneToDateMu: number }[];
  details: { year: number; townshipCode: string; category: string; plannedMu: number; doneMu: number; doneToDateMu: number; parcels: number }[];
}
interface Detail {
  id: number;
  version: number;
  areaM2: number;
  areaMu: number;
  lifecycle: string;
  status: string;
  geometry: GeoJSON.MultiPolygon;
  properties: Record<string, unknown>;
  parents: { id: number; code: string }[];
  successors: { id: number; code: string }[];
  events: { kind: string; related: { code: string }[] }[];
}
interface ProgressRecord {
  id: number;
  recordedOn: string;
  status: string;
  doneMu: number;
  carriedFrom?: number[];
}

const township = demoTownships()[4];
/** A rounding of 0.005 mu per parcel's area each way: the summary adds up areas given to 0.01 mu. */
const ROUNDING_MU = 0.011;

describe.each(TEST_DATABASES)('restoration parcel split and merge on %s', (kind) => {
  let t: TestApp;
  let cookies: Awaited<ReturnType<typeof signInStaff>>;
  const call = (method: 'GET' | 'POST', url: string, who: keyof typeof cookies | null = 'admin', payload?: object) =>
    t.app.inject({ method, url, payload, headers: who ? { cookie: cookies[who] } : {} });
  const detail = async (id: number): Promise<Detail> => (await call('GET', `/api/restoration/parcels/${id}`, 'inspector1')).json();
  const records = async (id: number): Promise<ProgressRecord[]> => (await call('GET', `/api/restoration/parcels/${id}/progress`, 'inspector1')).json().records;
  const summary = async (asOf: string): Promise<Figures> => (await call('GET', `/api/restoration/summary?asOf=${asOf}`, null)).json();
  const doneOn = async (year: number) =>
    ((await call('GET', `/api/restoration/parcels?year=${year}`, null)).json().parcels as { doneMu: number }[]).reduce((s, p) => s + Math.round(p.doneMu * 100), 0) / 100;
  /** Every figure of the summary on each day: planned area within rounding, restored area exactly. */
  const expectSameFigures = (after: Figures, before: Figures, plannedParts: number) => {
    expect(after.rows.length).toBe(before.rows.length);
    after.rows.forEach((row, i) => {
      const was = before.rows[i];
      expect([row.year, row.category, row.doneMu, row.doneToDateMu], `${row.year} ${row.category}`).toEqual([was.year, was.category, was.doneMu, was.doneToDateMu]);
      expect(Math.abs(row.plannedMu - was.plannedMu), `${row.year} ${row.category}`).toBeLessThanOrEqual(ROUNDING_MU * plannedParts);
    });
    const total = (figures: Figures, key: 'plannedMu' | 'doneMu' | 'doneToDateMu') => figures.details.reduce((s, d) => s + d[key], 0);
    expect(total(after, 'doneMu')).toBeCloseTo(total(before, 'doneMu'), 6);
    expect(total(after, 'doneToDateMu')).toBeCloseTo(total(before, 'doneToDateMu'), 6);
    expect(Math.abs(total(after, 'plannedMu') - total(before, 'plannedMu'))).toBeLessThanOrEqual(ROUNDING_MU * plannedParts);
  };
  /** Area in m² where the shapes overlap, and where they and `whole` differ (PostGIS, on the ellipsoid). */
  const coverage = async (whole: GeoJSON.Geometry, parts: GeoJSON.Geometry[]) => {
    const shape = (g: GeoJSON.Geometry) => `ST_SetSRID(ST_GeomFromGeoJSON('${JSON.stringify(g)}'), 4490)`;
    const union = `ST_Union(ARRAY[${parts.map(shape).join(', ')}])`;
    const overlaps = parts.flatMap((a, i) => parts.slice(i + 1).map((b) => `ST_Area(ST_Intersection(${shape(a)}, ${shape(b)})::geography)`));
    const result = await t.db.knex.raw(
      `SELECT ST_Area(ST_SymDifference(${shape(whole)}, ${union})::geography)::float8 AS gap, (${overlaps.join(' + ')})::float8 AS overlap`,
    );
    return { gapM2: Number(result.rows[0].gap), overlapM2: Number(result.rows[0].overlap) };
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    cookies = await signInStaff(t);
  });
  afterAll(() => t?.close());

  it('splits a parcel along a line into parts that cover it exactly, keeping its area and every figure; the parent is retired with its records', async () => {
    const [row] = (await call('GET', '/api/restoration/register?q=ZL2020-03', 'inspector1')).json().parcels;
    const parent = await detail(row.id);
    const parentRecords = await records(parent.id);
    expect(parentRecords.map((r) => r.status)).toEqual(['underWay', 'completed']);
    const days = ['2020-12-31', '2021-06-30', '2024-01-01'];
    const before = await Promise.all(days.map(summary));
    const doneBefore = [await doneOn(2020), await doneOn(2021)];

    const xs = parent.geometry.coordinates.flat(2).map((p) => p[0]);
    const ys = parent.geometry.coordinates.flat(2).map((p) => p[1]);
    const [midX, south, north] = [(Math.min(...xs) + Math.max(...xs)) / 2, Math.min(...ys) - 0.001, Math.max(...ys) + 0.001];
    const line = { type: 'LineString', coordinates: [[midX, south], [midX + 0.0002, north]] };
    const split = await call('POST', `/api/restoration/parcels/${parent.id}/split`, 'admin', { baseVersion: parent.version, line, note: '按两个责任单位分开治理' });
    expect(split.statusCode, split.body).toBe(200);
    const { parent: retired, parts } = split.json() as { parent: Detail; parts: Detail[] };

    expect(parts.map((p) => p.properties.code)).toEqual(['ZL2020-03-1', 'ZL2020-03-2']);
    for (const part of parts) {
      expect(part).toMatchObject({ lifecycle: 'current', status: 'completed', version: 1, parents: [{ id: parent.id, code: 'ZL2020-03' }] });
      expect(part.properties).toMatchObject({ mineCategory: parent.properties.mineCategory, plannedYear: 2020, townshipCode: parent.properties.townshipCode });
      expect(part.events).toMatchObject([{ kind: 'splitFrom', related: [{ code: 'ZL2020-03' }] }]);
    }
    expect(retired).toMatchObject({ lifecycle: 'retired', status: 'completed', successors: parts.map((p) => ({ id: p.id, code: p.properties.code })) });
    expect(retired.events.at(-1)).toMatchObject({ kind: 'splitInto', related: [{ code: 'ZL2020-03-1' }, { code: 'ZL2020-03-2' }] });
    // The parts cover the parent, without gaps or overlaps, and keep its area on the ellipsoid.
    const { gapM2, overlapM2 } = await coverage(parent.geometry, parts.map((p) => p.geometry));
    expect(gapM2).toBeLessThan(0.01);
    expect(overlapM2).toBeLessThan(0.01);
    expect(Math.abs(parts[0].areaM2 + parts[1].areaM2 - parent.areaM2)).toBeLessThan(parent.areaM2 * 1e-6);

    // The parent's records stay as they were; each part has them, its area done shared by area.
    expect(await records(parent.id)).toEqual(parentRecords);
    const partRecords = await Promise.all(parts.map((p) => records(p.id)));
    parentRecords.forEach((record, i) => {
      expect(partRecords.map((r) => r[i])).toMatchObject(parts.map(() => ({ recordedOn: record.recordedOn, status: record.status, carriedFrom: [record.id] })));
      expect(Math.round(partRecords[0][i].doneMu * 100) + Math.round(partRecords[1][i].doneMu * 100)).toBe(Math.round(record.doneMu * 100));
    });

    const after = await Promise.all(days.map(summary));
    after.forEach((figures, i) => expectSameFigures(figures, before[i], 2));
    expect([await doneOn(2020), await doneOn(2021)]).toEqual(doneBefore);
    const ogc = (await call('GET', '/ogc/collections/restoration_parcels/items?limit=10000', null)).json().features.map((f: { properties: { code: string } }) => f.properties.code);
    expect(ogc).toEqual(expect.arrayContaining(['ZL2020-03-1', 'ZL2020-03-2']));
    expect(ogc).not.toContain('ZL2020-03');
    const reportMap = (await t.app.repos.reports.restorationMap()).parcels.map((p) => p.id);
    expect(reportMap).toEqual(expect.arrayContaining(parts.map((p) => p.id)));
    expect(reportMap).not.toContain(parent.id);
    const [entry] = await t.db.knex('audit_log').where({ entity: 'restoration_parcel', action: 'split', entity_id: String(parent.id) });
    expect(entry).toBeDefined();

    // The retired parent takes no more records or changes; its parts do.
    const late = await call('POST', `/api/restoration/parcels/${parent.id}/progress`, 'inspector1', { recordedOn: '2024-06-01', status: 'accepted', doneMu: 1 });
    expect([late.statusCode, late.json().code]).toEqual([409, 'parcelRetired']);
    expect(late.json().message).toContain('ZL2020-03-1、ZL2020-03-2');
    const again = await call('POST', `/api/restoration/parcels/${parent.id}/split`, 'admin', { baseVersion: retired.version, line });
    expect([again.statusCode, again.json().code]).toEqual([409, 'parcelRetired']);
    const accepted = await call('POST', `/api/restoration/parcels/${parts[0].id}/progress`, 'inspector1', { recordedOn: '2024-06-01', status: 'accepted', doneMu: partRecords[0].at(-1)!.doneMu });
    expect(accepted.statusCode, accepted.body).toBe(201);
  });

  it('refuses a split that cannot be made, writing nothing', async () => {
    const [row] = (await call('GET', '/api/restoration/register?q=ZL2021-05', 'inspector1')).json().parcels;
    const parcel = await detail(row.id);
    const [x0, y0] = parcel.geometry.coordinates[0][0][0];
    const counts = async () => [Number((await t.db.knex('restoration_parcels').count({ n: '*' }))[0].n), Number((await t.db.knex('audit_log').count({ n: '*' }))[0].n)];
    const before = await counts();
    const refusals: [object, number, string][] = [
      [{ baseVersion: parcel.version, line: { type: 'LineString', coordinates: [[x0 + 0.05, y0], [x0 + 0.06, y0 + 0.01]] } }, 400, 'lineDoesNotCut'],
      [{ baseVersion: parcel.version, line: { type: 'Point', coordinates: [x0, y0] } }, 400, 'notALine'],
      [{ baseVersion: parcel.version, line: { type: 'LineString', coordinates: [[x0, y0]] } }, 400, 'notALine'],
      [{ baseVersion: parcel.version, line: { type: 'LineString', coordinates: [[y0, x0], [y0 + 0.01, x0]] } }, 400, 'lonLatSwapped'],
      [{ baseVersion: parcel.version, line: { type: 'LineString', coordinates: [[x0, y0 - 2], [x0, y0 - 1.9]] } }, 400, 'outsideCounty'],
      [{ baseVersion: parcel.version + 1, line: { type: 'LineString', coordinates: [[x0, y0], [x0, y0 + 0.01]] } }, 409, 'versionConflict'],
    ];
    for (const [body, status, code] of refusals) {
      const answer = await call('POST', `/api/restoration/parcels/${parcel.id}/split`, 'admin', body);
      expect([answer.statusCode, answer.json().code], `${JSON.stringify(body)}: ${answer.body.slice(0, 300)}`).toEqual([status, code]);
    }
    const xs = parcel.geometry.coordinates.flat(2).map((p) => p[0]);
    const ys = parcel.geometry.coordinates.flat(2).map((p) => p[1]);
    const through = { type: 'LineString', coordinates: [[(Math.min(...xs) + Math.max(...xs)) / 2, Math.min(...ys) - 0.001], [(Math.min(...xs) + Math.max(...xs)) / 2, Math.max(...ys) + 0.001]] };
    const codes = await call('POST', `/api/restoration/parcels/${parcel.id}/split`, 'admin', { baseVersion: parcel.version, line: through, codes: ['A', 'B', 'C'] });
    expect([codes.statusCode, codes.json().code]).toEqual([400, 'splitPartCount']);
    const taken = await call('POST', `/api/restoration/parcels/${parcel.id}/split`, 'admin', { baseVersion: parcel.version, line: through, codes: ['ZL2021-05-A', 'ZL2019-01'] });
    expect([taken.statusCode, taken.json().code]).toEqual([409, 'parcelCodeTaken']);
    expect((await call('POST', `/api/restoration/parcels/${parcel.id}/split`, 'inspector1', { baseVersion: parcel.version, line: through })).statusCode).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('merges adjacent parcels into one, counting their area once and their records together; parents retired', async () => {
    const a = square(township.inside, 40);
    const [w, s] = a.coordinates[0][0];
    const [e, n] = a.coordinates[0][2];
    const b = { type: 'Polygon', coordinates: [[[e, s], [e + (e - w), s], [e + (e - w), n], [e, n], [e, s]]] };
    const add = async (code: string, geometry: object, extra: object = {}) => {
      const answer = await call('POST', '/api/restoration/parcels', 'admin', { code, name: `合并测试 ${code}`, mineCategory: 'production', plannedYear: 2022, geometry, ...extra });
      expect(answer.statusCode, answer.body).toBe(201);
      return answer.json() as Detail;
    };
    const [first, second] = [await add('ZL2022-M1', a), await add('ZL2022-M2', b)];
    const done = await call('POST', `/api/restoration/parcels/${first.id}/progress`, 'inspector1', { recordedOn: '2022-09-01', status: 'completed', doneMu: first.areaMu });
    expect(done.statusCode, done.body).toBe(201);
    const started = await call('POST', `/api/restoration/parcels/${second.id}/progress`, 'inspector1', { recordedOn: '2022-10-01', status: 'underWay', doneMu: 1.5 });
    expect(started.statusCode, started.body).toBe(201);
    const far = await add('ZL2022-M3', square([township.inside[0] + 0.01, township.inside[1]], 20));
    const other = await add('ZL2022-M4', square([e + 2 * (e - w) + 0.00001, (s + n) / 2], 20), { mineCategory: 'abandoned' });
    const overlapping = await add('ZL2022-M5', square([e, (s + n) / 2], 10));
    const days = ['2022-09-15', '2022-12-31', '2024-01-01'];
    const before = await Promise.all(days.map(summary));

    const body = { parcels: [{ id: first.id, baseVersion: 1 }, { id: second.id, baseVersion: 1 }], code: 'ZL2022-M', name: '合并测试' };
    const refusals: [object, number, string][] = [
      [{ ...body, parcels: [{ id: first.id, baseVersion: 1 }, { id: far.id, baseVersion: 1 }] }, 400, 'parcelsNotAdjacent'],
      [{ ...body, parcels: [{ id: second.id, baseVersion: 1 }, { id: other.id, baseVersion: 1 }] }, 400, 'mergeDiffers'],
      [{ ...body, parcels: [{ id: first.id, baseVersion: 1 }, { id: overlapping.id, baseVersion: 1 }] }, 400, 'parcelsOverlap'],
      [{ ...body, parcels: [{ id: first.id, baseVersion: 1 }, { id: first.id, baseVersion: 1 }] }, 400, 'mergeRepeats'],
      [{ ...body, parcels: [{ id: first.id, baseVersion: 1 }, { id: 999_999, baseVersion: 1 }] }, 404, 'parcelNotFound'],
      [{ ...body, parcels: [{ id: first.id, baseVersion: 1 }] }, 400, 'invalidRequest'],
      [{ ...body, code: 'ZL2019-01' }, 409, 'parcelCodeTaken'],
    ];
    for (const [refused, status, code] of refusals) {
      const answer = await call('POST', '/api/restoration/parcels/merge', 'admin', refused);
      expect([answer.statusCode, answer.json().code], `${JSON.stringify(refused)}: ${answer.body.slice(0, 300)}`).toEqual([status, code]);
    }
    const answer = await call('POST', '/api/restoration/parcels/merge', 'admin', { ...body, parcels: [...body.parcels].reverse() });
    expect(answer.statusCode, answer.body).toBe(201);
    const merged = answer.json() as Detail;

    expect(merged).toMatchObject({ lifecycle: 'current', status: 'underWay', properties: { code: 'ZL2022-M', name: '合并测试', plannedYear: 2022 } });
    expect(merged.parents.map((p) => p.code)).toEqual(['ZL2022-M2', 'ZL2022-M1']);
    expect(Math.abs(merged.areaM2 - first.areaM2 - second.areaM2)).toBeLessThan(0.01);
    expect(merged.geometry.coordinates).toHaveLength(1);
    for (const id of [first.id, second.id]) expect(await detail(id)).toMatchObject({ lifecycle: 'retired', successors: [{ id: merged.id, code: 'ZL2022-M' }] });
    const carried = await records(merged.id);
    expect(carried.map((r) => [r.recordedOn, r.status, r.doneMu])).toEqual([
      ['2022-09-01', 'underWay', first.areaMu],
      ['2022-10-01', 'underWay', Math.round((first.areaMu + 1.5) * 100) / 100],
    ]);
    const after = await Promise.all(days.map(summary));
    after.forEach((figures, i) => expectSameFigures(figures, before[i], 2));
    const [entry] = await t.db.knex('audit_log').where({ entity: 'restoration_parcel', action: 'merge', entity_id: String(merged.id) });
    const entryDetail = typeof entry.detail === 'string' ? JSON.parse(entry.detail) : entry.detail;
    expect(entryDetail.before.map((p: { code: string }) => p.code)).toEqual(['ZL2022-M2', 'ZL2022-M1']);
  });

  it('names the parcel whose version is stale in a merge, writing nothing', async () => {
    const a = square([township.inside[0], township.inside[1] + 0.005], 30);
    const [w, s] = a.coordinates[0][0];
    const [e, n] = a.coordinates[0][2];
    const b = { type: 'Polygon', coordinates: [[[w, n], [e, n], [e, n + (n - s)], [w, n + (n - s)], [w, n]]] };
    const ids: number[] = [];
    for (const [code, geometry] of [['ZL2022-S1', a], ['ZL2022-S2', b]] as const) {
      const answer = await call('POST', '/api/restoration/parcels', 'admin', { code, name: code, mineCategory: 'production', plannedYear: 2022, geometry });
      ids.push(answer.json().id);
    }
    expect((await call('POST', '/api/restoration/parcels/' + ids[1] + '/retire', 'admin', { baseVersion: 1, note: '另案处理' })).statusCode).toBe(200);
    const answer = await call('POST', '/api/restoration/parcels/merge', 'admin', { parcels: [{ id: ids[0], baseVersion: 1 }, { id: ids[1], baseVersion: 1 }], code: 'ZL2022-S' });
    expect([answer.statusCode, answer.json().code]).toEqual([409, 'versionConflict']);
    expect(answer.json().message).toMatch(/^恢复治理图斑 ZL2022-S2已由 系统管理员 于 .*第 2 版/);
    expect(await t.db.knex('restoration_parcels').where({ code: 'ZL2022-S' }).first()).toBeUndefined();
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/config.ts';
import { createRepositories } from '../src/plugins/app/repositories.plugin.ts';
import { restorationSummary } from '../src/plugins/app/restoration/restoration-summary.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { staffPassword } from './helpers/staff.ts';

interface DemoParcel {
  code: string;
  plannedYear: number;
  mineCategory: string;
  restorationStatus: string;
  completedOn: string | null;
  townshipCode: string;
}

const demoParcels = (
  JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data', 'demo', 'restoration_parcels.geojson'), 'utf8')) as GeoJSON.FeatureCollection
).features.map((f) => f.properties as DemoParcel);

/** Xinbin's yearly targets (seed 001, DOMAIN.md), in mu: production and closed/policy-closed/abandoned. */
const XINBIN: Record<number, { production: number; closed: number }> = {
  2019: { production: 40.4, closed: 96 },
  2020: { production: 41.6, closed: 96 },
  2021: { production: 106, closed: 36 },
  2022: { production: 106, closed: 45 },
};
const CLOSED_GROUP = 'policyClosed+abandoned+historical';

/**
 * What the demo file says a parcel's status was on `day`: its final status from its completion
 * date on, under way from the start of its planned year, planned before (and for ever when planned).
 */
function demoStatusOn(p: DemoParcel, day: string): string {
  if (p.restorationStatus === 'planned') return 'planned';
  if (p.completedOn !== null && p.completedOn <= day) return p.restorationStatus;
  return `${p.plannedYear}-01-01` <= day || (p.completedOn !== null && p.completedOn <= day) ? 'underWay' : 'planned';
}

describe.each(TEST_DATABASES)('restoration progress on %s', (kind) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  /** Parcel code → id and area (mu), from the public OGC items. */
  const parcels = new Map<string, { id: number; areaMu: number; properties: Record<string, unknown> }>();
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, who?: string, payload?: object, lang = 'zh') =>
    t.app.inject({ method, url, payload, headers: { 'accept-language': lang, ...(who ? { cookie: cookies[who] } : {}) } });
  const ogcParcels = async (who?: string) =>
    (await call('GET', '/ogc/collections/restoration_parcels/items?limit=1000', who)).json().features as {
      id: number;
      properties: Record<string, unknown>;
    }[];

  beforeAll(async () => {
    t = await createTestApp(kind);
    cookies.admin = await t.login();
    for (const [username, role] of [
      ['inspector1', 'inspector'],
      ['planner1', 'planner'],
    ]) {
      const password = staffPassword(username);
      const created = await call('POST', '/api/users', 'admin', { username, displayName: `${role}甲`, role, password });
      expect(created.statusCode, created.body).toBe(201);
      cookies[username] = await t.login(username, password);
    }
    for (const f of await ogcParcels()) {
      parcels.set(String(f.properties.code), { id: f.id, areaMu: Number(f.properties.areaMu), properties: f.properties });
    }
    expect(parcels.size).toBe(demoParcels.length);
  });
  afterAll(() => t?.close());

  it('serves each parcel’s status and completion date, derived from its records, as the demo file has them', async () => {
    for (const p of demoParcels) {
      expect(parcels.get(p.code)!.properties, p.code).toMatchObject({
        restorationStatus: p.restorationStatus,
        completedOn: p.completedOn,
      });
    }
    const columns = await t.db.knex('restoration_parcels').columnInfo();
    expect(Object.keys(columns)).not.toContain('restoration_status');
    expect(Object.keys(columns)).not.toContain('completed_on');
  });

  it('gives each parcel’s status at the end of each year 2019–2022 as the demo data has it', async () => {
    for (const year of [2019, 2020, 2021, 2022]) {
      const response = await call('GET', `/api/restoration/parcels?year=${year}`);
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json();
      expect(body.asOf).toBe(`${year}-12-31`);
      const byId = new Map(body.parcels.map((s: { id: number }) => [s.id, s]));
      for (const p of demoParcels) {
        const { id, areaMu } = parcels.get(p.code)!;
        const expected = demoStatusOn(p, `${year}-12-31`);
        const done = ['completed', 'accepted'].includes(expected) ? areaMu : 0;
        expect(byId.get(id), `${p.code} at the end of ${year}`).toEqual({ id, status: expected, doneMu: done, areaMu });
      }
    }
    // Spot checks against the file, read by eye: ZL2019-03 finished in April 2020, ZL2022-04 never started.
    const at2019 = (await call('GET', '/api/restoration/parcels?asOf=2019-12-31')).json();
    const statusOf = (body: { parcels: { id: number; status: string }[] }, code: string) =>
      body.parcels.find((s) => s.id === parcels.get(code)!.id)!.status;
    expect([statusOf(at2019, 'ZL2019-01'), statusOf(at2019, 'ZL2019-03'), statusOf(at2019, 'ZL2020-01')]).toEqual([
      'accepted',
      'underWay',
      'planned',
    ]);
    const today = (await call('GET', '/api/restoration/parcels')).json();
    expect([statusOf(today, 'ZL2022-04'), statusOf(today, 'ZL2022-01'), statusOf(today, 'ZL2022-03')]).toEqual([
      'planned',
      'underWay',
      'completed',
    ]);
  });

  it('summarises each year’s target by category group against the area planned and restored', async () => {
    const response = await call('GET', '/api/restoration/summary?asOf=2025-01-01');
    expect(response.statusCode, response.body).toBe(200);
    const summary = response.json();
    expect(summary).toMatchObject({ asOf: '2025-01-01', township: null, period: { fromYear: 2018, toYear: 2022 } });
    const targets = Object.fromEntries(summary.rows.map((r: { year: number; category: string; targetMu: number }) => [`${r.year} ${r.category}`, r.targetMu]));
    expect(targets).toEqual(
      Object.fromEntries(
        Object.entries(XINBIN).flatMap(([year, t]) => [
          [`${year} production`, t.production],
          [`${year} ${CLOSED_GROUP}`, t.closed],
        ]),
      ),
    );
    for (const row of summary.rows) {
      const group = row.categories as string[];
      const planned = demoParcels.filter((p) => p.plannedYear === row.year && group.includes(p.mineCategory));
      const area = (list: DemoParcel[]) => Math.round(list.reduce((s, p) => s + parcels.get(p.code)!.areaMu, 0) * 100) / 100;
      const doneBy = (day: string) => area(planned.filter((p) => ['completed', 'accepted'].includes(demoStatusOn(p, day))));
      // The demo parcels of each year and group add up to its target (data/demo/README.md).
      expect(row.plannedMu, `${row.year} ${row.category}`).toBeCloseTo(row.targetMu, 2);
      expect(row.doneMu, `${row.year} ${row.category} by year end`).toBeCloseTo(doneBy(`${row.year}-12-31`), 2);
      expect(row.doneToDateMu, `${row.year} ${row.category} to date`).toBeCloseTo(doneBy('2025-01-01'), 2);
    }
    const row2019 = summary.rows.find((r: { year: number; category: string }) => r.year === 2019 && r.category === 'production');
    expect(row2019.doneMu).toBeLessThan(row2019.doneToDateMu); // ZL2019-03 was finished in 2020

    const detailParcels = summary.details.reduce((n: number, d: { parcels: number }) => n + d.parcels, 0);
    expect(detailParcels).toBe(demoParcels.length);
    const detail = summary.details.find(
      (d: { year: number; townshipCode: string; category: string }) => d.year === 2022 && d.townshipCode === '621025103' && d.category === 'production',
    );
    expect(detail).toMatchObject({ parcels: 1, doneMu: 0, plannedMu: parcels.get('ZL2022-03')!.areaMu });
    expect(detail.doneToDateMu).toBe(parcels.get('ZL2022-03')!.areaMu);
  });

  it('reports where the stated totals disagree with the sum of their parts instead of picking one', async () => {
    const { discrepancies } = (await call('GET', '/api/restoration/summary')).json();
    const find = (statedMu: number, fromYear: number, categories: string[]) =>
      discrepancies.find(
        (d: { statedMu: number; fromYear: number; categories: string[] }) =>
          d.statedMu === statedMu && d.fromYear === fromYear && d.categories.join() === categories.join(),
      );
    const all = ['production', 'policyClosed', 'abandoned', 'historical'];
    expect(find(697, 2018, all)).toMatchObject({ toYear: 2022, sumOfPartsMu: 567, differenceMu: 130 });
    expect(find(404, 2018, all)).toMatchObject({ toYear: 2020, sumOfPartsMu: 274, differenceMu: 130 });
    expect(find(212, 2018, ['production'])).toMatchObject({ toYear: 2020, sumOfPartsMu: 82, differenceMu: 130 });
    expect(find(192, 2018, ['policyClosed', 'abandoned', 'historical'])).toMatchObject({ sumOfPartsMu: 192, differenceMu: 0 });
    expect(find(293, 2021, all)).toMatchObject({ sumOfPartsMu: 293, differenceMu: 0 });
    expect(find(274, 2019, all)).toMatchObject({ sumOfPartsMu: 274, differenceMu: 0 });
    for (const d of discrepancies) expect(d.source).toMatch(/^seed 001《新宾满族自治县/);
  });

  it('summarises one township, and the report engineer’s function gives the same answer', async () => {
    const response = await call('GET', '/api/restoration/summary?township=621025103&asOf=2024-06-30');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.township.code).toBe('621025103');
    expect(body.township.name).toBeTruthy();
    expect(new Set(body.details.map((d: { townshipCode: string }) => d.townshipCode))).toEqual(new Set(['621025103']));
    const inTownship = demoParcels.filter((p) => p.townshipCode === '621025103');
    const production2022 = body.rows.find((r: { year: number; category: string }) => r.year === 2022 && r.category === 'production');
    expect(production2022.targetMu).toBe(106);
    const planned = inTownship.filter((p) => p.plannedYear === 2022 && p.mineCategory === 'production');
    expect(production2022.plannedMu).toBeCloseTo(planned.reduce((s, p) => s + parcels.get(p.code)!.areaMu, 0), 2);

    const direct = await restorationSummary(createRepositories(t.db.knex), { township: '621025103', asOf: '2024-06-30' });
    expect(direct).toEqual(body);
  });

  it.each([
    ['/api/restoration/summary?township=999999999', 404, 'unknownTownship', '999999999'],
    ['/api/restoration/summary?township=abc', 400, 'invalidRequest', 'township'],
    ['/api/restoration/summary?asOf=2021-02-30', 400, 'invalidRequest', 'asOf'],
    ['/api/restoration/parcels?year=2030', 400, 'yearOutsidePlan', '2030'],
    ['/api/restoration/parcels?year=2017', 400, 'yearOutsidePlan', '2018–2022'],
    ['/api/restoration/parcels?year=2020&asOf=2020-06-30', 400, 'yearOrAsOf', 'asOf'],
    ['/api/restoration/parcels?asOf=yesterday', 400, 'invalidRequest', 'asOf'],
  ])('refuses %s with %i naming the problem', async (url, status, code, named) => {
    const response = await call('GET', url, undefined, undefined, 'en');
    expect(response.statusCode, response.body).toBe(status);
    expect(response.json().code).toBe(code);
    expect(response.json().message).toContain(named);
    expect((await call('GET', url)).json().message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe.each(TEST_DATABASES)('restoration targets and progress records on %s', (kind) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, who?: string, payload?: object, lang = 'en') =>
    t.app.inject({ method, url, payload, headers: { 'accept-language': lang, ...(who ? { cookie: cookies[who] } : {}) } });
  const count = async (table: string, where: Record<string, unknown> = {}) =>
    Number((await t.db.knex(table).where(where).count({ n: '*' }))[0].n);

  beforeAll(async () => {
    t = await createTestApp(kind);
    cookies.admin = await t.login();
    for (const [username, role] of [
      ['inspector1', 'inspector'],
      ['planner1', 'planner'],
    ]) {
      const password = staffPassword(username);
      expect((await call('POST', '/api/users', 'admin', { username, displayName: `${role}乙`, role, password })).statusCode).toBe(201);
      cookies[username] = await t.login(username, password);
    }
  });
  afterAll(() => t?.close());

  it('serves the targets to anyone; only admins replace them, validated, audited, all or nothing', async () => {
    const current = (await call('GET', '/api/restoration/targets')).json();
    expect(current.targets).toHaveLength(8);
    expect(current.statedTotals.length).toBeGreaterThanOrEqual(3);
    expect(current.period).toMatchObject({ fromYear: 2018, toYear: 2022 });
    const body = { targets: current.targets, statedTotals: current.statedTotals };

    expect((await call('PUT', '/api/restoration/targets', undefined, body)).statusCode).toBe(401);
    expect((await call('PUT', '/api/restoration/targets', 'planner1', body)).statusCode).toBe(403);

    const bad: [object, string, string][] = [
      [{ ...body, targets: [...body.targets, { year: 2017, categories: ['production'], targetMu: 1, source: 'x' }] }, 'yearOutsidePlan', 'Target 9'],
      [{ ...body, targets: [...body.targets, { year: 2019, categories: ['quarry'], targetMu: 1, source: 'x' }] }, 'invalidRequest', 'categories'],
      [{ ...body, targets: [...body.targets, { year: 2019, categories: ['abandoned'], targetMu: 1, source: 'x' }] }, 'targetsOverlap', '2019'],
      [
        { ...body, statedTotals: [{ label: { zh: '废弃', en: 'Abandoned' }, fromYear: 2019, toYear: 2020, categories: ['abandoned'], statedMu: 10, source: 'x' }] },
        'statedTotalSplitsTarget',
        'Abandoned',
      ],
      [
        { ...body, statedTotals: [{ label: { zh: '倒序', en: 'Backwards' }, fromYear: 2021, toYear: 2019, categories: ['production'], statedMu: 10, source: 'x' }] },
        'statedTotalYearsBackwards',
        '2021–2019',
      ],
      [{ ...body, period: { fromYear: 2020, toYear: 2022, source: 'x' } }, 'yearOutsidePlan', '2019'],
      [{ ...body, targets: [{ ...body.targets[0], targetMu: -1 }] }, 'invalidRequest', 'targetMu'],
    ];
    const auditBefore = await count('audit_log', { entity: 'restoration_targets' });
    for (const [payload, code, named] of bad) {
      const response = await call('PUT', '/api/restoration/targets', 'admin', payload);
      expect(response.statusCode, `${code}: ${response.body}`).toBe(400);
      expect(response.json().code).toBe(code);
      expect(response.json().message).toContain(named);
    }
    expect((await call('GET', '/api/restoration/targets')).json()).toEqual(current);
    expect(await count('audit_log', { entity: 'restoration_targets' })).toBe(auditBefore);

    const changed = {
      ...body,
      targets: body.targets.map((target: { year: number; categories: string[]; targetMu: number }) =>
        target.year === 2019 && target.categories[0] === 'production' ? { ...target, targetMu: 50 } : target,
      ),
    };
    const saved = await call('PUT', '/api/restoration/targets', 'admin', changed);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().period).toEqual(current.period);
    const [entry] = await t.db.knex('audit_log').where({ entity: 'restoration_targets' }).orderBy('id', 'desc').limit(1);
    expect(entry.detail.before.targets.find((x: { targetMu: number }) => x.targetMu === 40.4)).toBeDefined();
    expect(entry.detail.after.targets.find((x: { targetMu: number }) => x.targetMu === 50)).toBeDefined();
    const { rows, discrepancies } = (await call('GET', '/api/restoration/summary')).json();
    expect(rows.find((r: { year: number; category: string }) => r.year === 2019 && r.category === 'production').targetMu).toBe(50);
    expect(discrepancies.find((d: { statedMu: number }) => d.statedMu === 697)).toMatchObject({ sumOfPartsMu: 576.6, differenceMu: 120.4 });
    expect((await call('PUT', '/api/restoration/targets', 'admin', body)).statusCode).toBe(200);
  });

  it('appends progress records for inspectors and admins, checked, audited and never changed', async () => {
    const parcel = (await call('GET', '/ogc/collections/restoration_parcels/items?limit=1000')).json().features.find(
      (f: { properties: { code: string } }) => f.properties.code === 'ZL2022-04',
    );
    const url = `/api/restoration/parcels/${parcel.id}/progress`;
    const areaMu = parcel.properties.areaMu as number;
    expect(parcel.properties.restorationStatus).toBe('planned');
    expect((await call('GET', url, 'planner1')).json()).toEqual({ records: [] });

    const start = { recordedOn: '2023-03-01', status: 'underWay', doneMu: 5, note: '开工' };
    expect((await call('POST', url, undefined, start)).statusCode).toBe(401);
    expect((await call('POST', url, 'planner1', start)).statusCode).toBe(403);
    const created = await call('POST', url, 'inspector1', start);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ parcelId: parcel.id, ...start, reason: null, photoId: null, recordedBy: 'inspector乙' });

    const refused: [object, string, string][] = [
      [{ recordedOn: '2023-02-28', status: 'completed', doneMu: areaMu }, 'dateBeforePrevious', '2023-03-01'],
      [{ recordedOn: '2099-01-01', status: 'completed', doneMu: areaMu }, 'dateInFuture', '2099-01-01'],
      [{ recordedOn: '2023-06-01', status: 'completed', doneMu: areaMu + 0.02 }, 'moreThanParcel', String(areaMu)],
      [{ recordedOn: '2023-06-01', status: 'planned', doneMu: 5 }, 'goingBackWithoutReason', 'Under way to Planned'],
      [{ recordedOn: '2023-06-01', status: 'underWay', doneMu: 4 }, 'goingBackWithoutReason', '5 mu to 4 mu'],
      [{ recordedOn: '2023-06-01', status: 'underWay', doneMu: 6, photoId: 999999 }, 'unknownPhoto', '999999'],
      [{ recordedOn: '2023-06-31', status: 'underWay', doneMu: 6 }, 'invalidRequest', 'recordedOn'],
      [{ recordedOn: '2023-06-01', status: 'finished', doneMu: 6 }, 'invalidRequest', 'status'],
    ];
    const records = await count('restoration_progress');
    for (const [payload, code, named] of refused) {
      const response = await call('POST', url, 'admin', payload);
      expect(response.statusCode, `${code}: ${response.body}`).toBe(400);
      expect(response.json().code).toBe(code);
      expect(response.json().message).toContain(named);
    }
    expect(await count('restoration_progress')).toBe(records);
    expect((await call('POST', '/api/restoration/parcels/999999/progress', 'admin', start)).json().code).toBe('parcelNotFound');

    const tolerated = await call('POST', url, 'admin', { recordedOn: '2023-06-01', status: 'completed', doneMu: areaMu + 0.01 });
    expect(tolerated.statusCode, tolerated.body).toBe(201);
    const back = await call('POST', url, 'admin', { recordedOn: '2023-06-01', status: 'underWay', doneMu: areaMu - 1, reason: '验收发现局部复绿失败' });
    expect(back.statusCode, back.body).toBe(201);
    const done = await call('POST', url, 'inspector1', { recordedOn: '2023-09-15', status: 'accepted', doneMu: areaMu });
    expect(done.statusCode, done.body).toBe(201);

    const history = (await call('GET', url, 'inspector1')).json().records;
    expect(history.map((r: { status: string }) => r.status)).toEqual(['underWay', 'completed', 'underWay', 'accepted']);
    expect(await count('audit_log', { entity: 'restoration_progress' })).toBe(4);
    const after = (await call('GET', `/ogc/collections/restoration_parcels/items/${parcel.id}`)).json().properties;
    // Completed again after going back: the date of the latest completion counts.
    expect(after).toMatchObject({ restorationStatus: 'accepted', completedOn: '2023-09-15' });
    const mid = (await call('GET', '/api/restoration/parcels?asOf=2023-07-01')).json().parcels.find((p: { id: number }) => p.id === parcel.id);
    expect(mid).toMatchObject({ status: 'underWay', doneMu: Math.round((areaMu - 1) * 100) / 100 });

    await expect(t.db.knex('restoration_progress').where({ parcel_id: parcel.id }).update({ done_mu: 0 })).rejects.toThrow(/never changed/);
    await expect(t.db.knex('restoration_progress').where({ parcel_id: parcel.id }).delete()).rejects.toThrow(/never changed/);
  });

  it('shows the demo records as the system’s, saying what was inferred; anonymous callers get none', async () => {
    const parcel = (await call('GET', '/ogc/collections/restoration_parcels/items?limit=1000')).json().features.find(
      (f: { properties: { code: string } }) => f.properties.code === 'ZL2019-03',
    );
    const url = `/api/restoration/parcels/${parcel.id}/progress`;
    expect((await call('GET', url)).statusCode).toBe(401);
    const { records } = (await call('GET', url, 'planner1')).json();
    expect(records).toMatchObject([
      { recordedOn: '2019-01-01', status: 'underWay', doneMu: 0, recordedBy: '系统' },
      { recordedOn: '2020-04-30', status: 'accepted', doneMu: parcel.properties.areaMu, recordedBy: '系统' },
    ]);
    for (const r of records) expect(r.note).toMatch(/^推定/);
    expect((await call('GET', '/api/restoration/parcels/999999/progress', 'planner1')).statusCode).toBe(404);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import * as turf from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/config.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { signInStaff, square } from './helpers/staff.ts';

const rights = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data', 'demo', 'mining_rights.geojson'), 'utf8')) as GeoJSON.FeatureCollection;
const demoRight = (suffix: string) => rights.features.find((f) => String(f.properties!.licenceNo).endsWith(suffix))!;
/** The demo's 西头村 clay pit: licensed from 1335 m down to 1290 m. */
const clay = demoRight('DEMO02');
const [lon, lat] = turf.pointOnFeature(clay).geometry.coordinates;
const EN = { 'accept-language': 'en' };

describe.each(TEST_DATABASES)('depth: elevation surveys and the licensed range (超层越界) on %s', (kind) => {
  let t: TestApp;
  let cookies: Awaited<ReturnType<typeof signInStaff>>;
  let clayId: number;
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, who: keyof typeof cookies, payload?: object | string, headers: Record<string, string> = {}) =>
    t.app.inject({
      method,
      url,
      ...(typeof payload === 'string' ? { body: payload, headers: { cookie: cookies[who], 'content-type': 'application/json', ...headers } } : { payload, headers: { cookie: cookies[who], ...headers } }),
    });
  const survey = (id: number, body: object | string, who: keyof typeof cookies = 'inspector1', headers = {}) =>
    call('POST', `/api/licences/mining_rights/${id}/elevation-surveys`, who, body, headers);
  const siteCard = async (point: [number, number]) => {
    const answer = await call('POST', '/api/site-check', 'inspector1', { geometry: { type: 'Point', coordinates: point } });
    expect(answer.statusCode, answer.body).toBe(200);
    return answer.json();
  };
  const counts = async () => ({
    surveys: Number((await t.db.knex('elevation_surveys').count({ n: '*' }))[0].n),
    entries: Number((await t.db.knex('ledger_entries').count({ n: '*' }))[0].n),
    events: Number((await t.db.knex('licence_events').count({ n: '*' }))[0].n),
    audit: Number((await t.db.knex('audit_log').count({ n: '*' }))[0].n),
  });

  beforeAll(async () => {
    t = await createTestApp(kind);
    cookies = await signInStaff(t);
    clayId = (await t.db.knex('mining_rights').where({ licence_no: clay.properties!.licenceNo }).first('id')).id;
  });
  afterAll(() => t?.close());

  it('keeps the demo right’s licensed range and shows it on the site card and in the register', async () => {
    const card = await siteCard([lon, lat]);
    expect(card.rights.find((r: { featureId: number }) => r.featureId === clayId)).toMatchObject({ elevationTopM: 1335, elevationBottomM: 1290, overCapacityYear: null });
    const listed = (await call('GET', '/api/licences?q=DEMO02', 'inspector1')).json().licences[0];
    expect(listed).toMatchObject({ elevationTopM: 1335, elevationBottomM: 1290 });
  });

  it('flags a floor measured below the licensed floor as 超层越界 on the site card, citing seeds 003 and 002; a face within the range is not', async () => {
    const before = await counts();
    const within = await survey(clayId, { surface: 'face', measuredOn: '2025-11-20', points: [{ lon, lat, elevationM: 1300 }] });
    expect(within.statusCode, within.body).toBe(201);
    expect(within.json()).toMatchObject({ breach: false, finding: null, topM: 1335, bottomM: 1290 });
    const below = await survey(clayId, {
      surface: 'floor',
      measuredOn: '2025-11-21',
      points: [
        { lon, lat, elevationM: 1281.5 },
        { lon: lon + 0.0001, lat, elevationM: 1295 },
      ],
      note: 'RTK 实测',
    });
    expect(below.statusCode, below.body).toBe(201);
    const found = below.json();
    expect(found).toMatchObject({ breach: true, verdict: { below: true, above: false, lowestM: 1281.5, belowByM: 8.5 }, recordedBy: '巡查员甲', ledgerEntryId: null });
    expect(found.finding).toMatchObject({ ruleId: 'depthBreach', outcome: 'forbidden', featureId: clayId, title: { zh: '超层越界' } });
    expect(found.finding.legalBasis.zh).toMatch(/超层越界开采.*seed 003.*超层越界.*seed 002/);
    expect(found.finding.message.zh).toContain('低于开采标高下限 1290 米 8.5 米');
    expect(await counts()).toMatchObject({ surveys: before.surveys + 2, audit: before.audit + 2 });

    const card = await siteCard([lon, lat]);
    expect(card.surveys.map((s: { id: number; breach: boolean }) => [s.id, s.breach])).toEqual([
      [found.id, true],
      [within.json().id, false],
    ]);
    expect(card.findings.filter((f: { ruleId: string }) => f.ruleId === 'depthBreach')).toHaveLength(1);
    const listed = (await call('GET', `/api/licences/mining_rights/${clayId}/elevation-surveys`, 'planner1')).json();
    expect(listed).toMatchObject({ licenceNo: clay.properties!.licenceNo, elevationTopM: 1335, elevationBottomM: 1290 });
    expect(listed.surveys).toHaveLength(2);
  });

  it('turns a 超层越界 survey into one ledger lead with violation type 超层越界开采, never twice; a survey within the range makes none', async () => {
    const breach = (await survey(clayId, { surface: 'face', points: [{ lon, lat, elevationM: 1350 }] })).json();
    expect(breach.verdict).toMatchObject({ above: true, aboveByM: 15 });
    const lead = await call('POST', `/api/elevation-surveys/${breach.id}/lead`, 'inspector1');
    expect(lead.statusCode, lead.body).toBe(201);
    const { leadId } = lead.json();
    const entry = (await call('GET', `/api/ledger/${leadId}`, 'inspector1')).json();
    expect(entry).toMatchObject({ violationType: 'beyondBoundary', source: 'siteCheck', status: 'pending', geometry: { type: 'Point', coordinates: [lon, lat] } });
    expect(entry.title).toContain('超层越界');
    const again = await call('POST', `/api/elevation-surveys/${breach.id}/lead`, 'inspector2', undefined, EN);
    expect([again.statusCode, again.json().code]).toEqual([409, 'surveyHasLead']);
    expect(again.json().message).toContain(`ledger entry ${leadId}`);
    const within = (await survey(clayId, { surface: 'floor', points: [{ lon, lat, elevationM: 1290 }] })).json();
    const none = await call('POST', `/api/elevation-surveys/${within.id}/lead`, 'inspector1');
    expect([none.statusCode, none.json().code]).toEqual([409, 'surveyWithinRange']);
    expect((await call('POST', '/api/elevation-surveys/999999/lead', 'inspector1')).statusCode).toBe(404);
    expect((await call('POST', `/api/elevation-surveys/${breach.id}/lead`, 'planner1')).statusCode).toBe(403);
    const card = await siteCard([lon, lat]);
    expect(card.surveys.find((s: { id: number }) => s.id === breach.id).ledgerEntryId).toBe(leadId);
  });

  it('refuses bad surveys with a 4xx naming the problem, writing nothing', async () => {
    const before = await counts();
    const outside = turf.destination([lon, lat], 3, 90).geometry.coordinates;
    const ok = { lon, lat, elevationM: 1300 };
    const cases: [number, object | string, number, string, RegExp?][] = [
      [clayId, { surface: 'floor', points: [] }, 400, 'surveyPointCount'],
      [clayId, { surface: 'floor', points: [ok, { lon, lat, elevationM: 99_999 }] }, 400, 'elevationImplausible', /point 2/],
      [clayId, { surface: 'floor', points: [{ lon, lat, elevationM: -12_000 }] }, 400, 'elevationImplausible', /point 1/],
      [clayId, `{"surface":"floor","points":[{"lon":${lon},"lat":${lat},"elevationM":1e400}]}`, 400, 'invalidRequest'],
      [clayId, { surface: 'floor', points: [{ lon, lat, elevationM: '很深' }] }, 400, 'invalidRequest'],
      [clayId, { surface: 'floor', points: [{ lon: 500, lat, elevationM: 1300 }] }, 400, 'surveyPointNotLonLat'],
      [clayId, { surface: 'floor', points: [ok, { lon: outside[0], lat: outside[1], elevationM: 1200 }] }, 400, 'surveyPointOutsideRight', /Point 2 lies outside/],
      [clayId, { surface: 'floor', measuredOn: '2999-01-01', points: [ok] }, 400, 'surveyInFuture'],
      [clayId, { surface: 'roof', points: [ok] }, 400, 'invalidRequest'],
      [999_999, { surface: 'floor', points: [ok] }, 404, 'surveyRightNotFound'],
    ];
    for (const [id, body, status, code, message] of cases) {
      const answer = await survey(id, body, 'inspector1', EN);
      expect([answer.statusCode, answer.json().code], `${JSON.stringify(body)}: ${answer.body}`).toEqual([status, code]);
      if (message) expect(answer.json().message).toMatch(message);
    }
    expect((await survey(clayId, { surface: 'floor', points: [ok] }, 'planner1')).statusCode).toBe(403);
    expect(await counts()).toEqual(before);
    // A right with no licensed range cannot be judged (the range taken away by hand: the register keeps that as two events).
    const coal = await t.db.knex('mining_rights').where({ mineral: 'coal' }).first('id', 'elevation_top_m');
    await t.db.knex('mining_rights').where({ id: coal.id }).update({ elevation_top_m: null });
    const coalPoint = turf.pointOnFeature(demoRight('DEMO01')).geometry.coordinates;
    const unranged = await survey(coal.id, { surface: 'floor', points: [{ lon: coalPoint[0], lat: coalPoint[1], elevationM: 500 }] });
    expect([unranged.statusCode, unranged.json().code]).toEqual([409, 'noLicensedRange']);
    await t.db.knex('mining_rights').where({ id: coal.id }).update({ elevation_top_m: coal.elevation_top_m });
    expect((await counts()).surveys).toBe(before.surveys);
  });

  it('records a 变更 of the licensed range in the register; an upside-down or absurd range is refused; old surveys keep theirs', async () => {
    const detail = (await call('GET', `/api/licences/mining_rights/${clayId}`, 'admin')).json();
    expect(detail.properties).toMatchObject({ elevationTopM: 1335, elevationBottomM: 1290 });
    const act = (body: object) =>
      call('POST', `/api/licences/mining_rights/${clayId}/events`, 'admin', { act: 'changed', baseVersion: detail.version, documentNo: '宁自然资矿字〔2025〕31号', ...body }, EN);
    const before = await counts();
    const refusals: [object, string, RegExp][] = [
      [{ elevationBottomM: 1340 }, 'elevationRangeReversed', /floor \(1340 m\) lies above the top \(1335 m\)/],
      [{ elevationTopM: 1200, elevationBottomM: 1250 }, 'elevationRangeReversed', /upside down/],
      [{ elevationTopM: 20_000 }, 'elevationImplausible', /Licensed top elevation/],
    ];
    for (const [body, code, message] of refusals) {
      const answer = await act(body);
      expect([answer.statusCode, answer.json().code], answer.body).toEqual([400, code]);
      expect(answer.json().message).toMatch(message);
    }
    const registerReversed = await call('POST', '/api/licences', 'admin', {
      collection: 'mining_rights', licenceNo: 'C6210002025117230000099', mineName: '倒置砖厂', holder: '测试建材有限公司', mineral: 'brickClay',
      miningMethod: 'openPit', scaleClass: 'small', capacity10ktPerYear: 8, validFrom: '2025-01-01', validTo: '2030-01-01', documentNo: 'x',
      geometry: square([lon + 0.05, lat + 0.05], 60), elevationTopM: 1100, elevationBottomM: 1200,
    });
    expect([registerReversed.statusCode, registerReversed.json().code]).toEqual([400, 'elevationRangeReversed']);
    expect(await counts()).toEqual(before);

    const changed = await act({ elevationBottomM: 1270 });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().properties).toMatchObject({ elevationTopM: 1335, elevationBottomM: 1270 });
    expect(changed.json().events.at(-1).changes).toEqual([{ field: 'elevationBottomM', before: 1290, after: 1270 }]);
    // The survey at 1281.5 m was judged against 1290 m and stays 超层越界; a new one at that depth is within the new range.
    const again = await survey(clayId, { surface: 'floor', points: [{ lon, lat, elevationM: 1281.5 }] });
    expect(again.json()).toMatchObject({ breach: false, bottomM: 1270 });
    const listed = (await call('GET', `/api/licences/mining_rights/${clayId}/elevation-surveys`, 'planner1')).json();
    expect(listed.elevationBottomM).toBe(1270);
    expect(listed.surveys.find((s: { verdict: { lowestM: number }; bottomM: number }) => s.verdict.lowestM === 1281.5 && s.bottomM === 1290).breach).toBe(true);
  });

  it('flags 超能力开采 in the register list and on the site card once a year’s output is above capacity', async () => {
    const capacity = Number(clay.properties!.capacity10ktPerYear);
    const put = await call('PUT', `/api/licences/mining_rights/${clayId}/outputs/2024`, 'admin', { output10kt: capacity + 1 });
    expect(put.statusCode, put.body).toBe(200);
    const listed = (await call('GET', '/api/licences?q=DEMO02', 'inspector1')).json().licences[0];
    expect(listed.overCapacityYear).toBe(2024);
    const card = await siteCard([lon, lat]);
    expect(card.rights.find((r: { featureId: number }) => r.featureId === clayId).overCapacityYear).toBe(2024);
    const finding = card.findings.find((f: { ruleId: string }) => f.ruleId === 'overCapacity');
    expect(finding.legalBasis.zh).toContain('严禁超能力生产');
  });
});

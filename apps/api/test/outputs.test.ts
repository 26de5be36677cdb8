import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../src/plugins/app/reports/china-time.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { signInStaff } from './helpers/staff.ts';

const thisYear = Number(chinaToday().slice(0, 4));

describe.each(TEST_DATABASES)('yearly output of mining rights (产量, 年度核实) on %s', (kind) => {
  let t: TestApp;
  let cookies: Awaited<ReturnType<typeof signInStaff>>;
  let clay: { id: number; licenceNo: string; capacity: number };
  const put = (id: number, year: number, payload: object, who: keyof typeof cookies = 'admin', headers = {}) =>
    t.app.inject({ method: 'PUT', url: `/api/licences/mining_rights/${id}/outputs/${year}`, payload, headers: { cookie: cookies[who], ...headers } });
  const get = (id: number, who: keyof typeof cookies = 'planner1') =>
    t.app.inject({ url: `/api/licences/mining_rights/${id}/outputs`, headers: { cookie: cookies[who] } });
  const counts = async () => ({
    outputs: Number((await t.db.knex('right_outputs').count({ n: '*' }))[0].n),
    audit: Number((await t.db.knex('audit_log').where({ entity: 'right_outputs' }).count({ n: '*' }))[0].n),
  });

  beforeAll(async () => {
    t = await createTestApp(kind);
    cookies = await signInStaff(t);
    const row = await t.db.knex('mining_rights').where('licence_no', 'like', '%DEMO02').first('id', 'licence_no', 'capacity_10kt_per_year');
    clay = { id: row.id, licenceNo: row.licence_no, capacity: Number(row.capacity_10kt_per_year) };
  });
  afterAll(() => t?.close());

  it('records a year within capacity and one above it: the second is 超能力开采, citing seeds 004 and 003', async () => {
    const before = await counts();
    const within = await put(clay.id, 2024, { output10kt: clay.capacity - 0.5, sales10kt: clay.capacity - 1, documentNo: '宁自然资〔2025〕核字1号' });
    expect(within.statusCode, within.body).toBe(200);
    expect(within.json().findings).toEqual([]);
    const above = await put(clay.id, 2025, { output10kt: clay.capacity + 2.5, sales10kt: clay.capacity + 2 });
    expect(above.statusCode, above.body).toBe(200);
    const body = (await get(clay.id)).json();
    expect(body).toMatchObject({ id: clay.id, licenceNo: clay.licenceNo, capacity10ktPerYear: clay.capacity });
    expect(body.outputs.map((o: { year: number; overCapacity: boolean; revision: number }) => [o.year, o.overCapacity, o.revision])).toEqual([
      [2025, true, 1],
      [2024, false, 1],
    ]);
    expect(body.outputs[1]).toMatchObject({ output10kt: clay.capacity - 0.5, sales10kt: clay.capacity - 1, documentNo: '宁自然资〔2025〕核字1号', recordedBy: expect.any(String) });
    expect(body.findings).toHaveLength(1);
    expect(body.findings[0]).toMatchObject({ ruleId: 'overCapacity', outcome: 'forbidden', featureId: clay.id });
    expect(body.findings[0].legalBasis.zh).toMatch(/严禁超能力生产.*004.*003/);
    expect(await counts()).toEqual({ outputs: before.outputs + 2, audit: before.audit + 2 });
  });

  it('replaces a recorded year only from the revision seen: 409 naming who and when otherwise', async () => {
    const first = await put(clay.id, 2023, { output10kt: 3 });
    expect(first.statusCode, first.body).toBe(200);
    const stale = await put(clay.id, 2023, { output10kt: 4 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'versionConflict' });
    const replaced = await put(clay.id, 2023, { output10kt: 4, baseRevision: 1 });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json().outputs.find((o: { year: number }) => o.year === 2023)).toMatchObject({ output10kt: 4, revision: 2 });
    const audit = await t.db.knex('audit_log').where({ entity: 'right_outputs', entity_id: `${clay.id}/2023` }).orderBy('id', 'desc').first('detail');
    expect(audit.detail).toMatchObject({ before: { output10kt: 3 }, after: { output10kt: 4 }, year: 2023 });
  });

  it('refuses a future year, a negative tonnage, a non-number and an unknown right with a named 4xx, writing nothing', async () => {
    const before = await counts();
    const cases: [number, number, object, number, string][] = [
      [clay.id, thisYear + 1, { output10kt: 1 }, 400, 'outputYearInFuture'],
      [clay.id, 2022, { output10kt: -1 }, 400, 'negativeTonnage'],
      [clay.id, 2022, { output10kt: 1, sales10kt: -0.5 }, 400, 'negativeTonnage'],
      [clay.id, 1900, { output10kt: 1 }, 400, 'outputYearTooEarly'],
      [999_999, 2022, { output10kt: 1 }, 404, 'outputRightNotFound'],
    ];
    for (const [id, year, payload, status, code] of cases) {
      const response = await put(id, year, payload, 'admin', { 'accept-language': 'en' });
      expect(response.statusCode, `${year} ${JSON.stringify(payload)}`).toBe(status);
      expect(response.json().code).toBe(code);
    }
    const negative = await put(clay.id, 2022, { output10kt: -1 });
    expect(negative.json().message).toContain('不能为负数');
    const text = await put(clay.id, 2022, { output10kt: '很多' });
    expect(text.statusCode).toBe(400);
    expect((await get(999_999)).statusCode).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it("judges the plan's extraction (开采总量, to reach 840 万吨) on the latest year of verified output", async () => {
    const coal = await t.db.knex('mining_rights').where({ mineral: 'coal' }).first('id');
    expect((await put(coal.id, 2025, { output10kt: 95.5, sales10kt: 93 })).statusCode).toBe(200);
    const response = await t.app.inject({ url: '/api/indicators', headers: { cookie: cookies.planner1 } });
    const indicators = Object.fromEntries(response.json().indicators.map((i: { id: string }) => [i.id, i]));
    const clay2025 = clay.capacity + 2.5;
    expect(indicators['extraction.coal']).toMatchObject({ value: 95.5, target: 800, basis: 'actualOutput', outputYear: 2025 });
    expect(indicators['extraction.brickClay']).toMatchObject({ value: clay2025, target: 40, basis: 'actualOutput', outputYear: 2025 });
    expect(indicators.extraction).toMatchObject({ value: Math.round((95.5 + clay2025) * 10) / 10, target: 840, basis: 'actualOutput', outputYear: 2025 });
  });

  it('lets only an admin record output, and staff read it', async () => {
    expect((await put(clay.id, 2021, { output10kt: 1 }, 'inspector1')).statusCode).toBe(403);
    expect((await get(clay.id, 'inspector1')).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/licences/mining_rights/${clay.id}/outputs` })).statusCode).toBe(401);
  });
});

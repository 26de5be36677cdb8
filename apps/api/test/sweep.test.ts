import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SweepFinding, SweepRun } from '@mpm/contracts';
import { SEED_TITLES, SWEEP_LEGAL_BASIS, SWEEP_PROBLEMS } from '@mpm/domain';
import { chinaToday } from '../src/plugins/app/reports/china-time.ts';
import { runSweepIfDue, nextSweepDue } from '../src/plugins/app/sweep/sweep-schedule.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { signInStaff } from './helpers/staff.ts';

const EN = { 'accept-language': 'en' };
const DAY_MS = 24 * 60 * 60 * 1000;

describe('the sweep schedule', () => {
  it('is due an interval after the latest run, at once before the first, never when off', () => {
    const now = new Date('2026-03-01T00:00:00Z');
    expect(nextSweepDue(null, 30, now)).toEqual(now);
    expect(nextSweepDue(new Date('2026-02-01T00:00:00Z'), 30, now)).toEqual(new Date('2026-03-03T00:00:00Z'));
    expect(nextSweepDue(new Date('2026-02-01T00:00:00Z'), 0, now)).toBeNull();
  });
});

describe.each(TEST_DATABASES)('sweep of existing mines on %s', (kind) => {
  let t: TestApp;
  let cookies: Awaited<ReturnType<typeof signInStaff>>;
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, who: keyof typeof cookies | null = 'inspector1', payload?: object, headers = {}) =>
    t.app.inject({ method, url, payload, headers: { ...(who && { cookie: cookies[who] }), ...headers } });
  const count = async (table: string) => Number((await t.db.knex(table).count({ n: '*' }))[0].n);
  const run = async (): Promise<SweepRun> => {
    const answer = await call('POST', '/api/sweep/runs');
    expect(answer.statusCode, answer.body).toBe(201);
    return answer.json();
  };
  const find = (r: SweepRun, problem: string, suffix: string) => r.findings.find((f) => f.problem === problem && f.licenceNo.endsWith(suffix)) as SweepFinding;

  beforeAll(async () => {
    t = await createTestApp(kind);
    cookies = await signInStaff(t);
  });
  afterAll(() => t.close());

  it('answers no run before the first, due at once; only staff read, only inspectors and admins run', async () => {
    const latest = await call('GET', '/api/sweep', 'planner1');
    expect(latest.statusCode, latest.body).toBe(200);
    expect(latest.json()).toMatchObject({ run: null, intervalDays: 30 });
    expect((await call('GET', '/api/sweep', null)).statusCode).toBe(401);
    expect((await call('POST', '/api/sweep/runs', 'planner1')).statusCode).toBe(403);
  });

  it('finds each problem exactly once in the demo county, each citing its seed', async () => {
    // The window is the county's setting: wide enough for the right ending soonest, the exploration right.
    const days = Math.round((Date.parse('2028-03-19') - Date.parse(chinaToday())) / DAY_MS);
    const version = (await call('GET', '/api/settings/inspection')).json().version;
    expect((await call('PUT', '/api/settings/inspection', 'admin', { expiringWithinDays: days, baseVersion: version })).statusCode).toBe(200);
    const swept = await run();
    const table = swept.findings.map((f) => `${f.licenceNo.slice(-6)} ${f.problem}`).sort();
    expect(table).toEqual(
      [
        'DEMO01 onPermanentFarmland',
        'DEMO01 greenMineRequired',
        'DEMO03 inEcoRedline',
        'DEMO03 inProhibitedArea',
        'DEMO03 fundNotProvisioned',
        'DEMO03 greenMineInProtectedArea',
        'DEMO04 belowMinimumScale',
        'DEMO04 inFourAreas',
        'DEMO04 noFundAccount',
        'DEMO04 inUrbanDevelopmentBoundary',
        'DEMO05 licenceExpiredProblem',
        'DEMO05 holderSanctioned',
        'DEMO05 onForestGrassWetland',
        'DEMO01 licenceExpiringProblem',
      ].sort(),
    );
    expect(new Set(swept.findings.map((f) => f.problem)).size).toBe(SWEEP_PROBLEMS.length);
    for (const f of swept.findings) expect(f.legalBasis.zh).toContain(SEED_TITLES[SWEEP_LEGAL_BASIS[f.problem].seed].zh);
    expect(find(swept, 'licenceExpiringProblem', 'DEMO01').collection).toBe('exploration_rights');
    expect(find(swept, 'inEcoRedline', 'DEMO03').detail.zh).toMatch(/与“四郎河源头生态保护红线（示范）”重叠 [\d.]+ 亩/);
    expect(find(swept, 'inEcoRedline', 'DEMO03').legalBasis.zh).toContain('生态保护红线范围内原则上禁止');
    expect(find(swept, 'greenMineRequired', 'DEMO01').detail.zh).toBe('大型矿山，未列入绿色矿山名录');
    expect(find(swept, 'holderSanctioned', 'DEMO05').detail.zh).toContain('宁自然资发〔2025〕12号');
    expect(find(swept, 'belowMinimumScale', 'DEMO04').detail.zh).toContain('本矿 3 万吨/年');
    // 三区三线's urban development boundary and the land classes (002 三（一）、三（二）), each with its rule's own basis too.
    expect(find(swept, 'inUrbanDevelopmentBoundary', 'DEMO04').detail.zh).toMatch(/与“永和镇城镇开发边界（示范）”重叠 [\d.]+ 亩/);
    expect(find(swept, 'inUrbanDevelopmentBoundary', 'DEMO04').legalBasis.zh).toContain('不符合‘三区三线’管控要求');
    expect(find(swept, 'onForestGrassWetland', 'DEMO05').detail.zh).toMatch(/与“北塬村坡草地（示范）”重叠 [\d.]+ 亩/);
    expect(find(swept, 'onForestGrassWetland', 'DEMO05').legalBasis.zh).toContain('非法占用耕地、林地、草地、湿地和自然保护地');
    // A listed green mine in the red line: the directory's exit mechanism must review it.
    const green = find(swept, 'greenMineInProtectedArea', 'DEMO03');
    expect(green.detail.zh).toMatch(/^市级绿色矿山，矿区范围与“四郎河源头生态保护红线（示范）”重叠 [\d.]+ 亩；与“.+”重叠 [\d.]+ 亩$/);
    expect(green.legalBasis.zh).toContain('已建成绿色矿山未按绿色矿山标准进行生产管理');
  });

  it('sweeps every right and stores the table, each row with its legal basis', async () => {
    const swept = await run();
    // Every right in force: a revoked one (the demo's closed clay pit) is swept no more.
    const inForce = async (table: string) => Number((await t.db.knex(table).whereNot({ right_status: 'revoked' }).count({ n: '*' }))[0].n);
    const rights = (await inForce('mining_rights')) + (await inForce('exploration_rights'));
    expect(swept).toMatchObject({ trigger: 'manual', ranBy: '巡查员甲', rightsSwept: rights });
    const noAccount = find(swept, 'noFundAccount', 'DEMO04');
    expect(noAccount.legalBasis.zh).toContain('昌江区深入整治规范矿产资源保护开发利用专项行动实施方案');
    expect(noAccount.legalBasis.zh).toContain('重点整治矿山未设立生态修复基金账户');
    expect(noAccount.township).toMatchObject({ name: expect.stringContaining('永和镇') });
    const expired = find(swept, 'licenceExpiredProblem', 'DEMO05');
    expect(expired.detail.zh).toContain('2024-06-30');
    const latest = (await call('GET', '/api/sweep', 'planner1')).json();
    expect(latest.run.id).toBe(swept.id);
    expect(latest.run.findings).toHaveLength(swept.findings.length);
    expect(new Date(latest.nextDueAt).getTime() - new Date(swept.ranAt).getTime()).toBe(30 * DAY_MS);
  });

  it('turns a row into one ledger lead, never twice — not from a later run either, and not past the API', async () => {
    const first = await run();
    const row = find(first, 'noFundAccount', 'DEMO04');
    const before = await count('ledger_entries');
    const lead = await call('POST', `/api/sweep/findings/${row.id}/lead`);
    expect(lead.statusCode, lead.body).toBe(201);
    const entry = (await call('GET', `/api/ledger/${lead.json().leadId}`)).json();
    expect(entry).toMatchObject({ source: 'survey', violationType: 'noRestorationFund', status: 'pending' });
    expect(entry.title).toContain('未设立基金账户');
    const again = await call('POST', `/api/sweep/findings/${row.id}/lead`, 'inspector1', undefined, EN);
    expect([again.statusCode, again.json().code]).toEqual([409, 'sweepLeadExists']);
    expect(again.json().message).toContain(`entry ${lead.json().leadId}`);
    // The next run finds the problem again and shows the lead made before; no second one.
    const second = await run();
    const same = find(second, 'noFundAccount', 'DEMO04');
    expect(same.leadId).toBe(lead.json().leadId);
    expect((await call('POST', `/api/sweep/findings/${same.id}/lead`)).statusCode).toBe(409);
    expect(await count('ledger_entries')).toBe(before + 1);
    // The database itself refuses a second lead for the right and problem.
    const stored = await t.db.knex('sweep_leads').first();
    await expect(
      t.db.knex('sweep_leads').insert({ collection: stored.collection, right_id: stored.right_id, problem: stored.problem, entry_id: stored.entry_id + 1000, finding_id: same.id }),
    ).rejects.toThrow(/duplicate key|sweep_leads_pkey/);
    expect((await call('POST', '/api/sweep/findings/999999/lead')).statusCode).toBe(404);
  });

  it('runs by schedule only when due, and the schedule is a setting admins change', async () => {
    const ctx = (now: Date) => ({ knex: t.app.knex, repos: t.app.repos, ruleset: t.app.ruleset, now });
    const last = (await call('GET', '/api/sweep')).json().run as SweepRun;
    const ranAt = new Date(last.ranAt);
    expect(await runSweepIfDue(ctx(new Date(ranAt.getTime() + 29 * DAY_MS)))).toBeNull();
    const id = await runSweepIfDue(ctx(new Date(ranAt.getTime() + 31 * DAY_MS)));
    expect(id).toBeGreaterThan(last.id);
    expect((await t.db.knex('sweep_runs').where({ id }).first()).trigger).toBe('scheduled');
    expect((await call('PUT', '/api/sweep/settings', 'inspector1', { intervalDays: 7 })).statusCode).toBe(403);
    const set = await call('PUT', '/api/sweep/settings', 'admin', { intervalDays: 7, baseVersion: 0 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ intervalDays: 7, version: 1 });
    const stale = await call('PUT', '/api/sweep/settings', 'admin', { intervalDays: 0, baseVersion: 0 }, EN);
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'versionConflict']);
    const bad = await call('PUT', '/api/sweep/settings', 'admin', { intervalDays: -1 }, EN);
    expect(bad.statusCode).toBe(400);
    expect((await call('GET', '/api/sweep')).json().intervalDays).toBe(7);
  });
});

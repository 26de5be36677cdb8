import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SweepRun } from '@mpm/contracts';
import { addDays, SWEEP_PROBLEMS } from '@mpm/domain';
import { chinaToday } from '../src/plugins/app/reports/china-time.ts';
import { sweepSection } from '../src/plugins/app/reports/progress-sweep.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { signInStaff } from './helpers/staff.ts';

describe.each(TEST_DATABASES)('the periodic report’s sweep section on %s', (kind) => {
  let t: TestApp;
  let cookies: Awaited<ReturnType<typeof signInStaff>>;
  const post = (url: string) => t.app.inject({ method: 'POST', url, headers: { cookie: cookies.inspector1 } });
  /** The report's view of the sweep as of `day`: the run, with its findings. */
  const asOf = async (day: string) => {
    const run = await t.app.repos.sweep.runOn(day);
    return run && { ...run, findings: await t.app.repos.sweep.findings(run.id) };
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    cookies = await signInStaff(t);
  });
  afterAll(() => t.close());

  it('shows the latest sweep by the day, its mines by problem and the leads made', async () => {
    const today = chinaToday();
    expect(await asOf(today)).toBeUndefined();
    expect(sweepSection(undefined, today, 'zh')).toContain('截至该日尚未开展存量矿山排查。');

    const ran = await post('/api/sweep/runs');
    expect(ran.statusCode, ran.body).toBe(201);
    const run: SweepRun = ran.json();
    const redline = run.findings.find((f) => f.problem === 'inEcoRedline')!;
    expect((await post(`/api/sweep/findings/${redline.id}/lead`)).statusCode).toBe(201);

    // A run judges the rights on its own day: the report of the day before has none yet.
    expect(await asOf(addDays(today, -1))).toBeUndefined();
    const seen = await asOf(today);
    expect(seen).toMatchObject({ id: run.id, trigger: 'manual', ranBy: '巡查员甲', rightsSwept: run.rightsSwept });

    const zh = sweepSection(seen, today, 'zh');
    expect(zh).toContain('九、存量矿山排查');
    expect(zh).toContain(`按 ${today} 的登记状态排查矿业权 ${run.rightsSwept} 个`);
    expect(zh).toContain('由 巡查员甲 发起');
    expect(zh).toMatch(/data-problem="inEcoRedline"><td>位于生态保护红线内<\/td><td class="num">1<\/td><td class="num">1<\/td>/);
    expect(zh).toMatch(/data-problem="noFundAccount"><td>[^<]+<\/td><td class="num">1<\/td><td class="num">0<\/td>/);
    // One row per problem found, in the sweep's own order.
    const found = new Set(run.findings.map((f) => f.problem));
    expect([...zh.matchAll(/data-problem="(\w+)"/g)].map((m) => m[1])).toEqual(SWEEP_PROBLEMS.filter((p) => found.has(p)));
    expect(sweepSection(seen, today, 'en')).toContain('9. Sweep of existing mines');
  });
});

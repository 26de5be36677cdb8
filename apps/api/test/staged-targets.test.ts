import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../src/plugins/app/repositories.plugin.ts';
import { loadRuleset } from '../src/plugins/app/checks/ruleset.ts';
import { planIndicators } from '../src/plugins/app/restoration/plan-indicators.ts';
import { indicatorSection } from '../src/plugins/app/reports/progress-sections.ts';
import * as stagedTargets from '../src/db/migrations/028-staged-targets.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';

/** Seed 000 (新宾) 一、工作目标, as a county would enter it: about 20 % by end-2020, about 30 % by end-2022. */
const XINBIN = [
  { year: 2020, percent: 20, source: '000 一、工作目标：到2020年底…大中型矿山比例达到20%左右' },
  { year: 2022, percent: 30, source: '000 一、工作目标：到2022年底，大中型矿山比例达到30%左右' },
];

interface Indicator {
  id: string;
  value: number;
  target: number;
  state: string;
  targetYear?: number | null;
  targetSource?: string;
}
const ratioOf = (indicators: Indicator[]) => indicators.find((i) => i.id === 'largeMediumRatio')!;

describe.each(TEST_DATABASES)('the large+medium ratio as a staged target (issue #15) on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  const call = (method: 'GET' | 'PUT', url: string, payload?: object) =>
    t.app.inject({ method, url, payload, headers: { 'accept-language': 'en', cookie: admin } });
  const ratioAt = async (asOf: string) => {
    const response = await call('GET', `/api/indicators?asOf=${asOf}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().asOf).toBe(asOf);
    return ratioOf(response.json().indicators);
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await t.login();
  });
  afterAll(() => t?.close());

  it('judges the plan’s own single target (29 % by 2025, seed 004) at the date asked, citing it', async () => {
    expect(await ratioAt('2024-06-01')).toMatchObject({ value: 20, target: 29, targetYear: 2025, state: 'atRisk' });
    expect((await ratioAt('2024-06-01')).targetSource).toContain('大中型矿山比例提高至29%');
    expect(await ratioAt('2026-03-01')).toMatchObject({ target: 29, state: 'missed' });
    expect((await call('GET', '/api/indicators?asOf=2024-13-01')).statusCode).toBe(400);
  });

  it('keeps a series by year from the settings and judges each date against the step in force', async () => {
    const saved = await call('PUT', '/api/settings/indicators', { largeMediumRatioSteps: XINBIN });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().indicators.largeMediumRatioSteps).toEqual(XINBIN);
    // The demo county: five mines, one large: 20 %.
    expect(await ratioAt('2020-06-30')).toMatchObject({ value: 20, target: 20, targetYear: 2020, state: 'met', targetSource: XINBIN[0].source });
    expect(await ratioAt('2021-06-30')).toMatchObject({ value: 20, target: 30, targetYear: 2022, state: 'atRisk' });
    expect(await ratioAt('2023-01-10')).toMatchObject({ value: 20, target: 30, targetYear: 2022, state: 'missed' });
    // The browser's ruleset carries the series, for its own check.
    expect((await call('GET', '/api/rules')).json().ruleset.indicators.largeMediumRatioSteps).toEqual(XINBIN);
  });

  it('gives the report the step in force on its day', async () => {
    const repos = createRepositories(t.db.knex);
    const response = await planIndicators({ repos, ruleset: loadRuleset() }, new Date('2021-06-30T12:00:00+08:00'));
    const html = indicatorSection(response, 'zh');
    expect(html).toContain('不低于 30 %（到2022年底）');
    expect(html).toContain('到2022年底，大中型矿山比例达到30%左右');
  });

  it('refuses steps out of order, a repeated year, a yearless step before the last, or a blank source, and writes nothing', async () => {
    const version = (await call('GET', '/api/settings/indicators')).json().version;
    for (const [steps, code] of [
      [[XINBIN[1], XINBIN[0]], 'targetStepsOutOfOrder'],
      [[XINBIN[0], { ...XINBIN[1], year: 2020 }], 'targetStepsOutOfOrder'],
      [[{ percent: 25, source: '县局' }, XINBIN[1]], 'targetStepsOutOfOrder'],
      [[{ ...XINBIN[0], source: '   ' }], 'targetStepSourceEmpty'],
    ] as const) {
      const response = await call('PUT', '/api/settings/indicators', { largeMediumRatioSteps: steps });
      expect(response.statusCode, JSON.stringify(steps)).toBe(400);
      expect(response.json()).toMatchObject({ code });
      expect(response.json().message).toContain('largeMediumRatioSteps');
    }
    const after = (await call('GET', '/api/settings/indicators')).json();
    expect(after.version).toBe(version);
    expect(after.indicators.largeMediumRatioSteps).toEqual(XINBIN);
  });

  it('migrates a stored single target to a one-step series due by the end of the plan (migration 028), and back', async () => {
    const knex = t.db.knex;
    await knex('county_settings').where({ key: 'indicators' }).update({ value: JSON.stringify({ minLargeMediumRatio: 25, maxMines: 6 }) });
    await stagedTargets.up(knex);
    const stored = (await knex('county_settings').where({ key: 'indicators' }).first()).value;
    expect(stored).toEqual({ maxMines: 6, largeMediumRatioSteps: [{ percent: 25, source: stagedTargets.MIGRATED_TARGET_SOURCE }] });
    const settings = (await call('GET', '/api/settings/indicators')).json();
    expect(settings.indicators).toMatchObject({ maxMines: 6, largeMediumRatioSteps: [{ percent: 25 }] });
    expect(await ratioAt('2024-06-01')).toMatchObject({ value: 20, target: 25, targetYear: 2025, state: 'atRisk' });
    await stagedTargets.down(knex);
    expect((await knex('county_settings').where({ key: 'indicators' }).first()).value).toEqual({ maxMines: 6, minLargeMediumRatio: 25 });
    await stagedTargets.up(knex);
  });
});

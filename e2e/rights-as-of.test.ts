import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import type { Locator, Page } from 'playwright-core';
import { squareCornerList } from './helpers/corner-list.ts';
import { useServerAndBrowser, waitForMapIdle } from './helpers/browser.ts';
import { collectErrors, signIn } from './helpers/inspector.ts';
import { REPO_ROOT } from './helpers/paths.ts';
import { TEST_ADMIN_PASSWORD } from './helpers/server.ts';

const demo = (name: string) => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data', 'demo', `${name}.geojson`), 'utf8')) as GeoJSON.FeatureCollection;
/** The demo's most recently registered mining right (the large coal mine), and the day before it was. */
const latest = [...demo('mining_rights').features].sort((a, b) => String(a.properties!.validFrom).localeCompare(String(b.properties!.validFrom))).at(-1)!;
const licenceNo = String(latest.properties!.licenceNo);
const dayBefore = new Date(Date.parse(`${latest.properties!.validFrom}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const [lon, lat] = turf.centroid(latest).geometry.coordinates;
/** The demo patch lying in that right (legal today, mined without a licence the day before). */
const patchCode = String(demo('change_patches').features.find((p) => turf.booleanWithin(turf.centroid(p), latest as GeoJSON.Feature<GeoJSON.Polygon>))!.properties!.code);

/** Today in China, the county's day. */
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

const suite = useServerAndBrowser();

/**
 * Licence numbers of the mining rights the map's source holds now (what the tiles say): the
 * layer's own source as of a past day, else the one of all layers.
 */
const licencesOnMap = (page: Page) =>
  page.evaluate(() => {
    const map = window.__mpmMap!;
    const layer = map.getStyle().layers.find((l) => 'source-layer' in l && l['source-layer'] === 'mining_rights');
    if (!layer || !('source' in layer) || !map.getSource(layer.source)) return [];
    return [...new Set(map.querySourceFeatures(layer.source, { sourceLayer: 'mining_rights' }).map((f) => String(f.properties.licenceNo)))].sort();
  });

/** Picks `day` in a screen's 截至日期 field (empty: clears it with 回到今天). */
async function asOf(scope: Locator, name: string, day: string) {
  if (day) await scope.locator(`input[name="${name}"]`).fill(day);
  else await scope.locator('.as-of-field').filter({ has: scope.page().locator(`input[name="${name}"]`) }).getByRole('button', { name: '回到今天' }).click();
}

/** Switches the page to a mode of the header. */
const mode = (page: Page, name: string) => page.getByRole('group', { name: '模式' }).getByRole('button', { name }).click();

describe('the right layers as of a past day (图层 → 矿业权状态日期)', () => {
  it('opens a link drawing the rights as they stood on a day, says so, and goes back to today', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${suite.server.url}/#on=mining_rights&asOf=${dayBefore}&map=11.00/${lat.toFixed(5)}/${lon.toFixed(5)}`);
    await waitForMapIdle(page);

    const panel = page.getByRole('complementary', { name: '图层' });
    const day = panel.getByLabel('矿业权状态日期');
    expect(await day.inputValue()).toBe(dayBefore);
    expect(await panel.getByRole('status').textContent()).toBe(`矿业权图层显示 ${dayBefore} 当日结束时的台账状态。`);
    // Other rights are drawn (the tiles came), this one not yet.
    await expect.poll(async () => { const shown = await licencesOnMap(page); return shown.length > 0 && !shown.includes(licenceNo); }).toBe(true);

    await panel.getByRole('button', { name: '回到今天' }).click();
    await expect.poll(() => licencesOnMap(page), { timeout: 30_000 }).toContain(licenceNo);
    expect(await day.inputValue()).toBe('');
    await expect.poll(() => page.evaluate(() => window.location.hash)).not.toContain('asOf=');

    // Choosing the day again draws the past again, and the link says so.
    await day.fill(dayBefore);
    await expect
      .poll(async () => { const shown = await licencesOnMap(page); return shown.length > 0 && !shown.includes(licenceNo); }, { timeout: 30_000 })
      .toBe(true);
    await expect.poll(() => page.evaluate(() => window.location.hash)).toContain(`asOf=${dayBefore}`);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('截至日期 on the check, the patch classes and the indicators, in a real browser', () => {
  it('shows each as the register stood on a day before a licence existed, says which day, and comes back to today', async () => {
    expect(latest.properties!.scaleClass).toBe('large');
    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(suite.server.url);
    await signIn(page, { username: 'admin', password: TEST_ADMIN_PASSWORD });

    // 规划: a block inside the right overlaps it today, and overlapped nothing the day before.
    await mode(page, '规划');
    const plan = page.getByRole('complementary', { name: '规划审查' });
    await plan.locator('.ruleset-title').waitFor();
    await plan.getByLabel('拟设生产能力').fill('6');
    await plan.getByRole('tab', { name: '粘贴拐点坐标' }).click();
    await plan.getByRole('textbox', { name: '拐点坐标' }).fill(squareCornerList(turf.centroid(latest).geometry.coordinates, 30));
    await plan.getByRole('button', { name: '解析并显示' }).click();
    const verdict = plan.locator('.server-verdict');
    const overlapsRight = () => verdict.locator('.finding[data-rule-id="existingMiningRight"]').count();
    const checkedOn = async (day: string) => {
      await verdict.getByRole('button', { name: '正式审查' }).click();
      await verdict.getByRole('status').filter({ hasText: `按 ${day} 当日结束时的矿业权台账审查。` }).waitFor({ timeout: 30_000 });
      expect(await verdict.locator('.verdict').getAttribute('data-stale')).toBe('false');
    };
    await checkedOn(today);
    expect(await overlapsRight()).toBe(1);
    await asOf(verdict, 'check-as-of', dayBefore);
    expect(await verdict.locator('.verdict').getAttribute('data-stale'), 'a verdict of another day is stale').toBe('true');
    await checkedOn(dayBefore);
    expect(await overlapsRight()).toBe(0);

    // 巡查 → 卫片图斑: the patch in the right is legal today, mined without a licence the day before.
    await mode(page, '巡查');
    const inspect = page.getByRole('complementary', { name: '执法巡查' });
    await inspect.getByRole('tab', { name: '卫片图斑' }).click();
    const row = inspect.locator('.patch-table tbody tr').filter({ hasText: patchCode });
    const classifiedOn = (day: string) =>
      inspect.getByRole('status').filter({ hasText: `按 ${day} 当日结束时的矿业权台账分类。` }).waitFor({ timeout: 30_000 });
    await classifiedOn(today);
    expect([await row.getAttribute('data-class'), await row.locator('.patch-meta').first().textContent()]).toEqual(['legal', expect.stringContaining(licenceNo)]);
    await asOf(inspect, 'patches-as-of', dayBefore);
    await classifiedOn(dayBefore);
    expect(await row.getAttribute('data-class')).toBe('unlicensed');
    await asOf(inspect, 'patches-as-of', '');
    await classifiedOn(today);
    expect(await row.getAttribute('data-class')).toBe('legal');

    // 公众 → 报告与指标: the large mine counts in the large-and-medium share today, not the day before.
    await mode(page, '公众');
    const staff = page.getByRole('complementary', { name: '矿山恢复治理进展' });
    await staff.getByRole('tab', { name: '报告与指标' }).click();
    const share = staff.locator('.indicator-table tr[data-indicator-id="largeMediumRatio"] td').nth(1);
    const judgedOn = (day: string) => staff.getByRole('status').filter({ hasText: `截至 ${day}，依据在册矿业权计算。` }).waitFor({ timeout: 30_000 });
    await judgedOn(today);
    const shareToday = await share.textContent();
    await asOf(staff, 'indicators-as-of', dayBefore);
    await judgedOn(dayBefore);
    expect(await share.textContent()).not.toBe(shareToday);

    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './helpers/paths.ts';
import { squareCornerList } from './helpers/corner-list.ts';
import { useServerAndBrowser, waitForMapIdle } from './helpers/browser.ts';
import { signIn } from './helpers/inspector.ts';
import { TEST_ADMIN_PASSWORD } from './helpers/server.ts';

/** Rough edges of issue #12 a first real use of plan mode ran into, each pinned here. */
const suite = useServerAndBrowser();

const zone = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data/demo/concentrated_zones.geojson'), 'utf8')) as GeoJSON.FeatureCollection<GeoJSON.Polygon>)
  .features[0].geometry.coordinates[0];
/** A 300 m square inside the first concentrated zone, as a planner pastes it. */
const goodList = squareCornerList([zone.reduce((a, p) => a + p[0], 0) / zone.length, zone.reduce((a, p) => a + p[1], 0) / zone.length], 150);

async function openPlan(page: Page, { fillProposal = true } = {}) {
  await page.goto(suite.server.url);
  await waitForMapIdle(page);
  await signIn(page, { username: 'admin', password: TEST_ADMIN_PASSWORD });
  await page.getByRole('group', { name: '模式' }).getByRole('button', { name: '规划' }).click();
  const panel = page.getByRole('complementary', { name: '规划审查' });
  await panel.locator('.ruleset-title').waitFor();
  if (fillProposal) {
    await panel.getByLabel('矿种').selectOption({ label: '砖瓦用粘土' });
    await panel.getByLabel('拟设生产能力').fill('15');
    await panel.getByRole('radio', { name: '新立' }).check();
  }
  return panel;
}

async function paste(page: Page, text: string) {
  const panel = page.getByRole('complementary', { name: '规划审查' });
  await panel.getByRole('tab', { name: '粘贴拐点坐标' }).click();
  await panel.getByRole('textbox', { name: '拐点坐标' }).fill(text);
  await panel.getByRole('button', { name: '解析并显示' }).click();
}

describe('plan mode’s rough edges (issue #12)', () => {
  it('shows the server check’s time in China time, labelled, in a browser set to another zone', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'America/Los_Angeles' });
    const page = await context.newPage();
    const panel = await openPlan(page);
    await paste(page, goodList);
    await panel.getByText('地块：来自粘贴的拐点坐标').waitFor();
    const before = Date.now();
    await panel.getByRole('button', { name: '正式审查' }).click();
    const meta = panel.locator('.verdict .verdict-meta');
    await meta.waitFor({ timeout: 60_000 });
    const text = (await meta.textContent())!;
    expect(text).toContain('（北京时间）');
    // The hour and minute are China's, not Los Angeles's.
    const chinaClock = (ms: number) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(ms);
    const shown = text.match(/(\d{2}:\d{2})（北京时间）/)?.[1];
    expect([chinaClock(before), chinaClock(Date.now())]).toContain(shown);
    await context.close();
  }, 120_000);

  it('a corner list that cannot be read, or is over the size limit, leaves no old block, area or verdict behind', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const panel = await openPlan(page);
    await paste(page, goodList);
    await panel.locator('.live-check .area-km2').waitFor();
    await panel.getByRole('button', { name: '正式审查' }).click();
    await panel.locator('.verdict').waitFor({ timeout: 60_000 });

    // A malformed list: its errors, and nothing of the block before.
    const lines = goodList.split('\n');
    lines[2] = lines[2].replace(/\t(\d+)\.(\d+)\t/, '\t$1x$2\t');
    await paste(page, lines.join('\n'));
    await panel.locator('.corner-errors').waitFor();
    await panel.getByText('尚未给出地块。').waitFor();
    expect(await panel.locator('.live-check .area-km2').count()).toBe(0);
    expect(await panel.locator('.verdict').count()).toBe(0);

    // Over the server's limit: said at once in Chinese, before any parsing, and no block.
    await paste(page, goodList);
    await panel.locator('.live-check .area-km2').waitFor();
    const started = Date.now();
    await paste(page, `${goodList}\n${'#'.repeat(200_001)}`);
    const tooLong = panel.locator('.corner-too-long');
    await tooLong.waitFor();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await tooLong.textContent()).toContain('最多只能接受 200,000 个');
    await panel.getByText('尚未给出地块。').waitFor();
    expect(await panel.locator('.corner-errors').count()).toBe(0);
    await context.close();
  }, 120_000);

  it('a block far outside the county is refused by the live check at once, in the server’s words; the refused 正式审查 is cleared by a new block', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    page.on('console', () => undefined);
    const panel = await openPlan(page);
    await panel.getByRole('tab', { name: '上传文件' }).click();
    const far = { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[114.1, 28.5], [114.11, 28.5], [114.11, 28.51], [114.1, 28.51], [114.1, 28.5]]] } };
    await panel.getByLabel('GeoJSON 或 KML 文件').setInputFiles({ name: 'far.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(far)) });
    await panel.getByText('地块：来自上传的文件').waitFor();
    // The live check refuses it at once: no findings, no indicators, the reason.
    const live = panel.locator('.live-check');
    const liveRefusal = live.locator('.live-refusal');
    await liveRefusal.waitFor();
    expect(await liveRefusal.textContent()).toContain('不在本县范围内');
    expect(await live.locator('.finding, .indicator-table, .worst-outcome').count()).toBe(0);
    await waitForMapIdle(page);
    await panel.getByRole('button', { name: '正式审查' }).click();
    const refusal = panel.locator('.server-verdict .form-error');
    await refusal.waitFor({ timeout: 60_000 });
    // The same words as the server's.
    expect(await refusal.textContent()).toContain((await liveRefusal.textContent())!);
    await paste(page, goodList);
    await panel.getByText('地块：来自粘贴的拐点坐标').waitFor();
    expect(await refusal.count()).toBe(0);
    await context.close();
  }, 120_000);

  it('a block below the county’s minimum block area, set in 设置, is refused by the live check in the server’s words', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    page.on('console', () => undefined);
    const panel = await openPlan(page);
    // The admin raises the minimum above the 300 m square's 90 000 m² (and puts it back at the end).
    const setMinimum = async (areaM2: string) => {
      await page.getByRole('group', { name: '模式' }).getByRole('button', { name: '管理' }).click();
      const admin = page.getByRole('complementary', { name: '系统管理' });
      await admin.getByRole('tab', { name: '设置' }).click();
      const form = admin.getByRole('form', { name: '最小地块面积' });
      await form.getByLabel('小于此面积（平方米）的地块，审查和保存时均予拒绝').fill(areaM2);
      await form.getByRole('button', { name: '保存' }).click();
      await form.getByRole('status').filter({ hasText: '已保存。' }).waitFor();
      await page.getByRole('group', { name: '模式' }).getByRole('button', { name: '规划' }).click();
    };
    await setMinimum('100000');
    await paste(page, goodList);
    await panel.getByText('地块：来自粘贴的拐点坐标').waitFor();
    const liveRefusal = panel.locator('.live-check .live-refusal');
    await liveRefusal.waitFor();
    expect(await liveRefusal.textContent()).toMatch(/^地块面积仅 [\d,]+ 平方米，小于本县设置的最小地块面积 100,000 平方米/);
    await panel.getByRole('button', { name: '正式审查' }).click();
    const refusal = panel.locator('.server-verdict .form-error');
    await refusal.waitFor({ timeout: 60_000 });
    expect(await refusal.textContent()).toContain((await liveRefusal.textContent())!);
    await setMinimum('400');
    await context.close();
  }, 120_000);

  it('a long note beside 正式审查 does not squeeze the button on a narrow panel', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const panel = await openPlan(page, { fillProposal: false });
    await panel.locator('.verdict-actions').getByText('请先给出地块并填写拟设生产能力。').waitFor();
    const button = panel.getByRole('button', { name: '正式审查' });
    const box = (await button.boundingBox())!;
    const lineHeight = await button.evaluate((b) => parseFloat(getComputedStyle(b).lineHeight) || parseFloat(getComputedStyle(b).fontSize) * 1.4);
    // One line of four characters: wider than tall, and no taller than one line and its padding.
    expect(box.width).toBeGreaterThan(box.height);
    expect(box.height).toBeLessThan(lineHeight * 2);
    await context.close();
  }, 120_000);
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './helpers/paths.ts';
import { areaReport, ellipsoidalAreaM2, parseCornerList } from '@mpm/geo';
import { squareCornerList } from './helpers/corner-list.ts';
import { recordRequests, useServerAndBrowser, waitForMapIdle } from './helpers/browser.ts';
import { TEST_ADMIN_PASSWORD } from './helpers/server.ts';

const SCREENSHOT = path.join(REPO_ROOT, 'test-results/plan.png');

const readLayer = (id: string) =>
  JSON.parse(fs.readFileSync(path.join(REPO_ROOT, `data/demo/${id}.geojson`), 'utf8')) as GeoJSON.FeatureCollection<GeoJSON.Polygon>;

/**
 * A 300 m square block centred on a corner of the first red-line feature (so part of it lies
 * inside the red line), written as a plain-table corner list (拐点坐标) in zone 36.
 */
function redLineCornerList(): { text: string; areaKm2: number } {
  const corner = readLayer('eco_redline').features[0].geometry.coordinates[0][0];
  const text = squareCornerList(corner, 150);
  // What the server will say: the ellipsoidal area of the list as written (2-decimal metres).
  const parsed = parseCornerList(text);
  if (!parsed.ok) throw new Error('the corner list does not read back');
  return { text, areaKm2: areaReport(ellipsoidalAreaM2(parsed.value.geometry)).areaKm2 };
}

const suite = useServerAndBrowser();

/** How many overlap parts the map draws in the highlight layer. */
const highlighted = (page: Page) =>
  page.evaluate(() => {
    const map = window.__mpmMap!;
    return map.getLayer('plan:overlaps-fill') ? map.queryRenderedFeatures({ layers: ['plan:overlaps-fill'] }).length : 0;
  });

async function signIn(page: Page) {
  await page.getByRole('button', { name: '登录' }).click();
  const dialog = page.getByRole('dialog', { name: '工作人员登录' });
  await dialog.getByLabel('用户名').fill('admin');
  await dialog.getByLabel('密码').fill(TEST_ADMIN_PASSWORD);
  await dialog.getByRole('button', { name: '登录' }).click();
  await dialog.waitFor({ state: 'detached' });
}

describe('plan mode (规划) in a real browser', () => {
  it('checks a pasted block live and on the server, reports a bad list by line, and draws a block with the mouse', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const requests = recordRequests(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(String(err)));
    page.on('console', (message) => {
      // The refused check below is logged by the browser as a failed resource; that one is expected.
      const refusedCheck = message.location().url.endsWith('/api/check') && /status of 400/.test(message.text());
      if (message.type() === 'error' && !refusedCheck) errors.push(message.text());
    });
    await page.goto(suite.server.url);
    await waitForMapIdle(page);

    // No mode switch for visitors; admins get 地图 / 规划.
    expect(await page.getByRole('button', { name: '规划' }).count()).toBe(0);
    await signIn(page);
    await page.getByRole('group', { name: '模式' }).getByRole('button', { name: '规划' }).click();
    const panel = page.getByRole('complementary', { name: '规划审查' });
    await panel.locator('.ruleset-title').waitFor();

    // The proposal: brick clay, 15 万吨/年, a new right.
    await panel.getByLabel('矿种').selectOption({ label: '砖瓦用粘土' });
    await panel.getByLabel('拟设生产能力').fill('15');
    await panel.getByRole('radio', { name: '新立' }).check();

    // A pasted corner list over the red line: drawn, zoomed to, and flagged at once.
    const { text, areaKm2 } = redLineCornerList();
    await panel.getByRole('tab', { name: '粘贴拐点坐标' }).click();
    await panel.getByRole('textbox', { name: '拐点坐标' }).fill(text);
    await panel.getByRole('button', { name: '解析并显示' }).click();
    await panel.getByRole('status').filter({ hasText: '已读取 4 个拐点' }).waitFor();

    const live = panel.locator('.live-check');
    const liveRedLine = live.locator('.finding[data-rule-id="ecoRedline"]');
    await liveRedLine.waitFor();
    expect(await liveRedLine.getAttribute('data-outcome')).toBe('forbidden');
    const liveText = (await liveRedLine.textContent())!;
    expect(liveText).toContain('禁止');
    expect(liveText).toContain('生态保护红线');
    expect(liveText).toMatch(/重叠面积 [\d,]+\.\d{2} 亩（占地块 [\d.]+%）/);
    expect(await live.locator('.approx-tag').textContent()).toBe('近似值');
    await live.locator('.indicator-table').waitFor();

    // The overlap is highlighted on the map.
    await waitForMapIdle(page);
    await expect.poll(() => highlighted(page)).toBeGreaterThan(0);

    // The server's verdict: area in km² to 4 decimals, the same forbidden finding.
    await panel.getByRole('button', { name: '正式审查' }).click();
    const verdict = panel.locator('.verdict');
    await verdict.getByRole('heading', { name: '服务器审查结果' }).waitFor({ timeout: 30_000 });
    const km2 = (await verdict.locator('.area-km2').textContent())!;
    expect(km2).toMatch(/^\d+\.\d{4} 平方千米$/);
    expect(km2).toBe(`${areaKm2.toFixed(4)} 平方千米`);
    const serverRedLine = verdict.locator('.finding[data-rule-id="ecoRedline"]');
    expect(await serverRedLine.getAttribute('data-outcome')).toBe('forbidden');
    expect(await serverRedLine.textContent()).toContain('生态保护红线');

    // The screenshot shows the live findings beside the highlighted block.
    await live.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await waitForMapIdle(page);
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });

    // A malformed list: the error names the line (line 3 is the first corner, after title and header).
    const lines = text.split('\n');
    lines[2] = lines[2].replace(/\t(\d+)\.(\d+)\t/, '\t$1x$2\t');
    await panel.getByRole('textbox', { name: '拐点坐标' }).fill(lines.join('\n'));
    await panel.getByRole('button', { name: '解析并显示' }).click();
    const listErrors = panel.locator('.corner-errors');
    await listErrors.waitFor();
    expect(await listErrors.locator('li').first().textContent()).toContain('第 3 行');

    // Uploads: a file without a polygon is refused; a block far from the county is refused by the server, inline.
    await panel.getByRole('tab', { name: '上传文件' }).click();
    const upload = panel.getByLabel('GeoJSON 或 KML 文件');
    const point = { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [108.4, 35.4] } };
    await upload.setInputFiles({ name: 'point.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(point)) });
    await panel.getByRole('alert').filter({ hasText: '文件中没有面要素' }).waitFor();
    const farAway = {
      type: 'FeatureCollection',
      features: [point, { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[114.1, 28.5], [114.11, 28.5], [114.11, 28.51], [114.1, 28.51], [114.1, 28.5]]] } }],
    };
    await upload.setInputFiles({ name: 'far.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(farAway)) });
    await panel.getByText('地块：来自上传的文件').waitFor();
    // The map flies there and fetches its tiles first: PGlite answers one query at a time.
    await waitForMapIdle(page);
    await panel.getByRole('button', { name: '正式审查' }).click();
    const refusal = panel.locator('.server-verdict .form-error');
    await panel.locator('.server-verdict').locator('.form-error, .verdict').first().waitFor({ timeout: 60_000 });
    expect(await panel.locator('.server-verdict .verdict').count(), 'a verdict for a block far from the county').toBe(0);
    const refusalText = (await refusal.textContent())!;
    expect(refusalText).toMatch(/[\u4e00-\u9fff]/);
    expect(refusalText).not.toContain('无法连接服务器');

    // Draw a small square with the mouse inside a concentrated zone: no forbidden finding, only the zone's total.
    await panel.getByRole('tab', { name: '绘制' }).click();
    await panel.getByRole('button', { name: '绘制地块' }).click();
    const zone = readLayer('concentrated_zones').features[0].geometry.coordinates[0];
    const xs = zone.map((p) => p[0]);
    const ys = zone.map((p) => p[1]);
    await page.evaluate((bounds) => window.__mpmMap!.fitBounds(bounds, { padding: 40, duration: 0 }), [
      [Math.min(...xs), Math.min(...ys)],
      [Math.max(...xs), Math.max(...ys)],
    ] as [[number, number], [number, number]]);
    await waitForMapIdle(page);
    const centre = await page.evaluate(
      ([lon, lat]) => window.__mpmMap!.project([lon, lat]),
      [xs.reduce((a, b) => a + b, 0) / xs.length, ys.reduce((a, b) => a + b, 0) / ys.length],
    );
    const canvas = (await page.locator('.maplibregl-canvas').boundingBox())!;
    const corners = [
      [-30, -30],
      [30, -30],
      [30, 30],
      [-30, 30],
      [-30, -30],
    ].map(([dx, dy]) => ({ x: canvas.x + centre.x + dx, y: canvas.y + centre.y + dy }));
    for (const { x, y } of corners) {
      await page.mouse.move(x, y, { steps: 4 });
      await page.mouse.click(x, y);
      await page.waitForTimeout(150);
    }
    await panel.getByText('地块：在地图上绘制').waitFor();
    await live.locator('.worst-outcome').waitFor();
    // 15 万吨/年 meets the zone's minimum scale (13) but alone passes its 开采总量 (13): 限制, nothing 禁止.
    await expect
      .poll(async () => (await live.locator('.finding').evaluateAll((items) => items.map((li) => li.getAttribute('data-rule-id')))).sort())
      .toEqual(['concentratedZoneExtraction']);
    expect(await live.locator('.finding[data-outcome="forbidden"]').count()).toBe(0);
    expect(await live.locator('.area-km2').textContent()).toMatch(/^0\.\d{4} 平方千米$/);

    await context.close();
    expect(requests.external(), 'requests that left the machine').toEqual([]);
    expect(errors, 'errors on the page').toEqual([]);
  }, 240_000);
});

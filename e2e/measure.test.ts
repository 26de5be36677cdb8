import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ellipsoidalAreaM2, gkToLonLat, lonLatToGk } from '@mpm/geo';
import { ZONE_36 } from './helpers/corner-list.ts';
import { collectErrors, signIn } from './helpers/inspector.ts';
import { recordRequests, useServerAndBrowser, waitForMapIdle } from './helpers/browser.ts';
import { REPO_ROOT } from './helpers/paths.ts';
import { TEST_ADMIN_PASSWORD } from './helpers/server.ts';

const SHOT = path.join(REPO_ROOT, 'test-results/measure.png');

const suite = useServerAndBrowser();

/** Near the demo county's centre, inside its boundary. */
const CENTRE: [number, number] = [108.42, 35.48];

/** Corners of a square of `sideM` metres on the zone-36 grid, centred on `centre`, counter-clockwise from south-west. */
function gridSquare(centre: readonly [number, number], sideM: number): [number, number][] {
  const c = lonLatToGk(centre, ZONE_36);
  const h = sideM / 2;
  return [
    [-h, -h],
    [-h, h],
    [h, h],
    [h, -h],
  ].map(([dn, de]) => gkToLonLat({ northingM: c.northingM + dn, eastingM: c.eastingM + de }, ZONE_36) as [number, number]);
}

/** Fits the map to `positions` and returns their page coordinates. */
async function onScreen(page: Page, positions: readonly [number, number][]): Promise<{ x: number; y: number }[]> {
  const xs = positions.map((p) => p[0]);
  const ys = positions.map((p) => p[1]);
  await page.evaluate((bounds) => window.__mpmMap!.fitBounds(bounds, { padding: 150, duration: 0 }), [
    [Math.min(...xs), Math.min(...ys)],
    [Math.max(...xs), Math.max(...ys)],
  ] as [[number, number], [number, number]]);
  await waitForMapIdle(page);
  const canvas = (await page.locator('.maplibregl-canvas').boundingBox())!;
  const points = await page.evaluate((list) => list.map((p) => window.__mpmMap!.project(p)), positions as [number, number][]);
  return points.map((p) => ({ x: canvas.x + p.x, y: canvas.y + p.y }));
}

async function clickAt(page: Page, { x, y }: { x: number; y: number }) {
  await page.mouse.move(x, y, { steps: 3 });
  await page.mouse.click(x, y);
  await page.waitForTimeout(120);
}

/** The figure in a shown text such as `1.00 平方千米` or `1,000,000 平方米`. */
const figure = (text: string | null) => Number((text ?? '').replace(/[^\d.]/g, ''));

describe('measuring on the map (量算) in a real browser', () => {
  it('measures a 1 km² square as 1.00 km² for a visitor, live while drawing, and clears it', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
    const requests = recordRequests(context);
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(suite.server.url);
    await waitForMapIdle(page);

    const square = gridSquare(CENTRE, 1000);
    const trueAreaM2 = ellipsoidalAreaM2({ type: 'Polygon', coordinates: [[...square, square[0]]] });
    expect(trueAreaM2 / 1e6).toBeCloseTo(1, 3);

    await page.getByRole('toolbar', { name: '地图工具' }).getByRole('button', { name: '测面' }).click();
    const card = page.getByRole('region', { name: '量算面积' });
    await card.getByText('在地图上单击放置起点。').waitFor();
    const corners = await onScreen(page, square);
    for (const corner of corners.slice(0, 3)) await clickAt(page, corner);

    // Live: the pointer on the fourth corner shows the running area beside it.
    await page.mouse.move(corners[3].x, corners[3].y, { steps: 4 });
    const tip = page.locator('.measure-tip');
    await expect.poll(() => tip.textContent()).toMatch(/亩 · 0\.99\d* 平方千米|亩 · 1\.0\d* 平方千米/);

    await clickAt(page, corners[3]);
    // Clicking the first corner closes the ring.
    await clickAt(page, corners[0]);
    await expect.poll(() => card.getAttribute('data-finished')).toBe('true');
    const km2 = await card.locator('li[data-unit="km2"]').textContent();
    expect(km2).toBe('1.00 平方千米');
    const m2 = figure(await card.locator('li[data-unit="m2"]').textContent());
    expect(Math.abs(m2 / trueAreaM2 - 1)).toBeLessThan(0.005);
    expect(Math.abs(figure(await card.locator('li[data-unit="mu"]').textContent()) / 1500 - 1)).toBeLessThan(0.005);
    expect(figure(await card.locator('li[data-unit="ha"]').textContent())).toBeCloseTo(100, -0.3);
    expect(figure(await card.locator('[data-figure="perimeter"]').textContent())).toBeCloseTo(4, 1);
    // Clicks measured; they opened no feature popup.
    expect(await page.locator('.feature-popup').count()).toBe(0);
    fs.mkdirSync(path.dirname(SHOT), { recursive: true });
    await page.screenshot({ path: SHOT });

    await card.getByRole('button', { name: '清除' }).click();
    await expect.poll(() => card.locator('li[data-unit="km2"]').count()).toBe(0);
    // The map's GeoJSON source takes its new data in a worker: it is empty once that answered.
    await expect.poll(() => page.evaluate(() => window.__mpmMap!.querySourceFeatures('measure:shape').length)).toBe(0);
    await card.getByRole('button', { name: '关闭' }).click();
    await expect.poll(() => page.locator('.measure-card').count()).toBe(0);
    await expect.poll(() => page.evaluate(() => !!window.__mpmMap!.getLayer('measure:fill'))).toBe(false);

    await context.close();
    expect(requests.external(), 'requests that left the machine').toEqual([]);
    expect(errors, 'errors on the page').toEqual([]);
  });

  it('measures a distance in plan and inspect mode, with the modes\' own tools stepping aside', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(suite.server.url);
    await waitForMapIdle(page);
    await signIn(page, { username: 'admin', password: TEST_ADMIN_PASSWORD });

    const modes = page.getByRole('group', { name: '模式' });
    const tools = page.getByRole('toolbar', { name: '地图工具' });
    const side = gridSquare(CENTRE, 2000).slice(0, 2);
    for (const mode of ['规划', '巡查']) {
      await modes.getByRole('button', { name: mode }).click();
      await waitForMapIdle(page);
      await tools.getByRole('button', { name: '测距' }).click();
      const card = page.getByRole('region', { name: '量算距离' });
      const [a, b] = await onScreen(page, side);
      await clickAt(page, a);
      await clickAt(page, b);
      // A double-click finishes the line (and does not zoom).
      const zoom = await page.evaluate(() => window.__mpmMap!.getZoom());
      await page.mouse.dblclick(b.x, b.y);
      await expect.poll(() => card.getAttribute('data-finished')).toBe('true');
      expect(await page.evaluate(() => window.__mpmMap!.getZoom())).toBe(zoom);
      const length = await card.locator('[data-figure="length"]').textContent();
      expect(length).toMatch(/^\d\.\d{3} 千米$/);
      expect(Math.abs(figure(length) / 2 - 1), `${mode}: ${length}`).toBeLessThan(0.005);
      await tools.getByRole('button', { name: '测距' }).click();
      await expect.poll(() => card.count()).toBe(0);
    }
    // In inspect mode, the clicks measured and checked no site.
    expect(await page.locator('.site-card').count()).toBe(0);

    await context.close();
    expect(errors, 'errors on the page').toEqual([]);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './helpers/paths.ts';
import { useServerAndBrowser, waitForMapIdle } from './helpers/browser.ts';
import { collectErrors, signIn } from './helpers/inspector.ts';
import { TEST_ADMIN_PASSWORD } from './helpers/server.ts';

const suite = useServerAndBrowser();

const readLayer = (id: string) =>
  JSON.parse(fs.readFileSync(path.join(REPO_ROOT, `data/demo/${id}.geojson`), 'utf8')) as GeoJSON.FeatureCollection<GeoJSON.Polygon>;

/** The outer rings terra-draw holds on the map (its polygon source), corners in lon/lat. */
const drawnRings = (page: Page) =>
  page.evaluate(async () => {
    const source = window.__mpmMap!.getSource('td-polygon') as unknown as { getData(): Promise<GeoJSON.FeatureCollection> } | undefined;
    if (!source) return [];
    const data = await source.getData();
    return data.features
      .filter((f) => f.geometry.type === 'Polygon' && f.properties?.mode === 'polygon')
      .map((f) => (f.geometry as GeoJSON.Polygon).coordinates[0]);
  });

describe('drawing a block in plan mode as in a desktop GIS', () => {
  it('snaps a corner onto a zone corner, shows area and sides while drawing, closes with Enter, and undoes and redoes a corner drag', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(suite.server.url);
    await waitForMapIdle(page);
    await signIn(page, { username: 'admin', password: TEST_ADMIN_PASSWORD });
    await page.getByRole('group', { name: '模式' }).getByRole('button', { name: '规划' }).click();
    const panel = page.getByRole('complementary', { name: '规划审查' });
    await panel.locator('.ruleset-title').waitFor();
    await panel.getByRole('tab', { name: '绘制' }).click();

    // The help lists the shortcuts and the snapping.
    await panel.getByText('快捷键').click();
    for (const key of ['Ctrl+Z', 'Ctrl+Shift+Z / Ctrl+Y', 'Enter', 'Esc', 'Delete']) await panel.locator('kbd', { hasText: key }).first().waitFor();
    await panel.getByText('拐点在 10 像素内自动吸附到已有分区、矿业权的拐点，其次是边线。').waitFor();

    // Zoom to a corner of a concentrated zone (a plan zone the block is checked against).
    const zoneCorner = readLayer('concentrated_zones').features[0].geometry.coordinates[0][0] as [number, number];
    await page.evaluate((c) => window.__mpmMap!.jumpTo({ center: c, zoom: 15 }), zoneCorner);
    await waitForMapIdle(page);
    await panel.getByRole('button', { name: '绘制地块' }).click();
    const canvas = (await page.locator('.maplibregl-canvas').boundingBox())!;
    const at = await page.evaluate((c) => window.__mpmMap!.project(c), zoneCorner);
    // The first corner is clicked 5 px from the zone's corner; the others 80 px apart.
    const clicks = [
      [4, 3],
      [84, 3],
      [84, 83],
      [4, 83],
    ].map(([dx, dy]) => ({ x: canvas.x + at.x + dx, y: canvas.y + at.y + dy }));
    for (const [i, { x, y }] of clicks.entries()) {
      await page.mouse.move(x, y, { steps: 4 });
      await page.mouse.click(x, y);
      await page.waitForTimeout(150);
      if (i === 2) {
        // Three corners and the pointer: area in 亩 and m², and each side's length, while drawing.
        const figures = panel.locator('.draw-figures');
        await expect.poll(() => figures.locator('[data-unit="mu"]').textContent()).toMatch(/^\d+(\.\d+)? 亩$/);
        expect(await figures.locator('[data-unit="m2"]').textContent()).toMatch(/平方米$/);
        expect(await figures.locator('.draw-sides li').first().textContent()).toMatch(/^边 1–2：\d+(\.\d) 米$/);
      }
    }
    await page.keyboard.press('Enter');
    await panel.getByText('地块：在地图上绘制').waitFor();
    await expect.poll(async () => (await drawnRings(page)).length).toBe(1);
    const drawn = (await drawnRings(page))[0];
    expect(drawn).toHaveLength(5);
    // Snapped: the first corner is the zone's corner exactly.
    expect(drawn[0]).toEqual(zoneCorner);
    expect(await panel.locator('.draw-sides li').count()).toBe(4);

    // Closing switched to editing corners: drag the third corner 40 px right.
    await expect.poll(() => panel.getByRole('button', { name: '编辑拐点' }).getAttribute('aria-pressed')).toBe('true');
    const third = await page.evaluate((p) => window.__mpmMap!.project(p as [number, number]), drawn[2]);
    await page.mouse.move(canvas.x + third.x, canvas.y + third.y, { steps: 3 });
    await page.mouse.down();
    await page.mouse.move(canvas.x + third.x + 40, canvas.y + third.y, { steps: 8 });
    await page.mouse.up();
    await expect.poll(async () => JSON.stringify((await drawnRings(page))[0])).not.toBe(JSON.stringify(drawn));
    const dragged = (await drawnRings(page))[0];
    const areaAfterDrag = await panel.locator('.area-km2').textContent();

    // Ctrl+Z restores the ring as it was before the drag; the block checked is that ring again.
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await drawnRings(page))[0]).toEqual(drawn);
    await expect.poll(() => panel.getByRole('button', { name: '重做' }).isEnabled()).toBe(true);
    await expect.poll(() => panel.locator('.area-km2').textContent()).not.toBe(areaAfterDrag);
    // Ctrl+Shift+Z puts the drag back; the 撤销 button undoes it again.
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(async () => (await drawnRings(page))[0]).toEqual(dragged);
    await expect.poll(() => panel.locator('.area-km2').textContent()).toBe(areaAfterDrag);
    await panel.getByRole('button', { name: '撤销' }).click();
    await expect.poll(async () => (await drawnRings(page))[0]).toEqual(drawn);

    await context.close();
    expect(errors, 'errors on the page').toEqual([]);
  }, 180_000);
});

import fs from 'node:fs';
import path from 'node:path';
import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { useServerAndBrowser, waitForMapIdle } from './helpers/browser.ts';
import { freeFraction, PHONE, within } from './helpers/phone.ts';
import { REPO_ROOT } from './helpers/paths.ts';

const suite = useServerAndBrowser();

describe('public restoration page, rough edges of issue #12', () => {
  it('in English the restoration target table shows its headers whole, without scrolling sideways', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(suite.server.url);
    await waitForMapIdle(page);
    if ((await page.getByRole('button', { name: 'English' }).count()) > 0) await page.getByRole('button', { name: 'English' }).click();
    const panel = page.getByRole('complementary', { name: 'Restoration progress' });
    await panel.waitFor();
    if ((await panel.getByRole('button', { name: 'Unfold' }).count()) > 0) await panel.getByRole('button', { name: 'Unfold' }).click();
    const table = panel.locator('.target-table');
    await table.locator('tbody tr').first().waitFor();
    await table.scrollIntoViewIfNeeded();
    const headers = await table.locator('thead th').evaluateAll((cells) => cells.map((c) => ({ text: c.textContent, cut: c.scrollWidth > c.clientWidth + 1 })));
    expect(headers.map((h) => h.text)).toContain('Done to date');
    expect(headers.filter((h) => h.cut)).toEqual([]);
    const sideways = await table.evaluate((t) => {
      const box = t.closest('.table-scroll') ?? t.parentElement!;
      return box.scrollWidth - box.clientWidth;
    });
    expect(sideways).toBeLessThanOrEqual(1);
    await context.close();
  }, 120_000);
});

describe('public door on a phone, rough edges of issue #12', () => {
  it('leaves most of the map free at first, opens the whole tip-off form with one tap, and keeps the marked place above the sheet', async () => {
    // The southernmost township: at the county view it lies where the unfolded sheet would cover it.
    const townships = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data/demo/townships.geojson'), 'utf8')) as GeoJSON.FeatureCollection<GeoJSON.Polygon>;
    const south = townships.features.sort((a, b) => turf.centroid(a).geometry.coordinates[1] - turf.centroid(b).geometry.coordinates[1])[0];
    const [longitude, latitude] = turf.pointOnFeature(south).geometry.coordinates;
    const context = await suite.browser.newContext({
      ...PHONE,
      locale: 'zh-CN',
      geolocation: { longitude, latitude, accuracy: 10 },
      permissions: ['geolocation'],
    });
    const page = await context.newPage();
    await page.goto(suite.server.url);
    await waitForMapIdle(page);
    const panel = page.getByRole('complementary', { name: '矿山恢复治理进展' });
    const map = (await page.locator('.map-view').boundingBox())!;
    expect(freeFraction(map, (await panel.boundingBox())!)).toBeGreaterThan(0.75);

    // One tap: the form, its first controls in view at once, every control reachable inside the sheet.
    await panel.getByRole('button', { name: '我要举报' }).tap();
    const form = panel.getByRole('form', { name: '举报' });
    const sheet = (await panel.boundingBox())!;
    expect(within(sheet, (await form.getByRole('button', { name: '在地图上标注位置' }).boundingBox())!)).toBe(true);
    for (const control of [form.getByRole('textbox').first(), form.getByRole('button', { name: '提交举报' })]) {
      await control.scrollIntoViewIfNeeded();
      expect(within(sheet, (await control.boundingBox())!)).toBe(true);
    }
    expect(await form.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);

    // My position: the pin's tip lies on the map above the sheet, not behind it.
    await form.getByRole('button', { name: '使用我的位置' }).tap();
    await form.locator('.place-set').waitFor();
    await waitForMapIdle(page);
    const pin = (await page.locator('.tip-off-marker').boundingBox())!;
    const tip = { x: pin.x + pin.width / 2, y: pin.y + pin.height - 2 };
    const sheetNow = (await panel.boundingBox())!;
    expect(tip.y).toBeLessThan(sheetNow.y);
    expect(tip.y).toBeGreaterThan(map.y);
    expect(tip.x).toBeGreaterThan(0);
    expect(tip.x).toBeLessThan(PHONE.viewport.width);
    await context.close();
  }, 90_000);
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import type { Page } from 'playwright-core';
import { useServerAndBrowser, waitForMapIdle } from './helpers/browser.ts';
import { collectErrors } from './helpers/inspector.ts';
import { REPO_ROOT } from './helpers/paths.ts';

const rights = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data', 'demo', 'mining_rights.geojson'), 'utf8')) as GeoJSON.FeatureCollection;
/** The demo's most recently registered mining right, and the day before it was. */
const latest = [...rights.features].sort((a, b) => String(a.properties!.validFrom).localeCompare(String(b.properties!.validFrom))).at(-1)!;
const licenceNo = String(latest.properties!.licenceNo);
const dayBefore = new Date(Date.parse(`${latest.properties!.validFrom}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const [lon, lat] = turf.centroid(latest).geometry.coordinates;

const suite = useServerAndBrowser();

/** Licence numbers of the mining rights the map's source holds now (what the tiles say). */
const licencesOnMap = (page: Page) =>
  page.evaluate(() =>
    [...new Set(window.__mpmMap!.querySourceFeatures('mining_rights', { sourceLayer: 'mining_rights' }).map((f) => String(f.properties.licenceNo)))].sort(),
  );

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

import fs from 'node:fs';
import path from 'node:path';
import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/paths.ts';
import { recordRequests, useServerAndBrowser, waitForMapIdle } from './helpers/browser.ts';
import { collectErrors, createInspector, signIn } from './helpers/inspector.ts';

const SCREENSHOT = path.join(REPO_ROOT, 'test-results/inspect-phone.png');
const VIEWPORT = { width: 390, height: 844 };

/** Where the phone is: inside the 党家村 concentrated mining zone (demo data). */
const zone = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data/demo/concentrated_zones.geojson'), 'utf8')) as GeoJSON.FeatureCollection<GeoJSON.Polygon>;
const [PHONE_LON, PHONE_LAT] = turf.pointOnFeature(zone.features[0]).geometry.coordinates;

const suite = useServerAndBrowser();

describe('inspect mode (巡查) on a phone', () => {
  it('is a bottom sheet over the map; my position and a tap on the map each give a site card', async () => {
    const inspector = await createInspector(suite.server.url, 'inspector-phone');
    const context = await suite.browser.newContext({
      viewport: VIEWPORT,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      geolocation: { longitude: PHONE_LON, latitude: PHONE_LAT, accuracy: 12 },
      permissions: ['geolocation'],
    });
    const requests = recordRequests(context);
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(suite.server.url);
    await waitForMapIdle(page);
    await signIn(page, inspector);
    await page.getByRole('group', { name: '模式' }).getByRole('button', { name: '巡查' }).click();
    const panel = page.getByRole('complementary', { name: '执法巡查' });
    await panel.getByRole('button', { name: '使用我的位置' }).waitFor();

    // A bottom sheet: along the bottom edge, at most 60 % of the height, the map usable above it.
    const sheet = (await panel.boundingBox())!;
    expect(sheet.x).toBe(0);
    expect(sheet.width).toBe(VIEWPORT.width);
    expect(Math.round(sheet.y + sheet.height)).toBe(VIEWPORT.height);
    expect(sheet.height).toBeLessThanOrEqual(VIEWPORT.height * 0.6 + 1);
    const map = (await page.locator('.map-view').boundingBox())!;
    expect(sheet.y - map.y).toBeGreaterThan(250);

    // My position: the site card of the zone the phone stands in, readable without sideways scrolling.
    await panel.getByRole('button', { name: '使用我的位置' }).click();
    const card = panel.locator('.site-card');
    await card.waitFor({ timeout: 30_000 });
    expect(await card.textContent()).toContain('我的位置');
    expect(await card.locator('.site-zones li[data-collection="concentrated_zones"]').count()).toBe(1);
    expect(await card.locator('.site-decimal').textContent()).toBe(`${PHONE_LON.toFixed(6)}, ${PHONE_LAT.toFixed(6)}`);
    expect(await panel.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    // The whole page, header included (mode switch, language, sign-out), fits the phone's width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(VIEWPORT.width);
    expect(await page.getByRole('button', { name: '退出登录' }).evaluate((el) => el.getBoundingClientRect().right)).toBeLessThanOrEqual(
      VIEWPORT.width,
    );
    expect(await card.evaluate((el) => el.scrollWidth <= el.clientWidth && el.getBoundingClientRect().right <= window.innerWidth)).toBe(true);

    // Touch targets of at least 44 px.
    const small = await panel.evaluate((root) =>
      [...root.querySelectorAll<HTMLElement>('button, select, summary, a, input:not([type="file"]):not([type="checkbox"])')]
        .filter((el) => el.offsetParent !== null)
        .map((el) => ({ text: (el.textContent || el.getAttribute('aria-label') || el.tagName).trim().slice(0, 20), height: el.getBoundingClientRect().height }))
        .filter(({ height }) => height < 44),
    );
    expect(small, 'touch targets under 44 px').toEqual([]);

    // Folded, the sheet leaves the map free; a tap on the map picks the site there and unfolds it.
    await panel.getByRole('button', { name: '收起面板' }).click();
    await expect.poll(async () => (await panel.boundingBox())!.height).toBeLessThan(160);
    await waitForMapIdle(page);
    const tapAt = { x: VIEWPORT.width / 2, y: map.y + 200 };
    const tapped = await page.evaluate(
      ({ x, y, top }) => window.__mpmMap!.unproject([x, y - top]).toArray(),
      { ...tapAt, top: map.y },
    );
    await page.touchscreen.tap(tapAt.x, tapAt.y);
    await card.filter({ hasText: '地图点选' }).waitFor({ timeout: 30_000 });
    const [lonText, latText] = (await card.locator('.site-decimal').textContent())!.split(', ');
    expect(Number(lonText)).toBeCloseTo(tapped[0], 4);
    expect(Number(latText)).toBeCloseTo(tapped[1], 4);
    expect(await panel.getByRole('button', { name: '收起面板' }).count()).toBe(1);
    // The card scrolls into view inside the sheet; the page itself stays put.
    expect(await page.evaluate(() => window.scrollY)).toBe(0);

    await waitForMapIdle(page);
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });

    await context.close();
    expect(requests.external(), 'requests that left the machine').toEqual([]);
    expect(errors, 'errors on the page').toEqual([]);
  }, 90_000);
});

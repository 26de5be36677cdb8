import fs from 'node:fs';
import path from 'node:path';
import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/paths.ts';
import { recordRequests, useServerAndBrowser, waitForMapIdle } from './helpers/browser.ts';
import { collectErrors, createInspector, loginCookie, signIn } from './helpers/inspector.ts';
import { freeFraction, PHONE } from './helpers/phone.ts';

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
    // The sheet opens folded, the county in view; one tap unfolds it.
    await panel.getByRole('button', { name: '展开面板' }).waitFor();
    expect(freeFraction((await page.locator('.map-view').boundingBox())!, (await panel.boundingBox())!)).toBeGreaterThan(0.75);
    await panel.getByRole('button', { name: '展开面板' }).tap();
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
    // The padding that kept my position above the open sheet goes with it: later moves centre on the map left free.
    const foldedHeight = (await panel.boundingBox())!.height;
    await expect.poll(() => page.evaluate(() => window.__mpmMap!.getPadding().bottom)).toBeLessThanOrEqual(foldedHeight + 40);
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

  it('keeps a site tapped low on the map in view as the sheet unfolds, and lists the patch and ledger entry there', async () => {
    const inspector = await createInspector(suite.server.url, 'inspector-records');
    const cookie = await loginCookie(suite.server.url, inspector.username, inspector.password);
    const classes = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data/demo/expected-patch-classes.json'), 'utf8')) as Record<string, string>;
    const demoPatches = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data/demo/change_patches.geojson'), 'utf8')) as GeoJSON.FeatureCollection<GeoJSON.Polygon>;
    const demoPatch = demoPatches.features.find((f) => classes[String(f.properties!.code)] === 'unlicensed')!;
    const code = String(demoPatch.properties!.code);
    const patches = (await (await fetch(`${suite.server.url}/api/patches`, { headers: { cookie } })).json()) as { features: { id: number; properties: { code: string } }[] };
    const patchId = patches.features.find((f) => f.properties.code === code)!.id;
    const created = await fetch(`${suite.server.url}/api/ledger`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ title: `图斑 ${code} 核查`, source: 'patch', patchId, geometry: demoPatch.geometry, violationType: 'noLicence' }),
    });
    expect(created.status).toBe(201);
    const entryId = ((await created.json()) as { id: number }).id;

    const context = await suite.browser.newContext({ ...PHONE, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(suite.server.url);
    await waitForMapIdle(page);
    await signIn(page, inspector);
    await page.getByRole('group', { name: '模式' }).getByRole('button', { name: '巡查' }).click();
    const panel = page.getByRole('complementary', { name: '执法巡查' });
    await panel.getByRole('button', { name: /展开面板|收起面板/ }).waitFor();
    if ((await panel.getByRole('button', { name: '收起面板' }).count()) > 0) await panel.getByRole('button', { name: '收起面板' }).tap();
    await expect.poll(async () => (await panel.boundingBox())!.height).toBeLessThan(200);

    // The patch's inner point brought just above the folded sheet, and tapped there.
    const inner = turf.pointOnFeature(demoPatch).geometry.coordinates as [number, number];
    const map = (await page.locator('.map-view').boundingBox())!;
    const folded = (await panel.boundingBox())!;
    const targetY = folded.y - 60 - map.y;
    await page.evaluate(
      ({ inner, dy }) => window.__mpmMap!.jumpTo({ center: inner, zoom: 16, padding: { top: 0, bottom: 0, left: 0, right: 0 } }) && window.__mpmMap!.panBy([0, -dy], { duration: 0 }),
      { inner, dy: targetY - map.height / 2 },
    );
    await waitForMapIdle(page);
    const at = await page.evaluate((inner) => window.__mpmMap!.project(inner), inner);
    await page.touchscreen.tap(at.x, at.y + map.y);

    const card = panel.locator('.site-card');
    await card.filter({ hasText: '地图点选' }).waitFor({ timeout: 30_000 });
    const patchItem = card.locator(`.site-patches li[data-patch-id="${patchId}"]`);
    expect(await patchItem.textContent()).toContain(code);
    expect(await patchItem.textContent()).toContain('在站点处');
    const entryItem = card.locator(`.site-entries li[data-entry-id="${entryId}"]`);
    expect(await entryItem.textContent()).toContain(`#${entryId}`);
    expect(await entryItem.textContent()).toContain('无证开采');

    // The tapped site stays on the map above the unfolded sheet.
    await waitForMapIdle(page);
    const site = await page.evaluate((inner) => window.__mpmMap!.project(inner), inner);
    const sheet = (await panel.boundingBox())!;
    expect(site.y + map.y).toBeLessThan(sheet.y);
    expect(site.y).toBeGreaterThan(0);

    // The entry is one tap from the card.
    await entryItem.getByRole('button').tap();
    await expect.poll(() => page.getByRole('tab', { name: '问题台账' }).getAttribute('aria-selected')).toBe('true');
    await panel.getByText(`图斑 ${code} 核查`).first().waitFor();
    await context.close();
  }, 90_000);
});

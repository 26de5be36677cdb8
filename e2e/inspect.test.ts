import fs from 'node:fs';
import path from 'node:path';
import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './helpers/paths.ts';
import { formatDms } from '@mpm/geo';
import { recordRequests, useServerAndBrowser, waitForMapIdle } from './helpers/browser.ts';
import { collectErrors, createInspector, loginCookie, signIn } from './helpers/inspector.ts';

const readLayer = (id: string) =>
  JSON.parse(fs.readFileSync(path.join(REPO_ROOT, `data/demo/${id}.geojson`), 'utf8')) as GeoJSON.FeatureCollection<
    GeoJSON.Polygon | GeoJSON.MultiPolygon
  >;
const EXPECTED_CLASSES = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data/demo/expected-patch-classes.json'), 'utf8')) as Record<string, string>;
const CLASSES = ['legal', 'out_of_bounds', 'unlicensed', 'expired', 'protected_zone', 'mining_under_exploration', 'cover_mining', 'closed_then_mined'];
const ROUND = '2026年第一季度（测试）';

/** A new round: one demo patch of each class, under new codes (the demo patches are loaded already). */
function testRound(): GeoJSON.FeatureCollection {
  const demo = readLayer('change_patches').features;
  const features = CLASSES.map((cls, i) => {
    const source = demo.find((f) => EXPECTED_CLASSES[String(f.properties!.code)] === cls)!;
    return { type: 'Feature' as const, geometry: source.geometry, properties: { code: `T2026-00${i + 1}`, detectionRound: ROUND, detectedOn: '2026-02-10' } };
  });
  return { type: 'FeatureCollection', features };
}

const suite = useServerAndBrowser();

/** Distinct classes of the patches MapLibre draws in inspect mode's patch layer. */
const renderedClasses = (page: Page) =>
  page.evaluate(() => {
    const map = window.__mpmMap!;
    if (!map.getLayer('inspect:patches-fill')) return [];
    return [...new Set(map.queryRenderedFeatures({ layers: ['inspect:patches-fill'] }).map((f) => String(f.properties.classification)))].sort();
  });

describe('inspect mode (巡查) on a desktop', () => {
  it('checks a typed site, prints its card, classifies a round of patches, turns one into a lead and works the ledger', async () => {
    const inspector = await createInspector(suite.server.url, 'inspector-desk');
    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    // window.print() opens no dialog headless; record what would be printed instead.
    await context.addInitScript(() => {
      window.print = () => {
        const root = document.getElementById('root')!;
        const card = document.querySelector('.print-root .site-card');
        (window as unknown as { __printed: unknown[] }).__printed = [
          ...((window as unknown as { __printed?: unknown[] }).__printed ?? []),
          {
            rootShown: getComputedStyle(root).display !== 'none',
            cardShown: !!card && getComputedStyle(card).display !== 'none',
            text: card?.textContent ?? '',
            snapshot: document.querySelector<HTMLImageElement>('.print-root img')?.src.slice(0, 15) ?? null,
          },
        ];
      };
    });
    const requests = recordRequests(context);
    const page = await context.newPage();
    // The stale edit below is refused with 409 on purpose; the browser logs that response.
    const errors = collectErrors(page, (text, url) => /status of 409/.test(text) && /\/api\/ledger\/\d+$/.test(url));
    await page.goto(suite.server.url);
    await waitForMapIdle(page);
    await signIn(page, inspector);
    await page.getByRole('group', { name: '模式' }).getByRole('button', { name: '巡查' }).click();
    const panel = page.getByRole('complementary', { name: '执法巡查' });

    // A point inside the red line, longitude typed in DMS and latitude in decimal degrees.
    const [lon, lat] = turf.pointOnFeature(readLayer('eco_redline').features[0]).geometry.coordinates;
    await panel.getByText('输入坐标').click();
    await panel.getByLabel('经度').fill(formatDms(lon, 'lon'));
    await panel.getByLabel('纬度').fill(lat.toFixed(6));
    await panel.getByRole('button', { name: '核查此点' }).click();
    const card = panel.locator('.site-card');
    await card.waitFor({ timeout: 30_000 });
    expect(await card.locator('.site-zones li[data-collection="eco_redline"]').count()).toBe(1);
    expect(await card.locator('.site-zones').textContent()).toContain('生态保护红线');
    expect(await card.locator('.finding').count()).toBeGreaterThan(0);
    // The nearest road of each class, the nearest railway and river, each with its buffer.
    const lines = await card.locator('.site-lines li').evaluateAll((items) => items.map((li) => li.getAttribute('data-collection')));
    expect(new Set(lines)).toEqual(new Set(['roads', 'railways', 'rivers']));
    expect(await card.locator('.site-decimal').textContent()).toBe(`${lon.toFixed(6)}, ${lat.toFixed(6)}`);
    await expect
      .poll(() => page.evaluate(() => window.__mpmMap!.queryRenderedFeatures({ layers: ['inspect:site-point'] }).length))
      .toBeGreaterThan(0);

    // Printed: the card alone, with a snapshot of the map.
    await page.emulateMedia({ media: 'print' });
    await panel.getByRole('button', { name: '打印', exact: true }).click();
    await page.waitForFunction(() => (window as unknown as { __printed?: unknown[] }).__printed?.length === 1, undefined, { timeout: 15_000 });
    await page.emulateMedia({ media: 'screen' });
    const [printed] = (await page.evaluate(() => (window as unknown as { __printed: unknown[] }).__printed)) as {
      rootShown: boolean;
      cardShown: boolean;
      text: string;
      snapshot: string | null;
    }[];
    expect(printed).toMatchObject({ rootShown: false, cardShown: true, snapshot: 'data:image/jpeg' });
    expect(printed.text).toContain('生态保护红线');
    expect(await page.locator('.print-root').count()).toBe(0);

    // A round of one patch of each class: loaded, classified, tabled and coloured on the map.
    await panel.getByRole('tab', { name: '卫片图斑' }).click();
    await panel.getByText('载入一批图斑').click();
    await panel.getByLabel('本批次的 GeoJSON 或 KML 文件').setInputFiles({
      name: 'round.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(testRound())),
    });
    await panel.getByRole('status').filter({ hasText: `已读取 ${CLASSES.length} 个图斑` }).waitFor();
    await panel.getByRole('button', { name: '载入并判定' }).click();
    await panel.getByRole('status').filter({ hasText: `已载入并判定 ${CLASSES.length} 个图斑` }).waitFor({ timeout: 30_000 });
    await panel.getByLabel('监测批次').selectOption(ROUND);
    const rows = panel.locator('.patch-table tbody tr');
    await expect.poll(() => rows.count()).toBe(CLASSES.length);
    const tableClasses = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-class')).sort());
    expect(tableClasses).toEqual([...CLASSES].sort());
    expect(await panel.locator('.patch-table').textContent()).toContain('占用保护区');
    // Seed 002's kin of unlicensed mining, each named with the licence or parcel behind it.
    const exploration = readLayer('exploration_rights').features[0].properties!.licenceNo as string;
    const revoked = readLayer('mining_rights').features.find((f) => f.properties!.rightStatus === 'revoked')!.properties!.licenceNo as string;
    expect(await panel.locator('tr[data-class="mining_under_exploration"]').textContent()).toContain('以采代探');
    expect(await panel.locator('tr[data-class="mining_under_exploration"]').textContent()).toContain(exploration);
    expect(await panel.locator('tr[data-class="closed_then_mined"]').textContent()).toContain(revoked);
    expect(await panel.locator('tr[data-class="closed_then_mined"]').textContent()).toContain('关闭后擅自生产');
    expect(await panel.locator('tr[data-class="cover_mining"]').textContent()).toContain('治理区');
    expect(await panel.locator('.class-legend li[data-class="cover_mining"]').textContent()).toContain('疑似以修复/工程名义变相采矿');
    const bounds = turf.bbox(testRound()) as [number, number, number, number];
    await page.evaluate((b) => window.__mpmMap!.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: 40, duration: 0 }), bounds);
    await waitForMapIdle(page);
    await expect.poll(() => renderedClasses(page), { timeout: 15_000 }).toEqual([...CLASSES].sort());
    const colours = await page.evaluate((classes) => {
      const expression = window.__mpmMap!.getPaintProperty('inspect:patches-fill', 'fill-color') as unknown[];
      return classes.map((c) => expression[expression.indexOf(c) + 1]);
    }, CLASSES);
    expect(new Set(colours).size).toBe(CLASSES.length);

    // The unlicensed patch becomes a lead in one click, then moves one step.
    await rows.filter({ has: page.locator('[data-class="unlicensed"]') }).getByRole('button', { name: '转为线索' }).click();
    const entry = panel.locator('.ledger-entry');
    await entry.getByRole('heading', { name: /T2026-003/ }).waitFor({ timeout: 15_000 });
    expect(await entry.getAttribute('data-status')).toBe('pending');
    expect(await entry.textContent()).toContain('卫片图斑');
    expect(await entry.getByLabel('违法类型').inputValue()).toBe('noLicence');
    await entry.getByRole('button', { name: '转为核查中' }).click();
    await expect.poll(() => entry.getAttribute('data-status')).toBe('verifying');
    expect(await entry.locator('.entry-history').textContent()).toContain('待核查 → 核查中');
    // Only an admin may declare the lead unfounded: the inspector is not offered it.
    expect(await entry.getByRole('button', { name: '转为不属实' }).count()).toBe(0);

    // Someone else edits the entry first: the browser's edit is refused and the page says to reload.
    const id = Number(await entry.getAttribute('data-entry-id'));
    const cookie = await loginCookie(suite.server.url, inspector.username, inspector.password);
    const current = (await (await fetch(`${suite.server.url}/api/ledger/${id}`, { headers: { cookie } })).json()) as { revision: number };
    const elsewhere = await fetch(`${suite.server.url}/api/ledger/${id}`, {
      method: 'PATCH',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ baseRevision: current.revision, responsibleUnit: '某镇人民政府' }),
    });
    expect(elsewhere.status).toBe(200);
    await entry.getByLabel('整改期限').fill('2026-06-30');
    await entry.getByRole('button', { name: '保存信息' }).click();
    const stale = entry.locator('.entry-problem[data-stale="true"]');
    await stale.waitFor();
    await stale.getByRole('button', { name: '重新加载' }).click();
    await stale.waitFor({ state: 'detached' });
    expect(await entry.getByLabel('责任单位').inputValue()).toBe('某镇人民政府');

    // The list, filtered by status, and its export.
    await entry.getByRole('button', { name: /返回列表/ }).click();
    await panel.getByLabel('办理状态').selectOption({ label: '核查中' });
    await expect.poll(() => panel.locator('.ledger-row').count()).toBe(1);
    const excel = await panel.getByRole('link', { name: '导出 Excel' }).getAttribute('href');
    expect(excel).toBe('/api/ledger/export.xlsx?status=verifying&lang=zh');
    const download = await page.request.get(`${suite.server.url}${excel}`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toContain('spreadsheetml');

    // The licence register: the expired clay licence, a click from its outline on the map.
    await panel.getByRole('tab', { name: '矿业权台账' }).click();
    const expired = panel.locator('#rights-expired .right-row');
    await expired.first().waitFor();
    expect(await expired.count()).toBe(1);
    await expired.first().click();
    await waitForMapIdle(page);
    await expect
      .poll(() => page.evaluate(() => window.__mpmMap!.queryRenderedFeatures({ layers: ['inspect:right-line'] }).length))
      .toBeGreaterThan(0);

    await context.close();
    expect(requests.external(), 'requests that left the machine').toEqual([]);
    expect(errors, 'errors on the page').toEqual([]);
  }, 120_000);
});

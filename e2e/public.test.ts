import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { REPO_ROOT } from './helpers/paths.ts';
import { recordRequests, useServerAndBrowser, waitForMapIdle } from './helpers/browser.ts';
import { TEST_ADMIN_PASSWORD } from './helpers/server.ts';

const SCREENSHOTS = path.join(REPO_ROOT, 'test-results');

const suite = useServerAndBrowser();

/** The Xinbin yearly targets in mu (seed 001, DOMAIN.md): production, and closed / policy-closed / abandoned mines. */
const PRODUCTION_TARGETS = { 2019: 40.4, 2020: 41.6, 2021: 106, 2022: 106 };
const CLOSED_TARGETS = { 2019: 96, 2020: 96, 2021: 36, 2022: 45 };

/** API paths only staff may use: a visitor's page never asks for them. */
const STAFF_ENDPOINT = /\/api\/(indicators|reports|rules|ledger|inspection|patches|users|settings|photos|check|proposals)\b/;

/** A valid 2 × 2 RGB PNG, made here rather than read from a file: signature, IHDR, IDAT, IEND. */
function tinyPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(2, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.from([0, 200, 60, 40, 30, 120, 60, 0, 90, 160, 70, 220, 200, 190]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

interface Visit {
  context: BrowserContext;
  page: Page;
  requests: ReturnType<typeof recordRequests>;
  /** Status codes of every answer, by URL. */
  statuses: { url: string; status: number }[];
  errors: string[];
}

async function visit(viewport = { width: 1280, height: 800 }): Promise<Visit> {
  const context = await suite.browser.newContext({ viewport, locale: 'zh-CN' });
  const requests = recordRequests(context);
  const statuses: Visit['statuses'] = [];
  context.on('response', (response) => statuses.push({ url: response.url(), status: response.status() }));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('console', (message) => {
    // The browser logs the refused fake photo below as a failed resource; that one is expected.
    const refusedPhoto = message.location().url.endsWith('/api/tip-offs') && /status of 415/.test(message.text());
    if (message.type() === 'error' && !refusedPhoto) errors.push(message.text());
  });
  await page.goto(suite.server.url);
  await waitForMapIdle(page);
  return { context, page, requests, statuses, errors };
}

/** The status each restoration parcel on the map carries in its feature-state, by feature id. */
const mapStates = (page: Page) =>
  page.evaluate(() => {
    const map = window.__mpmMap!;
    // Every layer's tiles come in one source, a source-layer per collection.
    const source = 'catalogue';
    const sourceLayer = 'restoration_parcels';
    const result: Record<string, { status: unknown; code: unknown; plannedYear: unknown }> = {};
    for (const feature of map.querySourceFeatures(source, { sourceLayer })) {
      const state = map.getFeatureState({ source, sourceLayer, id: feature.id! });
      result[String(feature.id)] = { status: state.status, code: feature.properties.code, plannedYear: feature.properties.plannedYear };
    }
    return result;
  });

/** Each parcel's status on `asOf`, as the API tells anyone. */
async function apiStates(asOf: string): Promise<Record<string, string>> {
  const response = await fetch(`${suite.server.url}/api/restoration/parcels?asOf=${asOf}`);
  expect(response.status).toBe(200);
  const { parcels } = (await response.json()) as { parcels: { id: number; status: string }[] };
  return Object.fromEntries(parcels.map((p) => [String(p.id), p.status]));
}

/**
 * How the parcels drawn on the map stand against the API's answer: those whose feature-state
 * status differs (none, when the map shows that day) and how many were compared. Tiny parcels may
 * be left out of low-zoom tiles, so only the drawn ones count.
 */
async function compareStates(page: Page, expected: Record<string, string>) {
  const states = await mapStates(page);
  const ids = Object.keys(states);
  return { compared: ids.length, differing: ids.filter((id) => states[id].status !== expected[id]) };
}
const MATCHING = { compared: expect.any(Number), differing: [] };

const STATUSES = ['planned', 'underWay', 'completed', 'accepted'];

/**
 * What the rendered style draws over the parcels besides colour: for each status, the
 * `fill-pattern` image of a layer whose opacity picks that status, and whether the map holds it
 * (with its pixels, to tell the images apart).
 */
const statusPatterns = (page: Page) =>
  page.evaluate((statuses) => {
    const map = window.__mpmMap!;
    const layers = map.getStyle().layers.filter((l) => l.type === 'fill' && 'source-layer' in l && l['source-layer'] === 'restoration_parcels');
    return statuses.map((status) => {
      const layer = layers.find((l) => l.paint?.['fill-pattern' as never] && JSON.stringify(l.paint['fill-opacity' as never]).includes(`"${status}"`));
      const image = layer ? String(layer.paint!['fill-pattern' as never]) : null;
      const data = image ? map.getImage(image)?.data.data : undefined;
      return { status, image, pixels: data ? Array.from(data).join(',') : null };
    });
  }, STATUSES);

describe('public mode (公众) in a real browser', () => {
  it('shows restoration by year, targets and discrepancies, keeps the view in the URL, and takes a tip-off', async () => {
    const v = await visit();
    const { page } = v;
    const panel = page.getByRole('complementary', { name: '矿山恢复治理进展' });
    await panel.waitFor();
    const slider = panel.getByRole('slider', { name: '年份' });

    // The year slider recolours the parcels through feature-state, as the API says they stood.
    await slider.fill('2022');
    const end2022 = await apiStates('2022-12-31');
    await expect.poll(() => compareStates(page, end2022), { timeout: 15_000 }).toEqual(MATCHING);
    await slider.fill('2019');
    const end2019 = await apiStates('2019-12-31');
    await expect.poll(() => compareStates(page, end2019), { timeout: 15_000 }).toEqual(MATCHING);
    const { compared } = await compareStates(page, end2019);
    expect(compared).toBeGreaterThan(10);
    // Colour is not all: each status has a pattern of its own on the map, and the key shows it.
    const patterns = await statusPatterns(page);
    expect(patterns.map((p) => p.image).filter(Boolean), 'status patterns').toHaveLength(STATUSES.length);
    expect(new Set(patterns.map((p) => p.image)).size).toBe(STATUSES.length);
    expect(patterns.every((p) => p.pixels), 'pattern images on the map').toBe(true);
    expect(new Set(patterns.map((p) => p.pixels)).size).toBe(STATUSES.length);
    const keyed = await panel.locator('.status-key li').evaluateAll((items) =>
      items.map((li) => [li.getAttribute('data-status'), li.querySelector('[data-pattern]')?.getAttribute('data-pattern')]),
    );
    expect(keyed).toEqual(patterns.map((p) => [p.status, p.image]));
    // The two years differ on the map itself, not only in the API.
    expect((await compareStates(page, end2022)).differing.length).toBeGreaterThan(0);
    // Independently of the API: parcels planned for 2022 had not started at the end of 2019, and
    // ZL2022-02 (accepted 2022-11-08 in the demo data) is accepted by the end of 2022.
    const states2019 = await mapStates(page);
    const planned2022 = Object.values(states2019).filter((s) => s.plannedYear === 2022);
    expect(planned2022.length).toBeGreaterThan(0);
    expect(planned2022.every((s) => s.status === 'planned')).toBe(true);
    const zl2022_02 = Object.entries(states2019).find(([, s]) => s.code === 'ZL2022-02');
    expect(zl2022_02 && end2022[zl2022_02[0]]).toBe('accepted');
    await expect.poll(() => panel.locator('.status-key li[data-status="planned"]').getAttribute('data-parcels')).toBe(
      String(Object.values(end2019).filter((s) => s === 'planned').length),
    );

    // The yearly targets by category group, in the table and in the chart, are the seed's.
    const targetsIn = async (group: 'production' | 'closed') => {
      const rows = panel.locator('.target-table tbody tr');
      await rows.first().waitFor();
      const figures: Record<string, number> = {};
      for (const row of await rows.all()) {
        const category = (await row.getAttribute('data-category'))!;
        if ((group === 'production') !== (category === 'production')) continue;
        figures[(await row.getAttribute('data-year'))!] = Number(await row.getAttribute('data-target-mu'));
      }
      return figures;
    };
    expect(await targetsIn('production')).toEqual(PRODUCTION_TARGETS);
    expect(await targetsIn('closed')).toEqual(CLOSED_TARGETS);
    const chart = panel.locator('figure[data-chart="yearly"]');
    await chart.locator('canvas').first().waitFor();
    const charted = JSON.parse((await chart.getAttribute('data-targets'))!) as Record<string, number[]>;
    expect(charted.production).toEqual(Object.values(PRODUCTION_TARGETS));
    const closedKey = Object.keys(charted).find((key) => key.includes('policyClosed'))!;
    expect(charted[closedKey]).toEqual(Object.values(CLOSED_TARGETS));

    // The stated five-year total and the sum of the yearly rows disagree: both are shown.
    const flagged = panel.locator('.discrepancy-box');
    await flagged.waitFor();
    expect(await flagged.textContent()).toContain('文件所列合计 697 亩，分项之和 567 亩，相差 130 亩');
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'public.png') });

    // The view goes into the URL; a reload brings back year, layers and map position.
    await page.getByRole('checkbox', { name: '砂石土集中开采区' }).uncheck();
    const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -300);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 120, box.y + box.height / 2 + 60, { steps: 8 });
    await page.mouse.up();
    await waitForMapIdle(page);
    const camera = () =>
      page.evaluate(() => ({ ...window.__mpmMap!.getCenter(), zoom: window.__mpmMap!.getZoom() }));
    // Wait until the URL holds the camera as it now stands (a slow machine may still be easing the zoom).
    const settled = async () => {
      const [view, hash] = [await camera(), await page.evaluate(() => window.location.hash)];
      const map = /^#mode=public&year=2019&off=concentrated_zones&map=([\d.]+)\/([\d.]+)\/([\d.]+)$/.exec(hash);
      const same = !!map && Math.abs(Number(map[1]) - view.zoom) < 0.01 && Math.abs(Number(map[2]) - view.lat) < 1e-4;
      return same ? view : null;
    };
    await expect.poll(settled, { timeout: 10_000 }).not.toBeNull();
    const before = (await settled())!;
    await page.reload();
    await waitForMapIdle(page);
    await expect.poll(() => slider.inputValue()).toBe('2019');
    expect(await page.getByRole('checkbox', { name: '砂石土集中开采区' }).isChecked()).toBe(false);
    const after = await camera();
    expect(after.zoom).toBeCloseTo(before.zoom, 1);
    expect(after.lng).toBeCloseTo(before.lng, 3);
    expect(after.lat).toBeCloseTo(before.lat, 3);
    await expect.poll(() => compareStates(page, end2019), { timeout: 15_000 }).toEqual(MATCHING);

    // A tip-off: tap the place (no popup opens), describe it, attach a photo, get a receipt code.
    await panel.getByRole('tab', { name: '举报' }).click();
    await panel.getByRole('button', { name: '在地图上标注位置' }).click();
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await panel.locator('.place-set').waitFor();
    expect(await page.locator('.maplibregl-popup').count()).toBe(0);
    await page.locator('.tip-off-marker').waitFor();
    await panel.getByLabel('您看到了什么？').fill('河道边有人夜间挖砂，约三台挖掘机。');
    // Bytes that are not an image: the server's reason, in the page's language, and nothing lost.
    const photo = panel.getByLabel('照片');
    await photo.setInputFiles({ name: 'site.png', mimeType: 'image/png', buffer: Buffer.from('not a picture at all') });
    await panel.getByRole('button', { name: '提交举报' }).click();
    await expect.poll(() => panel.getByRole('alert').textContent()).toContain('照片不是 JPEG、PNG 或 WebP 图片');
    expect(await panel.getByLabel('您看到了什么？').inputValue()).toBe('河道边有人夜间挖砂，约三台挖掘机。');
    await photo.setInputFiles({ name: 'site.png', mimeType: 'image/png', buffer: tinyPng() });
    await panel.getByRole('button', { name: '提交举报' }).click();
    const code = panel.locator('.receipt-code');
    await code.waitFor();
    expect(await code.textContent()).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await panel.getByRole('button', { name: '查询办理进度' }).click();
    const result = panel.locator('.tip-off-result');
    await result.waitFor();
    expect(await result.locator('.ledger-status').textContent()).toBe('待核查');
    expect(await result.locator('.status-history li').first().textContent()).toContain('待核查');

    await v.context.close();
    const asked = v.requests.urls.filter((url) => url.includes('/api/'));
    expect(asked.some((url) => url.includes('/api/restoration/parcels?asOf=2019-12-31'))).toBe(true);
    expect(asked.filter((url) => STAFF_ENDPOINT.test(url)), 'staff endpoints asked for').toEqual([]);
    expect(v.statuses.filter((r) => r.status === 401 || r.status === 403), 'refused requests').toEqual([]);
    expect(v.requests.external(), 'requests that left the machine').toEqual([]);
    expect(v.errors, 'errors on the page').toEqual([]);
  });

  it('fits a phone: the panel is a bottom sheet, folded over the map at first, and the charts fit its width', async () => {
    const v = await visit({ width: 390, height: 844 });
    const { page } = v;
    const panel = page.getByRole('complementary', { name: '矿山恢复治理进展' });
    await panel.getByRole('slider', { name: '年份' }).waitFor();
    expect(await panel.locator('.public-body').isVisible()).toBe(false);
    const folded = (await panel.boundingBox())!;
    expect(folded.y + folded.height).toBeCloseTo(844, 0);
    expect(folded.height).toBeLessThan(844 / 4);

    await panel.getByRole('button', { name: '展开' }).click();
    const canvas = panel.locator('figure[data-chart="yearly"] canvas').first();
    await canvas.waitFor();
    const sheet = (await panel.boundingBox())!;
    expect(sheet.width).toBeLessThanOrEqual(390);
    expect(sheet.y + sheet.height).toBeCloseTo(844, 0);
    await expect.poll(async () => (await canvas.boundingBox())!.width).toBeGreaterThan(200);
    expect((await canvas.boundingBox())!.width).toBeLessThanOrEqual(sheet.width);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'public-phone.png') });

    await panel.getByRole('button', { name: '收起' }).click();
    await expect.poll(() => panel.locator('.public-body').isVisible()).toBe(false);

    // In English, the same figures in English words.
    await page.getByRole('button', { name: 'English' }).click();
    const english = page.getByRole('complementary', { name: 'Restoration progress' });
    await english.getByRole('button', { name: 'Unfold' }).click();
    expect(await english.locator('.discrepancy-box').textContent()).toContain(
      'Total stated in the document: 697 mu; Sum of the parts: 567 mu; difference: 130 mu',
    );
    await v.context.close();
    expect(v.errors, 'errors on the page').toEqual([]);
  });

  it('gives staff in 公众 mode the progress report and the plan indicators', async () => {
    const v = await visit();
    const { page } = v;
    await page.getByRole('button', { name: '登录' }).click();
    const dialog = page.getByRole('dialog', { name: '工作人员登录' });
    await dialog.getByLabel('用户名').fill('admin');
    await dialog.getByLabel('密码').fill(TEST_ADMIN_PASSWORD);
    await dialog.getByRole('button', { name: '登录' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('group', { name: '模式' }).getByRole('button', { name: '公众' }).click();

    const panel = page.getByRole('complementary', { name: '矿山恢复治理进展' });
    await panel.getByRole('tab', { name: '报告与指标' }).click();
    const rows = panel.locator('.indicator-table tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(3);
    for (const state of await panel.locator('.indicator-table .indicator-state').allTextContents()) {
      expect(state).toMatch(/满足|临界|未满足/);
    }

    const link = panel.getByRole('link', { name: '打开报告（PDF）' });
    await panel.getByLabel('报告类型', { exact: true }).selectOption({ label: '半年总结' });
    await panel.getByLabel('年度', { exact: true }).fill('2022');
    await panel.getByLabel('半年', { exact: true }).selectOption('1');
    expect(await link.getAttribute('href')).toBe('/api/reports/progress.pdf?period=halfYear&year=2022&half=1&lang=zh');
    await panel.getByLabel('报告类型', { exact: true }).selectOption({ label: '月度进展报告' });
    await panel.getByLabel('月份', { exact: true }).selectOption('6');
    expect(await link.getAttribute('href')).toBe('/api/reports/progress.pdf?period=month&year=2022&month=6&lang=zh');
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'public-staff.png') });
    await v.context.close();
    expect(v.errors, 'errors on the page').toEqual([]);
  });
});

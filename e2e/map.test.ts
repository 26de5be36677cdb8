import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { REPO_ROOT } from './helpers/paths.ts';
import { formatValue, getLayer, term, type CollectionId } from '@mpm/domain';
import { recordRequests, useServerAndBrowser, waitForMapIdle } from './helpers/browser.ts';
import { TEST_ADMIN_PASSWORD } from './helpers/server.ts';

const SCREENSHOT = path.join(REPO_ROOT, 'test-results/map.png');
const HAN = /[\u4e00-\u9fff]/;

const suite = useServerAndBrowser();

interface Visit {
  context: BrowserContext;
  page: Page;
  requests: ReturnType<typeof recordRequests>;
  /** Uncaught exceptions and console errors on the page. */
  errors: string[];
}

/** A fresh browser profile (no cookies, no stored language) on the map page. */
async function visit(): Promise<Visit> {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  const requests = recordRequests(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('console', async (message) => {
    if (message.type() !== 'error') return;
    // MapLibre logs Error objects, whose text is only their (minified) class name.
    const details = await Promise.all(
      message.args().map((arg) => arg.evaluate((value) => (value instanceof Error ? value.message : null)).catch(() => null)),
    );
    errors.push([message.text(), ...details.filter(Boolean)].join(': '));
  });
  await page.goto(suite.server.url);
  await waitForMapIdle(page);
  return { context, page, requests, errors };
}

/** Ends a visit, holding it to the offline promise: nothing but the local server was asked for anything. */
async function leave({ context, requests, errors }: Visit) {
  await context.close();
  const tilePaths = requests.urls.map((url) => new URL(url).pathname).filter((p) => p.startsWith('/tiles/'));
  expect(tilePaths.some((p) => p.endsWith('.mvt')), 'vector tiles were requested').toBe(true);
  // Issue #13: one tile per address holds every layer; no TileJSON, no tile of one layer (as of today).
  expect(tilePaths.filter((p) => !/^\/tiles\/\d+\/\d+\/\d+\.mvt$/.test(p)), 'requests for one layer').toEqual([]);
  expect(requests.external(), 'requests that left the machine').toEqual([]);
  expect(errors, 'errors on the page').toEqual([]);
}

/** The MapLibre layers drawing a collection, with their visibility. */
const mapLayersOf = (page: Page, id: CollectionId) =>
  page.evaluate(
    (source) =>
      window
        .__mpmMap!.getStyle()
        .layers.filter((layer) => 'source-layer' in layer && layer['source-layer'] === source)
        .map((layer) => ({ id: layer.id, visibility: window.__mpmMap!.getLayoutProperty(layer.id, 'visibility') })),
    id,
  );

/** How many features of a collection are drawn on screen now. */
const renderedCount = (page: Page, id: CollectionId) =>
  page.evaluate((source) => {
    const map = window.__mpmMap!;
    const layers = map
      .getStyle()
      .layers.filter((layer) => 'source-layer' in layer && layer['source-layer'] === source)
      .map((layer) => layer.id);
    return layers.length ? map.queryRenderedFeatures({ layers }).length : 0;
  }, id);

/**
 * A point on the page (CSS pixels) over a drawn feature of `id`, away from the map controls,
 * with that feature's properties.
 */
async function pointOnFeature(page: Page, id: CollectionId) {
  const found = await page.evaluate((source) => {
    const map = window.__mpmMap!;
    const { width, height } = map.getCanvas().getBoundingClientRect();
    const layers = [`${source}:fill`];
    // Scan the screen box of each drawn feature's outer ring, finely: the features may be small.
    for (const feature of map.queryRenderedFeatures({ layers })) {
      const geometry = feature.geometry;
      const ring =
        geometry.type === 'Polygon' ? geometry.coordinates[0] : geometry.type === 'MultiPolygon' ? geometry.coordinates[0][0] : [];
      const points = ring.map((position) => map.project(position as [number, number]));
      const minX = Math.max(60, Math.min(...points.map((p) => p.x)));
      const maxX = Math.min(width - 80, Math.max(...points.map((p) => p.x)));
      const minY = Math.max(80, Math.min(...points.map((p) => p.y)));
      const maxY = Math.min(height - 60, Math.max(...points.map((p) => p.y)));
      for (let y = Math.ceil(minY); y <= maxY; y += 2) {
        for (let x = Math.ceil(minX); x <= maxX; x += 2) {
          const [hit] = map.queryRenderedFeatures([x, y], { layers });
          if (hit) return { x, y, properties: hit.properties as Record<string, unknown> };
        }
      }
    }
    return null;
  }, id);
  expect(found, `a drawn ${id} feature on screen`).not.toBeNull();
  const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
  return { x: box.x + found!.x, y: box.y + found!.y, properties: found!.properties };
}

describe('the county map in a real browser', () => {
  it('draws the public layers from vector tiles and lists them by group in Chinese', async () => {
    const v = await visit();
    const { page } = v;
    await expect.poll(() => renderedCount(page, 'townships')).toBeGreaterThan(0);
    await expect.poll(() => renderedCount(page, 'concentrated_zones')).toBeGreaterThan(0);

    const panel = page.getByRole('complementary', { name: '图层' });
    await panel.getByRole('checkbox', { name: '砂石土集中开采区' }).waitFor();
    for (const group of ['行政区划', '规划分区', '两线']) {
      await panel.getByRole('heading', { name: group }).waitFor();
    }
    expect(await page.locator('.app-header h1').textContent()).toBe('矿产资源规划一张图');
    // Not published: neither listed nor on the map for a visitor.
    expect(await panel.getByRole('checkbox', { name: '生态保护红线' }).count()).toBe(0);
    expect(await mapLayersOf(page, 'eco_redline')).toEqual([]);
    await leave(v);
  });

  it('hides a layer when its box is unticked and shows it again when ticked', async () => {
    const v = await visit();
    const { page } = v;
    const box = page.getByRole('checkbox', { name: '砂石土集中开采区' });
    expect(await box.isChecked()).toBe(true);

    await box.uncheck();
    await expect.poll(async () => (await mapLayersOf(page, 'concentrated_zones')).map((l) => l.visibility)).toEqual([
      'none',
      'none',
    ]);
    await waitForMapIdle(page);
    expect(await renderedCount(page, 'concentrated_zones')).toBe(0);

    await box.check();
    await expect.poll(async () => (await mapLayersOf(page, 'concentrated_zones')).map((l) => l.visibility)).toEqual([
      'visible',
      'visible',
    ]);
    await expect.poll(() => renderedCount(page, 'concentrated_zones')).toBeGreaterThan(0);
    await leave(v);
  });

  it('shows the attributes of the features under a click, labelled and valued in Chinese', async () => {
    const v = await visit();
    const { page } = v;
    const { x, y, properties } = await pointOnFeature(page, 'concentrated_zones');
    await page.mouse.click(x, y);

    const card = page.locator('.maplibregl-popup .feature-card[data-layer-id="concentrated_zones"]');
    await card.waitFor();
    expect(await card.locator('h3').textContent()).toBe('砂石土集中开采区');
    const text = (await card.textContent())!;
    const shown = getLayer('concentrated_zones').fields.filter((f) => formatValue(f, properties[f.key], 'zh') !== '');
    expect(shown.map((f) => f.key)).toContain('mainMineral');
    for (const field of shown) {
      expect(text).toContain(term(field.key, 'zh'));
      expect(text).toContain(formatValue(field, properties[field.key], 'zh'));
    }
    // The mineral is shown through the glossary, not as its English key.
    const mineral = formatValue(getLayer('concentrated_zones').fields.find((f) => f.key === 'mainMineral')!, properties.mainMineral, 'zh');
    expect(mineral).toMatch(HAN);
    expect(text).not.toContain(String(properties.mainMineral));

    await page.locator('.maplibregl-popup-close-button').click();
    await expect.poll(() => page.locator('.maplibregl-popup').count()).toBe(0);
    await leave(v);
  });

  it('switches to English and remembers the choice on the next visit', async () => {
    const v = await visit();
    const { page } = v;
    await page.getByRole('button', { name: 'English' }).click();
    const panel = page.getByRole('complementary', { name: 'Layers' });
    await panel.getByRole('checkbox', { name: 'Concentrated sand/gravel/clay mining zones' }).waitFor();
    await panel.getByRole('heading', { name: 'Plan zoning' }).waitFor();
    expect(await page.locator('.app-header h1').textContent()).toBe('Mineral resource plan map');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

    await page.reload();
    await waitForMapIdle(page);
    await page.getByRole('checkbox', { name: 'Concentrated sand/gravel/clay mining zones' }).waitFor();
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('checkbox', { name: '砂石土集中开采区' }).waitFor();
    await leave(v);
  });

  it('signs staff in and adds the layers only staff may see', async () => {
    const v = await visit();
    const { page } = v;
    await page.getByRole('button', { name: '登录' }).click();
    const dialog = page.getByRole('dialog', { name: '工作人员登录' });
    await dialog.getByLabel('用户名').fill('admin');
    await dialog.getByLabel('密码').fill(TEST_ADMIN_PASSWORD);
    await dialog.getByRole('button', { name: '登录' }).click();
    await dialog.waitFor({ state: 'detached' });

    const redLine = page.getByRole('checkbox', { name: '生态保护红线' });
    await redLine.waitFor();
    expect(await redLine.isChecked()).toBe(true);
    await page.getByRole('button', { name: '退出登录' }).waitFor();
    await expect.poll(async () => (await mapLayersOf(page, 'eco_redline')).length).toBeGreaterThan(0);
    await waitForMapIdle(page);
    await expect.poll(() => renderedCount(page, 'eco_redline')).toBeGreaterThan(0);

    // A popup open, for a screenshot that shows the whole page at work.
    const { x, y } = await pointOnFeature(page, 'concentrated_zones');
    await page.mouse.click(x, y);
    await page.locator('.maplibregl-popup .feature-card').first().waitFor();
    await waitForMapIdle(page);
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });

    // Signing out takes the staff-only layers away again.
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('button', { name: '登录' }).waitFor();
    await expect.poll(() => redLine.count()).toBe(0);
    await expect.poll(async () => (await mapLayersOf(page, 'eco_redline')).length).toBe(0);
    await leave(v);
  });
});

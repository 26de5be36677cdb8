import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { REPO_ROOT } from './helpers/paths.ts';
import { recordRequests, useServerAndBrowser, waitForMapIdle } from './helpers/browser.ts';

const HAN = /[\u4e00-\u9fff]/;
const SHOTS = path.join(REPO_ROOT, 'test-results');

const demo = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data', 'demo', `${name}.geojson`), 'utf8')) as GeoJSON.FeatureCollection;

/** A vertex in the middle of a line feature's first part. */
function midVertex(geometry: GeoJSON.Geometry): [number, number] {
  const line = geometry.type === 'MultiLineString' ? geometry.coordinates[0]! : (geometry as GeoJSON.LineString).coordinates;
  return line[Math.floor(line.length / 2)] as [number, number];
}

const suite = useServerAndBrowser();

interface Visit {
  context: BrowserContext;
  page: Page;
  requests: ReturnType<typeof recordRequests>;
  errors: string[];
}

async function visit(): Promise<Visit> {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  const requests = recordRequests(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(suite.server.url);
  await waitForMapIdle(page);
  return { context, page, requests, errors };
}

/** The texts' source values of the labels a label layer has placed on screen now. */
const placedLabels = (page: Page, layer: string, key = 'name') =>
  page.evaluate(
    ([id, property]) => {
      const map = window.__mpmMap!;
      if (!map.getLayer(id!)) return [];
      return map.queryRenderedFeatures({ layers: [id!] }).map((f) => String(f.properties[property!] ?? ''));
    },
    [layer, key],
  );

const jumpTo = async (page: Page, center: [number, number], zoom: number) => {
  await page.evaluate(([c, z]) => window.__mpmMap!.jumpTo({ center: c as [number, number], zoom: z as number }), [center, zoom]);
  await waitForMapIdle(page);
};

describe('labels and search on the map', () => {
  it('names townships at the county zoom and roads, rivers, railways and licences closer in, in Chinese, asking nothing of other machines', async () => {
    const v = await visit();
    const { page } = v;
    const townships = demo('townships').features.map((f) => String(f.properties!.name));
    await expect.poll(async () => (await placedLabels(page, 'townships:label')).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(5);
    const placed = await placedLabels(page, 'townships:label');
    for (const name of placed) {
      expect(name).toMatch(HAN);
      expect(townships).toContain(name);
    }
    // Collision-free: each township named once at most.
    expect(new Set(placed).size).toBe(placed.length);
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'labels-county.png') });

    const road = demo('roads').features[0]!;
    await jumpTo(page, midVertex(road.geometry), 12.5);
    await expect.poll(() => placedLabels(page, 'roads:label')).toContain(String(road.properties!.name));
    const roadText = await page.evaluate(() => JSON.stringify(window.__mpmMap!.getLayoutProperty('roads:label', 'text-field')));
    expect(roadText).toContain('国道');

    const river = demo('rivers').features[0]!;
    await jumpTo(page, midVertex(river.geometry), 12.5);
    await expect.poll(() => placedLabels(page, 'rivers:label')).toContain(String(river.properties!.name));

    const railway = demo('railways').features[0]!;
    await jumpTo(page, midVertex(railway.geometry), 12.5);
    await expect.poll(() => placedLabels(page, 'railways:label')).toContain(String(railway.properties!.name));

    const right = demo('mining_rights').features[0]!;
    const [x0, y0, x1, y1] = bboxOf(right.geometry);
    await jumpTo(page, [(x0 + x1) / 2, (y0 + y1) / 2], 14);
    await expect.poll(() => placedLabels(page, 'mining_rights:label', 'mineName')).toContain(String(right.properties!.mineName));
    await page.screenshot({ path: path.join(SHOTS, 'labels-township.png') });

    // English: the road classes change language; the county's names stay as written.
    await page.getByRole('button', { name: 'English' }).click();
    await expect
      .poll(() => page.evaluate(() => JSON.stringify(window.__mpmMap!.getLayoutProperty('roads:label', 'text-field'))))
      .toContain('National road');

    await v.context.close();
    expect(v.requests.urls.some((url) => url.includes('/api/labels')), 'label points were fetched').toBe(true);
    expect(v.requests.urls.some((url) => /open-sans-latin-400-normal.*\.woff2$/.test(url)), 'the shipped Latin font was used').toBe(true);
    expect(v.requests.urls.some((url) => url.endsWith('.pbf')), 'no glyph ranges were asked for').toBe(false);
    expect(v.requests.external(), 'requests that left the machine').toEqual([]);
    expect(v.errors, 'errors on the page').toEqual([]);
  });

  it('finds a township by name and flies there, with its popup', async () => {
    const v = await visit();
    const { page } = v;
    const township = demo('townships').features[5]!;
    const name = String(township.properties!.name);
    const [x0, y0, x1, y1] = bboxOf(township.geometry);
    const before = await page.evaluate(() => window.__mpmMap!.getZoom());

    await page.getByRole('searchbox', { name: '搜索' }).fill(name.slice(0, 3));
    const result = page.locator('.search-group[data-kind="place"] .search-result', { hasText: name });
    await result.click();
    await waitForMapIdle(page);
    const view = await page.evaluate(() => {
      const map = window.__mpmMap!;
      const { lng, lat } = map.getCenter();
      return { lng, lat, zoom: map.getZoom() };
    });
    expect(view.lng).toBeGreaterThan(x0);
    expect(view.lng).toBeLessThan(x1);
    expect(view.lat).toBeGreaterThan(y0);
    expect(view.lat).toBeLessThan(y1);
    expect(view.zoom).toBeGreaterThan(before);
    const popup = page.locator('.feature-popup .feature-card[data-layer-id="townships"]');
    await expect.poll(() => popup.textContent()).toContain(name);

    // A licence number goes to its licence; a typed Gauss–Krüger coordinate gets a pin.
    const right = demo('mining_rights').features[2]!;
    const search = page.getByRole('searchbox', { name: '搜索' });
    await search.fill(String(right.properties!.licenceNo));
    await page.locator('.search-group[data-kind="licence"] .search-result').first().click();
    await expect.poll(() => page.locator('.feature-popup .feature-card[data-layer-id="mining_rights"]').textContent()).toContain(
      String(right.properties!.licenceNo),
    );

    await search.fill('3930000, 36530000');
    await page.locator('.search-group[data-kind="coordinate"] .search-result').first().click();
    await page.locator('.search-pin').waitFor();
    await waitForMapIdle(page);

    await v.context.close();
    expect(v.requests.external(), 'requests that left the machine').toEqual([]);
    expect(v.errors, 'errors on the page').toEqual([]);
  });
});

function bboxOf(geometry: GeoJSON.Geometry): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (value: unknown): void => {
    if (Array.isArray(value) && typeof value[0] === 'number') {
      const [x, y] = value as [number, number];
      box[0] = Math.min(box[0], x);
      box[1] = Math.min(box[1], y);
      box[2] = Math.max(box[2], x);
      box[3] = Math.max(box[3], y);
    } else if (Array.isArray(value)) value.forEach(walk);
  };
  walk('coordinates' in geometry ? geometry.coordinates : []);
  return box;
}

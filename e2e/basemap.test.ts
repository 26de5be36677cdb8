import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, recordRequests, useServerAndBrowser, waitForMapIdle } from './helpers/browser.ts';
import { startServer, type RunningServer } from './helpers/server.ts';

const suite = useServerAndBrowser();

/** How many features a map layer draws in the current view. */
const rendered = (page: Page, layer: string) =>
  page.evaluate((id) => (window.__mpmMap!.getLayer(id) ? window.__mpmMap!.queryRenderedFeatures({ layers: [id] }).length : -1), layer);

/** A 1×1 transparent PNG, standing in for 天地图's tiles (no request may leave the test machine). */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

describe('basemaps', () => {
  it('without a 天地图 key the county’s own layers are the basemap, and nothing is asked of an outside server', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const requests = recordRequests(context);
    const page = await context.newPage();
    await page.goto(suite.server.url);
    await waitForMapIdle(page);
    await page.getByText('底图：本县图层（未配置天地图密钥）').waitFor({ state: 'attached' });
    for (const layer of ['county:outline', 'townships:outline', 'roads:line', 'rivers:line']) {
      expect(await rendered(page, layer), layer).toBeGreaterThan(0);
    }
    expect(await page.evaluate(() => window.__mpmMap!.getStyle().layers.some((l) => l.id.startsWith('basemap:')))).toBe(false);
    await context.close();
    expect(requests.external(), 'requests that left the machine').toEqual([]);
  }, 120_000);

  describe('with a 天地图 key', () => {
    let server: RunningServer | undefined;
    let browser: Browser | undefined;
    beforeAll(async () => {
      browser = await launchChromium();
      server = await startServer({ env: { TIANDITU_KEY: 'test-key-0000' } });
    });
    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    it('shows its vector map with annotations, and switches to imagery with annotations and back', async () => {
      const context = await browser!.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
      const tiles: string[] = [];
      await context.route(/tianditu\.gov\.cn/, (route) => {
        tiles.push(route.request().url());
        return route.fulfill({ status: 200, contentType: 'image/png', body: PNG });
      });
      const page = await context.newPage();
      await page.goto(server!.url);
      await waitForMapIdle(page);
      const layerIds = () => page.evaluate(() => window.__mpmMap!.getStyle().layers.map((l) => l.id).filter((id) => id.startsWith('basemap:')));
      expect(await layerIds()).toEqual(['basemap:vec', 'basemap:cva']);
      const asked = (layer: string) => tiles.filter((url) => url.includes(`/${layer}_w/wmts?`) && url.includes('tk=test-key-0000')).length;
      await expect.poll(() => asked('vec')).toBeGreaterThan(0);
      await expect.poll(() => asked('cva')).toBeGreaterThan(0);

      const basemaps = page.getByRole('group', { name: '底图：天地图' });
      await basemaps.getByRole('button', { name: '影像' }).click();
      await expect.poll(layerIds).toEqual(['basemap:img', 'basemap:cia']);
      await expect.poll(() => asked('img')).toBeGreaterThan(0);
      await expect.poll(() => asked('cia')).toBeGreaterThan(0);
      // The county's layers still draw over the imagery.
      await waitForMapIdle(page);
      expect(await rendered(page, 'county:outline')).toBeGreaterThan(0);

      await basemaps.getByRole('button', { name: '矢量' }).click();
      await expect.poll(layerIds).toEqual(['basemap:vec', 'basemap:cva']);
      await context.close();
    }, 120_000);
  });
});

import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useServerAndBrowser, waitForMapIdle } from './helpers/browser.ts';
import { collectErrors, signIn } from './helpers/inspector.ts';
import { TEST_ADMIN_PASSWORD } from './helpers/server.ts';

const suite = useServerAndBrowser();

/** What the test reads of `GET /api/restoration/campaign` (e2e does not depend on the contracts package). */
interface Campaign {
  milestones: { deadline: string; state: string; parcels: number; restoredParcels: number }[];
  parcels: { fourAreas: string[]; twoLines: string[] }[];
  byResponsible: { responsible: { kind: 'mine' | 'township' } }[];
}

/** The layers issue #15 adds, with their names in the layer panel. */
const NEW_LAYERS = { urban_development_boundary: '城镇开发边界', forest_land: '林地', grassland: '草地', wetland: '湿地' } as const;

/** How many features of each collection the map draws on screen now. */
const rendered = (page: Page, ids: string[]) =>
  page.evaluate((sources) => {
    const map = window.__mpmMap!;
    const layers = map.getStyle().layers;
    return Object.fromEntries(
      sources.map((source) => {
        const ids = layers.filter((layer) => 'source-layer' in layer && layer['source-layer'] === source).map((layer) => layer.id);
        return [source, ids.length ? map.queryRenderedFeatures({ layers: ids }).length : 0];
      }),
    );
  }, ids);

describe('the layers the campaigns need and the 四区两线 progress, in a real browser', () => {
  it('draws 城镇开发边界, 林地, 草地 and 湿地 for staff, each in the layer panel with its swatch, and hides the land classes from visitors', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${suite.server.url}/#on=${Object.keys(NEW_LAYERS).join(',')}`);
    await waitForMapIdle(page);
    // Visitors see the urban development boundary only: the land classes are staff-only by default.
    const panel = page.getByRole('complementary', { name: '图层' });
    await expect.poll(() => panel.locator('.layer-row[data-layer-id="urban_development_boundary"]').count()).toBe(1);
    expect(await panel.locator('.layer-row[data-layer-id="forest_land"]').count()).toBe(0);

    await signIn(page, { username: 'admin', password: TEST_ADMIN_PASSWORD });
    for (const [id, name] of Object.entries(NEW_LAYERS)) {
      const row = panel.locator(`.layer-row[data-layer-id="${id}"]`);
      await row.waitFor();
      expect(await row.locator('.layer-title').textContent()).toBe(name);
      expect(await row.locator('svg.legend-swatch').count()).toBe(1);
      expect(await row.getByRole('checkbox').isChecked(), id).toBe(true);
    }
    await waitForMapIdle(page);
    await expect
      .poll(async () => Object.values(await rendered(page, Object.keys(NEW_LAYERS))).every((n) => n > 0), { timeout: 20_000 })
      .toBe(true);

    // Switching one off takes it off the map.
    await panel.locator('.layer-row[data-layer-id="wetland"]').getByRole('checkbox').uncheck();
    await expect.poll(async () => (await rendered(page, ['wetland'])).wetland, { timeout: 10_000 }).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows visitors the 四区两线 parcels against their deadlines, the closed mines counted and restoration by mine', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${suite.server.url}/#mode=public&year=2022`);
    await waitForMapIdle(page);
    const panel = page.getByRole('complementary', { name: '矿山恢复治理进展' });
    const section = panel.getByTestId('four-areas-two-lines');
    await section.waitFor();
    expect(await section.getByRole('heading').textContent()).toContain('四区两线');

    const api = (await (await fetch(`${suite.server.url}/api/restoration/campaign?asOf=2022-12-31`)).json()) as Campaign;
    expect(api.milestones).toHaveLength(2);
    for (const m of api.milestones) {
      const row = section.locator(`tr[data-deadline="${m.deadline}"]`);
      await row.waitFor();
      expect(await row.getAttribute('data-state')).toBe(m.state);
      expect(await row.locator('td').nth(1).textContent()).toBe(`${m.restoredParcels} / ${m.parcels}`);
    }
    // The demo's end-2020 milestone is only partly met, and its state says so in Chinese.
    expect(await section.locator('tr[data-deadline="2020-12-31"] .milestone-state').textContent()).toBe('部分完成');
    const tagged = api.parcels.filter((p) => p.fourAreas.length + p.twoLines.length > 0);
    expect(await section.locator('.priority-parcels li').count()).toBe(tagged.length);
    expect(await section.locator('li[data-parcel="ZL2021-06"]').textContent()).toContain('居民集中生活区');

    const closed = panel.locator('.closed-mines-table');
    expect(await closed.locator('tr[data-years="2018-2020"] td').first().textContent()).toBe('12');
    expect(await closed.locator('tr[data-years="2021-2022"] td').first().textContent()).toBe('9');

    const byMine = panel.locator('.by-mine-table');
    expect(await byMine.locator('tbody tr[data-kind="mine"]').count()).toBe(api.byResponsible.filter((r) => r.responsible.kind === 'mine').length);
    expect(await byMine.locator('tbody tr[data-kind="township"]').first().textContent()).toContain('责任人灭失');
    expect(errors).toEqual([]);
    await context.close();
  });
});

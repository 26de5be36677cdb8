import { describe, expect, it } from 'vitest';
import { useServerAndBrowser, waitForMapIdle } from './helpers/browser.ts';
import { collectErrors, loginCookie, signIn } from './helpers/inspector.ts';
import { TEST_ADMIN_PASSWORD } from './helpers/server.ts';

const suite = useServerAndBrowser();

/** A square of `side` degrees with its south-west corner at `[lon, lat]`. */
const square = (lon: number, lat: number, side = 0.002): GeoJSON.Polygon => ({
  type: 'Polygon',
  coordinates: [[[lon, lat], [lon + side, lat], [lon + side, lat + side], [lon, lat + side], [lon, lat]]],
});

describe('editing features in data mode: other layers and corners (issue #11)', () => {
  it('a farmland corner snaps to a red-line corner (another layer on the map); a right-clicked corner is deleted, never below three', async () => {
    const url = suite.server.url;
    const admin = await loginCookie(url, 'admin', TEST_ADMIN_PASSWORD);
    const created = await fetch(`${url}/api/users`, {
      method: 'POST',
      headers: { cookie: admin, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'datamgr2', displayName: '数据管理员己', role: 'dataManager', password: 'data-manager-password' }),
    });
    expect(created.status).toBe(201);
    const manager = await loginCookie(url, 'datamgr2', 'data-manager-password');
    const api = async (method: string, path: string, body?: object) => {
      const response = await fetch(`${url}${path}`, { method, headers: { cookie: manager, 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
      expect(response.status, await response.clone().text()).toBeLessThan(300);
      return response.json();
    };
    // A red-line area; the farmland's north-east corner lies about 40 m from its south-west corner.
    await api('POST', '/api/layers/eco_redline/features', { properties: { name: '邻近红线', controlNote: '禁止开发' }, geometry: square(108.3604, 35.4604) });
    const moved = await api('POST', '/api/layers/farmland/features', { properties: { name: '贴边农田', farmlandClass: 'cultivable' }, geometry: square(108.358, 35.458) });
    const target: [number, number] = [108.3604, 35.4604];
    const from: [number, number] = [108.36, 35.46];
    const [southWest, southEast, northWest]: [number, number][] = [[108.358, 35.458], [108.36, 35.458], [108.358, 35.46]];

    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${url}/#on=farmland,eco_redline&map=15.5/35.4600/108.3600`);
    await waitForMapIdle(page);
    await signIn(page, { username: 'datamgr2', password: 'data-manager-password' });
    const panel = page.getByRole('complementary', { name: '数据管理' });
    await panel.waitFor();
    await panel.getByLabel('图层', { exact: true }).selectOption('farmland');
    await panel.getByRole('tab', { name: '编辑要素' }).click();
    await panel.getByText('其他图层').waitFor();
    await panel.getByLabel('要素', { exact: true }).selectOption(String(moved.feature.id));
    await panel.getByText('右键单击拐点可删除该拐点').waitFor();
    // Moving the map while a feature is open fetches the red line in view for snapping.
    const redLine = page.waitForResponse((r) => r.url().includes('/api/layers/eco_redline/features?bbox='));
    await page.evaluate(([lon, lat]) => window.__mpmMap!.jumpTo({ center: [lon, lat], zoom: 16.5 }), [108.3595, 35.4595]);
    await waitForMapIdle(page);
    await redLine;

    // Drag the corner to 5 px beside the red line's corner: it lands on that corner exactly.
    const canvas = (await page.locator('.maplibregl-canvas').boundingBox())!;
    const at = async (p: [number, number]) => {
      const [s] = await page.evaluate((q) => [window.__mpmMap!.project(q)], p);
      return { x: canvas.x + s.x, y: canvas.y + s.y };
    };
    const start = await at(from);
    const end = await at(target);
    await page.mouse.move(start.x, start.y, { steps: 2 });
    await page.mouse.down();
    await page.mouse.move(end.x + 4, end.y + 3, { steps: 8 });
    await page.mouse.up();
    const undo = panel.getByRole('button', { name: '撤销上一次移动' });
    await expect.poll(() => undo.isEnabled()).toBe(true);

    // Right-click the south-west corner: it goes. The ring is a triangle then: a right-click on another corner leaves it.
    const corner = await at(southWest);
    await page.mouse.click(corner.x, corner.y, { button: 'right' });
    await page.waitForTimeout(300);
    const other = await at(southEast);
    await page.mouse.click(other.x, other.y, { button: 'right' });
    await page.waitForTimeout(300);

    await panel.getByRole('button', { name: '保存' }).click();
    await panel.getByText(/已保存为图层第 \d+ 版/).waitFor();
    const features = (await api('GET', '/api/layers/farmland/features')).features as { id: number; geometry: GeoJSON.MultiPolygon }[];
    const saved = features.find((f) => f.id === moved.feature.id)!.geometry.coordinates[0][0];
    expect(saved).toHaveLength(4);
    expect(saved).toContainEqual(target);
    expect(saved).toContainEqual(southEast);
    expect(saved).toContainEqual(northWest);
    expect(saved).not.toContainEqual(southWest);
    expect(saved).not.toContainEqual(from);

    await context.close();
    expect(errors, 'errors on the page').toEqual([]);
  }, 240_000);
});

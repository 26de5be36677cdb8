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

describe('editing features in data mode (编辑要素)', () => {
  it('a data manager drags a farmland corner onto a neighbour’s corner (snapped), saves, sees the revision and restores it', async () => {
    const url = suite.server.url;
    const admin = await loginCookie(url, 'admin', TEST_ADMIN_PASSWORD);
    const created = await fetch(`${url}/api/users`, {
      method: 'POST',
      headers: { cookie: admin, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'datamgr', displayName: '数据管理员戊', role: 'dataManager', password: 'data-manager-password' }),
    });
    expect(created.status).toBe(201);
    const manager = await loginCookie(url, 'datamgr', 'data-manager-password');
    const api = async (method: string, path: string, body?: object) => {
      const response = await fetch(`${url}${path}`, { method, headers: { cookie: manager, 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
      expect(response.status, await response.clone().text()).toBeLessThan(300);
      return response.json();
    };
    // Two farmland squares; the moved one's north-east corner lies 0.0004° (about 40 m) from the neighbour's south-west corner.
    const neighbour = await api('POST', '/api/layers/farmland/features', { properties: { name: '邻近农田', farmlandClass: 'cultivable' }, geometry: square(108.3604, 35.4604) });
    const moved = await api('POST', '/api/layers/farmland/features', { properties: { name: '待移农田', farmlandClass: 'cultivable' }, geometry: square(108.358, 35.458) });
    const target: [number, number] = [108.3604, 35.4604];
    const from: [number, number] = [108.36, 35.46];

    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${url}/#on=farmland&map=15.5/35.4600/108.3600`);
    await waitForMapIdle(page);
    await signIn(page, { username: 'datamgr', password: 'data-manager-password' });
    // A data manager lands in data mode, and may not administer users.
    const panel = page.getByRole('complementary', { name: '数据管理' });
    await panel.waitFor();
    expect(await page.getByRole('group', { name: '模式' }).getByRole('button', { name: '管理' }).count()).toBe(0);
    await panel.getByLabel('图层', { exact: true }).selectOption('farmland');
    await panel.getByRole('tab', { name: '编辑要素' }).click();
    await panel.getByText('10 像素内自动吸附').waitFor();
    await panel.getByLabel('要素', { exact: true }).selectOption(String(moved.feature.id));
    await panel.getByRole('heading', { name: `要素 ${moved.feature.id}：待移农田` }).waitFor();
    await page.evaluate(([lon, lat]) => window.__mpmMap!.jumpTo({ center: [lon, lat], zoom: 17 }), [108.3602, 35.4602]);
    await waitForMapIdle(page);

    // Drag the corner to 5 px beside the neighbour's corner: it lands on the corner exactly.
    const canvas = (await page.locator('.maplibregl-canvas').boundingBox())!;
    const [start, end] = await page.evaluate((points) => points.map((p) => window.__mpmMap!.project(p)), [from, target]);
    await page.mouse.move(canvas.x + start.x, canvas.y + start.y, { steps: 2 });
    await page.mouse.down();
    await page.mouse.move(canvas.x + end.x + 4, canvas.y + end.y + 3, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => panel.getByRole('button', { name: '撤销上一次移动' }).isEnabled()).toBe(true);
    await panel.getByRole('button', { name: '保存' }).click();
    await panel.getByText(/已保存为图层第 \d+ 版/).waitFor();

    const features = async () => (await api('GET', '/api/layers/farmland/features')).features as { id: number; geometry: GeoJSON.MultiPolygon }[];
    const ring = (await features()).find((f) => f.id === moved.feature.id)!.geometry.coordinates[0][0];
    expect(ring).toContainEqual(target);
    expect(ring).not.toContainEqual(from);
    expect((await features()).find((f) => f.id === neighbour.feature.id)).toBeDefined();

    // The revision is listed; restoring to before it puts the corner back.
    await panel.getByRole('tab', { name: '历史版本' }).click();
    const revision = panel.locator('.revision').first();
    await revision.getByText(`网页编辑：修改要素 ${moved.feature.id}（待移农田）的边界`).waitFor();
    await revision.getByRole('button', { name: '恢复到此版之前' }).click();
    await panel.getByRole('alertdialog').getByRole('button', { name: '恢复', exact: true }).click();
    await panel.getByText(/已恢复，为图层第 \d+ 版/).waitFor();
    const restored = (await features()).find((f) => (f as unknown as { properties: { name: string } }).properties.name === '待移农田')!;
    expect(restored.geometry.coordinates[0][0]).toContainEqual(from);
    expect(restored.geometry.coordinates[0][0]).not.toContainEqual(target);

    await context.close();
    expect(errors, 'errors on the page').toEqual([]);
  }, 240_000);
});

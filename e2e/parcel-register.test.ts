import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordRequests, tileRevisionsAsked, useServerAndBrowser } from './helpers/browser.ts';
import { collectErrors, loginCookie, signIn } from './helpers/inspector.ts';
import { REPO_ROOT } from './helpers/paths.ts';
import { TEST_ADMIN_PASSWORD } from './helpers/server.ts';

const SCREENSHOT = path.join(REPO_ROOT, 'test-results/parcel-register.png');
const PARCEL = 'ZL2021-05';

const suite = useServerAndBrowser();

/** A north–south line across the middle of the demo parcel, from beyond its south edge to beyond its north edge, as `lon, lat` lines. */
function cuttingLine(): string {
  const parcels = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data/demo/restoration_parcels.geojson'), 'utf8')) as GeoJSON.FeatureCollection<GeoJSON.Polygon>;
  const ring = parcels.features.find((f) => f.properties?.code === PARCEL)!.geometry.coordinates[0];
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  const x = ((Math.min(...xs) + Math.max(...xs)) / 2).toFixed(7);
  return `${x}, ${(Math.min(...ys) - 0.001).toFixed(7)}\n${x}, ${(Math.max(...ys) + 0.001).toFixed(7)}`;
}

/** The summary's restored area to date, all rows together, in hundredths of a mu. */
async function restoredToDate(): Promise<number> {
  const summary = await (await fetch(`${suite.server.url}/api/restoration/summary?asOf=2030-01-01`)).json();
  return summary.details.reduce((s: number, d: { doneToDateMu: number }) => s + Math.round(d.doneToDateMu * 100), 0);
}

/** An admin's page in 管理 mode on the parcel register, with a parcel opened from the search. */
async function parcelPage(code: string) {
  const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  const requests = recordRequests(context);
  const page = await context.newPage();
  const errors = collectErrors(page, (text, url) => /\/api\/restoration\//.test(url) && /status of 409/.test(text));
  await page.goto(suite.server.url);
  await signIn(page, { username: 'admin', password: TEST_ADMIN_PASSWORD });
  await page.getByRole('group', { name: '模式' }).getByRole('button', { name: '管理' }).click();
  const panel = page.getByRole('complementary', { name: '系统管理' });
  await panel.getByRole('tab', { name: '治理图斑台账' }).click();
  const search = panel.getByRole('form', { name: '查询图斑' });
  await search.getByLabel('编号或名称').fill(code);
  await search.getByRole('button', { name: '查询' }).click();
  await panel.getByRole('list', { name: '图斑' }).getByRole('button', { name: new RegExp(`^${code}`) }).click();
  const card = panel.getByRole('region', { name: `图斑 ${code}` });
  await card.waitFor();
  return { page, panel, card, errors, requests };
}

describe('治理图斑台账 in 管理 mode, in a real browser', () => {
  it('edits a parcel, refuses a stale edit with the 409, splits it along a pasted line into parts that keep its figures, and merges them again', async () => {
    const admin = await loginCookie(suite.server.url, 'admin', TEST_ADMIN_PASSWORD);
    expect(admin).toBeTruthy();
    const restoredBefore = await restoredToDate();
    const first = await parcelPage(PARCEL);
    const second = await parcelPage(PARCEL);

    // The first page renames the parcel; the second, still on the version it read, is refused.
    await first.card.getByRole('form', { name: '修改图斑' }).getByLabel('名称').fill('西沟废弃采场（分区治理）');
    await first.card.getByRole('form', { name: '修改图斑' }).getByRole('button', { name: '保存' }).click();
    await first.card.getByRole('status').filter({ hasText: '已保存。' }).waitFor();
    await expect.poll(() => first.card.getByRole('list', { name: '变更历史' }).textContent()).toMatch(/修改.*系统管理员/);
    const stale = second.card.getByRole('form', { name: '修改图斑' });
    await stale.getByLabel('治理方式').fill('覆土植草');
    await stale.getByRole('button', { name: '保存' }).click();
    await second.card.getByRole('alert').filter({ hasText: /已由 系统管理员 于 .*保存为第 2 版/ }).waitFor();
    // It now shows the new name, from the version it reloaded.
    await expect.poll(() => second.card.locator('.parcel-fields').textContent()).toContain('西沟废弃采场（分区治理）');

    // The first page splits the parcel along a line; it is retired and names its two parts.
    const areaText = await first.card.locator('.parcel-fields').textContent();
    const split = first.card.getByRole('form', { name: '拆分图斑' });
    await split.getByLabel('分割线：每行一个“经度, 纬度”，或 GeoJSON').fill(cuttingLine());
    await split.getByRole('button', { name: '拆分' }).click();
    await expect.poll(() => first.card.locator('.parcel-lifecycle').textContent(), { timeout: 30_000 }).toBe('已注销（历史）');
    await first.card.getByRole('button', { name: `${PARCEL}-2` }).first().click();
    const part = first.panel.getByRole('region', { name: `图斑 ${PARCEL}-2` });
    await part.waitFor();
    expect(await part.getByRole('list', { name: '变更历史' }).textContent()).toMatch(/由拆分产生/);
    expect(await part.getByRole('form', { name: '拆分图斑' }).count()).toBe(1);
    expect(await restoredToDate()).toBe(restoredBefore);
    // The map asks for the tiles again once the parcels layer changed: their URL names the new data revision.
    await expect.poll(() => tileRevisionsAsked(first.requests.urls)).toBeGreaterThan(1);

    // The two parts, ticked in the list, merge into one parcel of the whole area that names them as its sources.
    const list = first.panel.getByRole('list', { name: '图斑' });
    for (const n of [1, 2]) await list.getByRole('checkbox', { name: `勾选 ${PARCEL}-${n} 以合并` }).check();
    const merge = first.panel.getByRole('form', { name: '合并勾选的图斑' });
    await merge.getByLabel('合并后图斑编号').fill(`${PARCEL}H`);
    await merge.getByRole('button', { name: '合并' }).click();
    const merged = first.panel.getByRole('region', { name: `图斑 ${PARCEL}H` });
    await merged.waitFor({ timeout: 30_000 });
    expect(await merged.locator('.parcel-lifecycle').textContent()).toBe('现行');
    const fields = (await merged.locator('.parcel-fields').textContent())!;
    expect(fields).toContain(`来源图斑${PARCEL}-1${PARCEL}-2`);
    expect(fields).toContain(areaText!.match(/面积([\d.]+ 亩)/)![1]);
    expect(await merged.getByRole('list', { name: '变更历史' }).textContent()).toMatch(new RegExp(`由合并产生.*系统管理员 · ${PARCEL}-1${PARCEL}-2`));
    // A part, opened from the merged parcel, is history that names it.
    await merged.getByRole('button', { name: `${PARCEL}-1` }).first().click();
    const retiredPart = first.panel.getByRole('region', { name: `图斑 ${PARCEL}-1` });
    await expect.poll(() => retiredPart.locator('.parcel-lifecycle').textContent()).toBe('已注销（历史）');
    expect(await retiredPart.locator('.parcel-fields').textContent()).toContain(`去向图斑${PARCEL}H`);
    expect(await restoredToDate()).toBe(restoredBefore);
    await first.page.screenshot({ path: SCREENSHOT });

    // The audit view lists the edit and the split.
    await first.panel.getByRole('tab', { name: '审计日志' }).click();
    const filters = first.panel.getByRole('form', { name: '筛选审计日志' });
    await filters.getByLabel('台账').selectOption({ label: '治理图斑台账' });
    await filters.getByRole('button', { name: '查询' }).click();
    const entries = first.panel.getByRole('list', { name: '审计日志' }).getByRole('listitem');
    await expect.poll(() => entries.count()).toBe(3);
    expect(await entries.allTextContents()).toEqual([
      expect.stringContaining('合并了 治理图斑台账'),
      expect.stringContaining('拆分了 治理图斑台账'),
      expect.stringContaining('修改了 治理图斑台账'),
    ]);
    expect([...first.errors, ...second.errors]).toEqual([]);
    expect([...first.requests.external(), ...second.requests.external()]).toEqual([]);
  });
});

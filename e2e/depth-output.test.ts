import fs from 'node:fs';
import path from 'node:path';
import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { openAdminTab } from './helpers/admin.ts';
import { useServerAndBrowser, waitForMapIdle } from './helpers/browser.ts';
import { collectErrors, createInspector, loginCookie, signIn } from './helpers/inspector.ts';
import { REPO_ROOT } from './helpers/paths.ts';

const suite = useServerAndBrowser();

const rights = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data/demo/mining_rights.geojson'), 'utf8')) as GeoJSON.FeatureCollection;
const demoRight = (suffix: string) => rights.features.find((f) => String(f.properties!.licenceNo).endsWith(suffix))!;

describe('depth (超层越界) and output (超能力开采) in a real browser (issue #15)', () => {
  it('an inspector records a floor below a demo pit’s licensed range, sees 超层越界 on the site card and turns it into a lead', async () => {
    // The 南庄村 clay pit: licensed from 1210 m down to 1170 m.
    const pit = demoRight('DEMO03');
    const [lon, lat] = turf.pointOnFeature(pit).geometry.coordinates;
    const inspector = await createInspector(suite.server.url, 'inspector-depth');
    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(suite.server.url);
    await waitForMapIdle(page);
    await signIn(page, inspector);
    await page.getByRole('group', { name: '模式' }).getByRole('button', { name: '巡查' }).click();
    const panel = page.getByRole('complementary', { name: '执法巡查' });

    await panel.getByText('输入坐标').click();
    await panel.getByLabel('经度').fill(lon.toFixed(6));
    await panel.getByLabel('纬度').fill(lat.toFixed(6));
    await panel.getByRole('button', { name: '核查此点' }).click();
    const card = panel.locator('.site-card');
    await card.waitFor({ timeout: 30_000 });
    const depth = card.getByLabel(`${pit.properties!.licenceNo} 的开采深度`);
    expect(await depth.locator('.depth-range').textContent()).toBe('开采标高：1210 米 至 1170 米');

    // The pit floor measured at 1,152.5 m: 17.5 m below the licensed floor.
    const form = depth.getByRole('form', { name: '记录标高实测' });
    await form.getByLabel('实测部位').selectOption({ label: '采场底板' });
    await form.getByLabel('核查点实测标高（米）').fill('1152.5');
    await form.getByRole('button', { name: '记录实测' }).click();
    const breach = depth.locator('.depth-surveys li[data-breach="true"]');
    await breach.waitFor();
    expect(await breach.locator('.tag-danger').textContent()).toBe('超层越界');
    expect(await breach.textContent()).toContain('低于开采标高下限 1170 米 17.5 米');
    expect(await breach.textContent()).toContain('seed 003');
    const findings = await card.locator('.finding').allTextContents();
    expect(findings.some((text) => text.includes('超层越界'))).toBe(true);

    // 转为线索: one ledger entry, its violation type 超层越界开采.
    await breach.getByRole('button', { name: '转为线索' }).click();
    const made = breach.getByText(/已转为线索：台账记录 \d+/);
    await made.waitFor();
    const leadId = Number((await made.textContent())!.match(/\d+/)![0]);
    expect(await breach.getByRole('button', { name: '转为线索' }).count()).toBe(0);
    const cookie = await loginCookie(suite.server.url, inspector.username, inspector.password);
    const entry = (await (await fetch(`${suite.server.url}/api/ledger/${leadId}`, { headers: { cookie } })).json()) as { violationType: string; source: string; title: string };
    expect(entry).toMatchObject({ violationType: 'beyondBoundary', source: 'siteCheck' });
    expect(entry.title).toContain('超层越界');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an admin records a year’s output above capacity in the licence card and sees 超能力开采 there and in the register list', async () => {
    // The 西头村 clay pit: 8 万吨/年 licensed.
    const pit = demoRight('DEMO02');
    const licenceNo = String(pit.properties!.licenceNo);
    const { context, panel, errors } = await openAdminTab(suite, '矿业权台账');
    const search = panel.getByRole('form', { name: '查询台账' });
    await search.getByLabel('许可证号、矿业权人或矿山名称').fill(licenceNo);
    await search.getByRole('button', { name: '查询' }).click();
    const row = panel.getByRole('list', { name: '矿业权' }).getByRole('button', { name: new RegExp(licenceNo) });
    expect(await row.locator('.over-capacity').count()).toBe(0);
    await row.click();
    const card = panel.getByRole('region', { name: `矿业权 ${licenceNo}` });
    await card.waitFor();
    const outputs = card.getByRole('region', { name: '年度产量、销量' });
    await outputs.getByText('尚未登记核实产量。').waitFor();

    const form = outputs.getByRole('form', { name: '登记年度产量' });
    await form.getByLabel('年份').fill('2025');
    await form.getByLabel('产量（万吨）').fill('10.5');
    await form.getByLabel('销量（万吨，可选）').fill('10');
    await form.getByLabel('文号').fill('宁自然资〔2026〕核字3号');
    await form.getByRole('button', { name: '登记产量' }).click();
    const year = outputs.locator('tr[data-over-capacity="true"]');
    await year.waitFor();
    expect(await year.textContent()).toContain('2025');
    expect(await year.textContent()).toContain('超能力开采');
    expect(await outputs.locator('.licence-output-finding').textContent()).toContain('严禁超能力生产');
    await expect.poll(() => row.locator('.over-capacity').textContent()).toBe('超能力开采 (2025)');
    expect(errors).toEqual([]);
    await context.close();
  });
});

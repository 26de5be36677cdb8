import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { openAdminTab } from './helpers/admin.ts';
import { squareCornerList } from './helpers/corner-list.ts';
import { useServerAndBrowser, waitForMapIdle } from './helpers/browser.ts';
import { loginCookie } from './helpers/inspector.ts';
import { REPO_ROOT } from './helpers/paths.ts';
import { TEST_ADMIN_PASSWORD } from './helpers/server.ts';

const SCREENSHOT = path.join(REPO_ROOT, 'test-results/admin-rules.png');

/** A 300 m square over a corner of the first red-line feature, as a plain-table corner list. */
function redLineCornerList(): string {
  const redline = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data/demo/eco_redline.geojson'), 'utf8')) as GeoJSON.FeatureCollection<GeoJSON.Polygon>;
  return squareCornerList(redline.features[0].geometry.coordinates[0][0], 150);
}

const NEW_BASIS = '《正宁县矿产资源总体规划（2021-2025年）》三（一）3：红线内已设矿权整合后须论证（县级修订）';

const suite = useServerAndBrowser();

/** The refusal the test provokes on purpose (a stale save): the browser logs the failed request as an error. */
const expectedRefusal = (text: string) => /status of 409/.test(text);

/** A rule's item in the register, by its title. */
const ruleItem = (list: Locator, title: string) => list.getByRole('listitem', { name: title, exact: true });

describe('管理 mode: 规则', () => {
  it('changes a rule’s outcome and legal basis as a new version, refuses a stale save in words, and the checks follow the version in force', async () => {
    const { page, panel, errors } = await openAdminTab(suite, '规则', expectedRefusal);

    // The register as the server recorded the ruleset file at its first start.
    const rules = panel.getByRole('list', { name: '规则' });
    const redLine = ruleItem(rules, '生态保护红线');
    await redLine.waitFor();
    expect(await redLine.getAttribute('data-outcome')).toBe('forbidden');
    expect(await panel.locator('.rules-version').first().textContent()).toMatch(/^第 1 版，系统 保存于 .+说明：规则集文件 data\/rulesets\/zhengning-2021\.json/);
    expect(await ruleItem(rules, '限制开采区').locator('.rule-basis').textContent()).toMatch(/^示范借用：/);

    // A tolerance out of range is said before anything is sent.
    await redLine.getByRole('button', { name: '编辑' }).click();
    const form = redLine.getByRole('form', { name: '编辑规则：生态保护红线' });
    await form.getByLabel('容差（平方米）').fill('-5');
    await form.getByRole('button', { name: '保存为新版本' }).click();
    await form.getByRole('alert').filter({ hasText: '容差：请输入 0 至 10000 平方米之间的面积。' }).waitFor();

    // 禁止 → 需论证, with its new legal basis and why: saved as version 2.
    await form.getByLabel('容差（平方米）').fill('10');
    await form.getByLabel('审查结论').selectOption({ label: '需论证' });
    await form.getByLabel('法律依据（中文）').fill(NEW_BASIS);
    await form.getByLabel('修改说明（随版本保存）').fill('红线内已设矿权整合');
    await form.getByRole('button', { name: '保存为新版本' }).click();
    await ruleItem(rules, '生态保护红线').getByRole('status').filter({ hasText: '已保存。' }).waitFor();
    expect(await ruleItem(rules, '生态保护红线').getAttribute('data-outcome')).toBe('conditional');
    expect(await ruleItem(rules, '生态保护红线').locator('.rule-basis').textContent()).toBe(NEW_BASIS);
    expect(await panel.locator('.rules-version').first().textContent()).toMatch(/^第 2 版，系统管理员 保存于 .+说明：红线内已设矿权整合$/);

    // The history: version 2 says what it changed; version 1 is where it starts.
    const history = panel.getByRole('list', { name: '规则集版本记录' });
    const second = history.getByRole('listitem', { name: '第 2 版', exact: true });
    await second.getByText('审查结论 禁止 → 需论证').waitFor();
    expect(await second.textContent()).toContain(`法律依据改为：${NEW_BASIS}`);
    await history.getByRole('listitem', { name: '第 1 版', exact: true }).getByText('版本记录自此开始。').waitFor();
    await page.screenshot({ path: SCREENSHOT });

    // Another admin saves version 3 (景观区 禁止) after this page loaded version 2: this page's save is
    // refused in words naming them, the rule and the versions, and the register shows what now holds.
    const admin = await loginCookie(suite.server.url, 'admin', TEST_ADMIN_PASSWORD);
    const other = await fetch(`${suite.server.url}/api/ruleset`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie: admin },
      body: JSON.stringify({ baseVersion: 2, rules: [{ id: 'scenicArea', outcome: 'forbidden' }] }),
    });
    expect(other.status).toBe(200);
    await ruleItem(rules, '生态保护红线').getByRole('button', { name: '编辑' }).click();
    const again = ruleItem(rules, '生态保护红线').getByRole('form', { name: '编辑规则：生态保护红线' });
    await again.getByLabel('审查结论').selectOption({ label: '提示' });
    await again.getByRole('button', { name: '保存为新版本' }).click();
    const stale = ruleItem(rules, '生态保护红线').getByRole('alert');
    await stale.filter({ hasText: '未保存：规则集（其后改动的规则：景观区）已由 系统管理员 于' }).waitFor();
    expect(await stale.textContent()).toContain('保存为第 3 版，而您修改的是第 2 版。');
    await expect.poll(() => ruleItem(rules, '景观区').getAttribute('data-outcome')).toBe('forbidden');
    expect(await ruleItem(rules, '生态保护红线').getAttribute('data-outcome')).toBe('conditional');

    // Plan mode checks under version 3: in the browser at once, and on the server.
    await page.getByRole('group', { name: '模式' }).getByRole('button', { name: '规划' }).click();
    const plan = page.getByRole('complementary', { name: '规划审查' });
    await plan.locator('.ruleset-title').filter({ hasText: '规则集第 3 版' }).waitFor();
    await plan.getByLabel('矿种').selectOption({ label: '砖瓦用粘土' });
    await plan.getByLabel('拟设生产能力').fill('15');
    await plan.getByRole('radio', { name: '新立' }).check();
    await plan.getByRole('tab', { name: '粘贴拐点坐标' }).click();
    await plan.getByRole('textbox', { name: '拐点坐标' }).fill(redLineCornerList());
    await plan.getByRole('button', { name: '解析并显示' }).click();
    const live = plan.locator('.live-check .finding[data-rule-id="ecoRedline"]');
    await live.waitFor();
    expect(await live.getAttribute('data-outcome')).toBe('conditional');
    expect(await live.textContent()).toContain(NEW_BASIS);

    await waitForMapIdle(page);
    await plan.getByRole('button', { name: '正式审查' }).click();
    const verdict = plan.locator('.verdict');
    await verdict.getByRole('heading', { name: '服务器审查结果' }).waitFor({ timeout: 30_000 });
    const server = verdict.locator('.finding[data-rule-id="ecoRedline"]');
    expect(await server.getAttribute('data-outcome')).toBe('conditional');
    expect(await server.textContent()).toContain(NEW_BASIS);
    expect(await verdict.locator('.verdict-meta').textContent()).toMatch(/^审查规则 zhengning-2021 第 3 版，审查时间 /);
    expect(errors).toEqual([]);
  });
});

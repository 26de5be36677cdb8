import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { useServerAndBrowser } from './helpers/browser.ts';
import { collectErrors, loginCookie, signIn } from './helpers/inspector.ts';
import { REPO_ROOT } from './helpers/paths.ts';
import { TEST_ADMIN_PASSWORD } from './helpers/server.ts';

const SCREENSHOT = path.join(REPO_ROOT, 'test-results/admin-settings.png');

const suite = useServerAndBrowser();

/** The refusals the test provokes on purpose (a bad target, a stale save): the browser logs the failed request as an error. */
const expectedRefusal = (text: string) => /status of (400|409)/.test(text);

/** A layer's row in the layer list. */
const layerRow = (page: Page, id: string) => page.getByRole('complementary', { name: '图层' }).locator(`.layer-row[data-layer-id="${id}"]`);

async function openPage(): Promise<{ page: Page; errors: string[] }> {
  const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors = collectErrors(page, expectedRefusal);
  await page.goto(suite.server.url);
  // This test is about the panels, not the map: the layer list answering is enough to go on.
  await layerRow(page, 'county').waitFor();
  return { page, errors };
}

/** Whether a visitor's layer list (a fresh, anonymous context) offers 铁路. */
async function visitorSeesRailways(): Promise<boolean> {
  const { page } = await openPage();
  const seen = (await layerRow(page, 'railways').count()) > 0;
  await page.context().close();
  return seen;
}

/** The diff row of `field` in an opened audit entry: its before and after cells. */
async function diffRow(entry: Locator, field: string): Promise<string[]> {
  const row = entry.getByRole('row').filter({ has: entry.page().getByRole('rowheader', { name: field, exact: true }) });
  return row.getByRole('cell').allTextContents();
}

describe('管理 mode: 设置 and 审计日志', () => {
  it('changes a buffer width and a layer’s publication, shows both in the audit log with before and after, verifies the chain', async () => {
    expect(await visitorSeesRailways()).toBe(true);

    const { page, errors } = await openPage();
    await signIn(page, { username: 'admin', password: TEST_ADMIN_PASSWORD });
    await page.getByRole('group', { name: '模式' }).getByRole('button', { name: '管理' }).click();
    const panel = page.getByRole('complementary', { name: '系统管理' });
    await panel.getByRole('tab', { name: '设置' }).click();

    // A buffer width: out of range said in Chinese before anything is sent; then saved.
    const buffers = panel.getByRole('form', { name: '缓冲距离' });
    const railway = buffers.getByLabel('铁路');
    const widthBefore = Number(await railway.inputValue());
    await railway.fill('30000');
    await buffers.getByRole('button', { name: '保存缓冲距离' }).click();
    await buffers.getByRole('alert').filter({ hasText: '铁路：请输入 0 至 20000 米之间的宽度。' }).waitFor();
    const widthAfter = widthBefore + 35;
    await railway.fill(String(widthAfter));
    await buffers.getByRole('button', { name: '保存缓冲距离' }).click();
    await buffers.getByRole('status').filter({ hasText: '已保存。' }).waitFor();
    expect(await railway.inputValue()).toBe(String(widthAfter));

    // The server's refusal in Chinese: a restoration target outside the plan period.
    const restoration = panel.getByRole('form', { name: '恢复治理目标' });
    await restoration.getByText(/^年度目标（\d+ 条）$/).click();
    await restoration.getByRole('button', { name: '添加目标' }).click();
    const added = restoration.getByRole('group', { name: /^第 \d+ 条目标$/ }).last();
    await added.getByLabel('年份').fill('1990');
    await added.getByLabel('目标（亩）').fill('10');
    await added.getByLabel('废弃矿山').check();
    await restoration.getByRole('button', { name: '保存恢复治理目标' }).click();
    await restoration.getByRole('alert').filter({ hasText: /^未保存：第 \d+ 条目标的年份 1990 不在规划期限 \d{4}—\d{4} 年内。$/ }).waitFor();

    // The railways withdrawn from the public.
    const railwaysRow = panel.getByRole('list', { name: '图层发布' }).getByRole('listitem', { name: '铁路', exact: true });
    expect(await railwaysRow.getByText('已公开', { exact: true }).count()).toBe(1);
    await railwaysRow.getByRole('button', { name: '编辑' }).click();
    const publication = railwaysRow.getByRole('form', { name: '铁路的发布设置' });
    await publication.getByLabel('向公众公开').uncheck();
    await publication.getByRole('button', { name: '保存' }).click();
    await railwaysRow.getByText('不公开', { exact: true }).waitFor();
    await railwaysRow.getByRole('status').filter({ hasText: '已保存。' }).waitFor();

    // The audit log: both writes, newest first, each with its fields before and after.
    await panel.getByRole('tab', { name: '审计日志' }).click();
    const log = panel.getByRole('list', { name: '审计日志' });
    const entries = log.getByRole('listitem');
    await entries.first().waitFor();
    const publicationEntry = entries.first();
    expect(await publicationEntry.textContent()).toMatch(/系统管理员 \(admin\) 修改了 图层发布\s*railways/);
    await publicationEntry.getByRole('button', { name: '查看前后对比' }).click();
    expect(await diffRow(publicationEntry, 'isPublic')).toEqual(['true', 'false']);

    const filters = panel.getByRole('form', { name: '筛选审计日志' });
    await filters.getByLabel('台账').selectOption({ label: '县级设置' });
    await filters.getByLabel('记录编号').fill('buffers');
    await filters.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => entries.count()).toBe(1);
    const bufferEntry = entries.first();
    expect(await bufferEntry.textContent()).toContain('修改了 县级设置');
    await bufferEntry.getByRole('button', { name: '查看前后对比' }).click();
    expect(await diffRow(bufferEntry, 'railwayM')).toEqual([String(widthBefore), String(widthAfter)]);
    expect(await bufferEntry.getByRole('table').getByRole('row').count()).toBe(2);
    const bufferEntryId = await bufferEntry.getAttribute('aria-labelledby');
    await page.screenshot({ path: SCREENSHOT });

    // Past a page (50 entries), the rest come with 加载更多.
    const admin = await loginCookie(suite.server.url, 'admin', TEST_ADMIN_PASSWORD);
    for (let i = 1; i <= 55; i++) {
      const response = await fetch(`${suite.server.url}/api/settings/buffers`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', cookie: admin },
        body: JSON.stringify({ bridgeM: 200 + i }),
      });
      expect(response.status).toBe(200);
    }
    await filters.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => entries.count()).toBe(50);
    await panel.getByRole('button', { name: '加载更多' }).click();
    await expect.poll(() => entries.count()).toBe(56);
    // The oldest, on the second page, is the width changed in the web.
    expect(await entries.last().getAttribute('aria-labelledby')).toBe(bufferEntryId);
    expect(await panel.getByRole('button', { name: '加载更多' }).count()).toBe(0);

    // A day with no writes yet (tomorrow, China time) finds nothing.
    const tomorrow = new Date(Date.now() + 32 * 3600_000).toISOString().slice(0, 10);
    await filters.getByLabel('起始日期').fill(tomorrow);
    await filters.getByRole('button', { name: '查询' }).click();
    await panel.getByText('没有符合筛选条件的记录。').waitFor();

    // The chain holds.
    await panel.getByRole('button', { name: '核验审计链' }).click();
    const verdict = panel.getByRole('status').filter({ hasText: '审计链完整。' });
    await verdict.waitFor();
    expect(await verdict.locator('code').textContent()).toMatch(/^[0-9a-f]{64}$/);

    // Someone else saves the widths after this page loaded them: this page's save is refused in
    // words, naming them, and the form shows what now holds.
    await panel.getByRole('tab', { name: '设置' }).click();
    await expect.poll(() => buffers.getByLabel('桥梁').inputValue()).toBe('255');
    const other = await fetch(`${suite.server.url}/api/settings/buffers`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie: admin },
      body: JSON.stringify({ bridgeM: 999 }),
    });
    expect(other.status).toBe(200);
    const { version } = (await other.json()) as { version: number };
    await railway.fill(String(widthAfter + 1));
    await buffers.getByRole('button', { name: '保存缓冲距离' }).click();
    const stale = buffers.getByRole('alert').filter({ hasText: `未保存：缓冲距离设置已由 系统管理员 于` });
    await stale.waitFor();
    expect(await stale.textContent()).toContain(`保存为第 ${version} 版，而您修改的是第 ${version - 1} 版。`);
    await expect.poll(() => buffers.getByLabel('桥梁').inputValue()).toBe('999');
    expect(await railway.inputValue()).toBe(String(widthAfter));

    // A visitor no longer finds the railways.
    expect(await visitorSeesRailways()).toBe(false);
    expect(errors).toEqual([]);
  });
});

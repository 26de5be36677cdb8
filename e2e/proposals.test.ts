import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { REPO_ROOT } from './helpers/paths.ts';
import { squareCornerList } from './helpers/corner-list.ts';
import { recordRequests, useServerAndBrowser, waitForMapIdle } from './helpers/browser.ts';
import { TEST_ADMIN_PASSWORD } from './helpers/server.ts';

const SCREENSHOT = path.join(REPO_ROOT, 'test-results/proposals.png');
const NAME = '党家村砖瓦用粘土矿拟设方案';
const SECOND_PLANNER = { username: 'li.planner', displayName: '李规划', role: 'planner', password: 'li-planner-secret' };

/** A 200 m square in the middle of the first concentrated mining zone, as a plain-table corner list (zone 36). */
function zoneCornerList(): string {
  const zones = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data/demo/concentrated_zones.geojson'), 'utf8')) as GeoJSON.FeatureCollection<GeoJSON.Polygon>;
  const ring = zones.features[0].geometry.coordinates[0];
  const middle = ring.slice(1).reduce(([x, y], p) => [x + p[0] / (ring.length - 1), y + p[1] / (ring.length - 1)], [0, 0]);
  return squareCornerList(middle, 100);
}

const suite = useServerAndBrowser();

async function signIn(page: Page) {
  await page.getByRole('button', { name: '登录' }).click();
  const dialog = page.getByRole('dialog', { name: '工作人员登录' });
  await dialog.getByLabel('用户名').fill('admin');
  await dialog.getByLabel('密码').fill(TEST_ADMIN_PASSWORD);
  await dialog.getByRole('button', { name: '登录' }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** The versions the panel lists, latest first. */
const versionNumbers = (panel: Locator) =>
  panel.locator('.proposal-versions .version-item').evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-version'))));

describe('saved proposals in plan mode (规划), in a real browser', () => {
  it('saves a block as a proposal and a second version, reopens it, refuses a stale save and prints the PDF', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
    const requests = recordRequests(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(String(err)));
    page.on('console', (message) => {
      // The refused stale save is logged by the browser as a failed resource; that one is expected.
      const refusedSave = /\/api\/proposals\/\d+$/.test(message.location().url) && /status of 409/.test(message.text());
      if (message.type() === 'error' && !refusedSave) errors.push(message.text());
    });
    await page.goto(suite.server.url);
    await signIn(page);
    await page.getByRole('group', { name: '模式' }).getByRole('button', { name: '规划' }).click();
    const panel = page.getByRole('complementary', { name: '规划审查' });
    await panel.locator('.ruleset-title').waitFor();
    const list = panel.locator('.proposal-list');
    await list.getByText('尚未保存任何方案。').waitFor();
    const status = panel.locator('.proposal-status');
    expect(await status.textContent()).toBe('新地块，尚未保存');

    // A proposal (brick clay, 15 万吨/年, new right) on a pasted corner list.
    await panel.getByLabel('矿种').selectOption({ label: '砖瓦用粘土' });
    await panel.getByLabel('拟设生产能力').fill('15');
    await panel.getByRole('radio', { name: '新立' }).check();
    const text = zoneCornerList();
    await panel.getByRole('tab', { name: '粘贴拐点坐标' }).click();
    await panel.getByRole('textbox', { name: '拐点坐标' }).fill(text);
    await panel.getByRole('button', { name: '解析并显示' }).click();
    await panel.getByRole('status').filter({ hasText: '已读取 4 个拐点' }).waitFor();

    // Version 1: saved with a name and a note; the panel names it, the list shows it.
    await panel.getByLabel('方案名称').fill(NAME);
    await panel.getByLabel('本版备注').fill('初稿');
    await panel.getByRole('button', { name: '保存方案' }).click();
    await panel.getByText('已保存为新方案（第 1 版）。').waitFor({ timeout: 30_000 });
    expect(await status.textContent()).toBe(`方案“${NAME}”，第 1 版`);
    const id = Number(await status.getAttribute('data-proposal-id'));
    expect(id).toBeGreaterThan(0);
    const item = list.locator(`.proposal-item[data-proposal-id="${id}"]`);
    await item.waitFor();
    const itemText = (await item.textContent())!;
    expect(itemText).toContain(NAME);
    expect(itemText).toContain('砖瓦用粘土');
    expect(itemText).toMatch(/0\.0\d{3} 平方千米/);
    expect(itemText).toContain('系统管理员 保存于');
    expect(await item.getAttribute('aria-current')).toBe('true');

    // Version 2: a changed capacity shows as an unsaved change until saved.
    await panel.getByLabel('拟设生产能力').fill('20');
    await status.getByText('有未保存的修改').waitFor();
    await panel.getByLabel('本版备注').fill('产能调整为 20 万吨/年');
    await panel.getByRole('button', { name: '保存为第 2 版' }).click();
    await panel.getByText('已保存为第 2 版。').waitFor({ timeout: 30_000 });
    expect(await status.textContent()).toBe(`方案“${NAME}”，第 2 版`);
    await expect.poll(() => versionNumbers(panel)).toEqual([2, 1]);
    const versions = panel.locator('.proposal-versions');
    expect(await versions.locator('.version-item[data-version="1"] .version-note').textContent()).toBe('初稿');
    expect(await versions.locator('.version-item[data-version="2"] .version-note').textContent()).toBe('产能调整为 20 万吨/年');
    await expect.poll(() => item.locator('.proposal-version').textContent()).toBe('第 2 版');

    // A new block clears everything (nothing unsaved, so no question asked) ...
    await panel.getByRole('button', { name: '新建地块' }).click();
    expect(await status.textContent()).toBe('新地块，尚未保存');
    expect(await panel.getByLabel('拟设生产能力').inputValue()).toBe('');
    await panel.getByText('尚未给出地块。').waitFor();
    expect(await versions.count()).toBe(0);

    // ... and opening the proposal from the list brings back its block, attributes and corner list.
    await item.getByRole('button', { name: new RegExp(NAME) }).click();
    await expect.poll(() => status.textContent()).toBe(`方案“${NAME}”，第 2 版`);
    expect(await panel.getByLabel('拟设生产能力').inputValue()).toBe('20');
    expect(await panel.getByRole('textbox', { name: '拐点坐标' }).inputValue()).toBe(text);
    await panel.getByText('地块：来自已保存的方案').waitFor();
    await panel.locator('.live-check .area-km2').waitFor();
    await expect.poll(() => versionNumbers(panel)).toEqual([2, 1]);

    // An earlier version opens as the basis of the next save, and says so.
    await versions.locator('.version-item[data-version="1"]').getByRole('button', { name: '打开' }).click();
    await expect.poll(() => status.textContent()).toBe(`方案“${NAME}”，第 1 版`);
    expect(await panel.getByLabel('拟设生产能力').inputValue()).toBe('15');
    expect(await panel.locator('.earlier-version-note').textContent()).toContain('保存后成为第 3 版');
    await versions.locator('.version-item[data-version="2"]').getByRole('button', { name: '打开' }).click();
    await expect.poll(() => status.textContent()).toBe(`方案“${NAME}”，第 2 版`);

    // Meanwhile a second planner saves version 3 from version 2.
    const created = await page.request.post(`${suite.server.url}/api/users`, { data: SECOND_PLANNER });
    expect(created.status()).toBe(201);
    const latest = (await (await page.request.get(`${suite.server.url}/api/proposals/${id}`)).json()) as { geometry: GeoJSON.MultiPolygon };
    const basic = `Basic ${Buffer.from(`${SECOND_PLANNER.username}:${SECOND_PLANNER.password}`).toString('base64')}`;
    const theirs = await fetch(`${suite.server.url}/api/proposals/${id}`, {
      method: 'PUT',
      headers: { authorization: basic, 'content-type': 'application/json' },
      body: JSON.stringify({
        baseVersion: 2,
        geometry: latest.geometry,
        proposal: { mineral: 'brickClay', capacity10ktPerYear: 25, rightKind: 'new' },
        note: '李规划：产能 25 万吨/年',
      }),
    });
    expect(theirs.status).toBe(200);

    // Our save from version 2 is refused, naming who saved first; nothing is overwritten.
    await panel.getByLabel('拟设生产能力').fill('18');
    await panel.getByRole('button', { name: '保存为第 3 版' }).click();
    const conflict = panel.locator('.conflict-notice');
    await conflict.waitFor({ timeout: 30_000 });
    const conflictText = (await conflict.textContent())!;
    expect(conflictText).toContain('他人已先保存了该方案');
    expect(conflictText).toContain('李规划');
    expect(conflictText).toContain('第 3 版');
    await expect.poll(() => versionNumbers(panel)).toEqual([3, 2, 1]);
    expect(await versions.locator('.version-item[data-version="3"] .version-saved').textContent()).toContain('李规划');
    expect(await panel.getByLabel('拟设生产能力').inputValue()).toBe('18');
    expect(await panel.getByRole('button', { name: '保存为第 3 版' }).isDisabled(), 'the same stale save again').toBe(true);
    await conflict.evaluate((element) => element.scrollIntoView({ block: 'center' }));
    await waitForMapIdle(page);
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });

    // Reloading the latest version asks before our edits go, then shows version 3.
    await conflict.getByRole('button', { name: '重新加载最新版本' }).click();
    const confirm = conflict.getByRole('alertdialog', { name: '放弃未保存的修改？' });
    await confirm.getByRole('button', { name: '继续编辑' }).click();
    expect(await panel.getByLabel('拟设生产能力').inputValue()).toBe('18');
    await conflict.getByRole('button', { name: '重新加载最新版本' }).click();
    await confirm.getByRole('button', { name: '放弃修改' }).click();
    await expect.poll(() => status.textContent()).toBe(`方案“${NAME}”，第 3 版`);
    expect(await panel.getByLabel('拟设生产能力').inputValue()).toBe('25');
    expect(await conflict.count()).toBe(0);
    expect(await status.getAttribute('data-edited')).toBe('false');

    // The PDF report of the saved version: a real PDF, in Chinese, naming the proposal and version.
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      panel.getByRole('button', { name: '下载 PDF 审查报告（第 3 版）' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`proposal-${id}-v3.pdf`);
    const pdfPath = (await download.path())!;
    expect(fs.readFileSync(pdfPath).subarray(0, 4).toString('latin1')).toBe('%PDF');
    const pdfText = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' });
    expect(pdfText).toContain('审查报告');
    expect(pdfText).toContain(NAME);
    expect(pdfText).toMatch(/第\s*3\s*版/);

    // The same panel in English.
    await page.getByRole('group', { name: '语言' }).getByRole('button', { name: 'English' }).click();
    const panelEn = page.getByRole('complementary', { name: 'Plan check' });
    await expect.poll(() => panelEn.locator('.proposal-status').textContent()).toBe(`Proposal “${NAME}”, version 3`);
    await panelEn.getByRole('button', { name: 'Download PDF report (version 3)' }).waitFor();

    await context.close();
    expect(requests.external(), 'requests that left the machine').toEqual([]);
    expect(errors, 'errors on the page').toEqual([]);
  }, 180_000);
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { squareCornerList } from './helpers/corner-list.ts';
import { recordRequests, useServerAndBrowser, waitForMapIdle } from './helpers/browser.ts';
import { collectErrors, loginCookie, signIn } from './helpers/inspector.ts';
import { REPO_ROOT } from './helpers/paths.ts';
import { TEST_ADMIN_PASSWORD } from './helpers/server.ts';

const SCREENSHOT = path.join(REPO_ROOT, 'test-results/proposal-workflow.png');
const NAME = '西坡砖瓦用粘土矿送审方案';
const PLANNER = { username: 'wang.planner', displayName: '王规划', role: 'planner', password: 'wang-planner-secret' };
const REVIEWER = { username: 'zhao.reviewer', displayName: '赵审核', role: 'reviewer', password: 'zhao-reviewer-secret' };

const suite = useServerAndBrowser();

/** A 200 m square in the middle of the first concentrated mining zone, as a plain-table corner list. */
function zoneCornerList(): string {
  const zones = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data/demo/concentrated_zones.geojson'), 'utf8')) as GeoJSON.FeatureCollection<GeoJSON.Polygon>;
  const ring = zones.features[0].geometry.coordinates[0];
  const middle = ring.slice(1).reduce(([x, y], p) => [x + p[0] / (ring.length - 1), y + p[1] / (ring.length - 1)], [0, 0]);
  return squareCornerList(middle, 100);
}

/** A signed-in page in plan mode (规划), its panel and errors; refusals provoked on purpose are not errors. */
async function planPage(account: { username: string; password: string }) {
  const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  const requests = recordRequests(context);
  const page = await context.newPage();
  const errors = collectErrors(page, (text, url) => /\/api\/proposals\/\d+\/approve$/.test(url) && /status of 409/.test(text));
  await page.goto(suite.server.url);
  await signIn(page, account);
  await page.getByRole('group', { name: '模式' }).getByRole('button', { name: '规划' }).click();
  const panel = page.getByRole('complementary', { name: '规划审查' });
  await panel.locator('.ruleset-title').waitFor();
  return { context, page, panel, errors, requests };
}

/** The open proposal's review section and its status as the page shows it. */
const review = (panel: Locator) => panel.locator('.proposal-workflow');
const reviewStatus = (panel: Locator) => review(panel).locator('.workflow-status .proposal-status-badge').textContent();

/** Opens the proposal named {@link NAME} from the (refreshed) list. */
async function openFromList(panel: Locator) {
  await panel.locator('.proposal-list').getByRole('button', { name: '刷新' }).click();
  const item = panel.locator('.proposal-item').filter({ hasText: NAME });
  await item.getByRole('button', { name: new RegExp(NAME) }).click();
  await expect.poll(() => panel.locator('.proposal-status').textContent()).toContain(NAME);
  return item;
}

/** The history of steps as the page lists it, oldest first: [step, text]. */
const history = (panel: Locator) =>
  review(panel)
    .locator('.workflow-step')
    .evaluateAll((items) => items.map((item) => [item.getAttribute('data-step'), item.textContent]).reverse());

describe('proposal review (送审 / 退回 / 同意) in plan mode, in a real browser', () => {
  it('a planner submits, a reviewer returns it with a comment, the planner edits and resubmits, the reviewer approves', async () => {
    const admin = await loginCookie(suite.server.url, 'admin', TEST_ADMIN_PASSWORD);
    for (const account of [PLANNER, REVIEWER]) {
      const created = await fetch(`${suite.server.url}/api/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: admin },
        body: JSON.stringify(account),
      });
      expect(created.status, await created.clone().text()).toBe(201);
    }

    // The planner saves a proposal and submits it (送审).
    const planner = await planPage(PLANNER);
    const p = planner.panel;
    await p.getByLabel('矿种').selectOption({ label: '砖瓦用粘土' });
    await p.getByLabel('拟设生产能力').fill('15');
    await p.getByRole('radio', { name: '新立' }).check();
    await p.getByRole('tab', { name: '粘贴拐点坐标' }).click();
    await p.getByRole('textbox', { name: '拐点坐标' }).fill(zoneCornerList());
    await p.getByRole('button', { name: '解析并显示' }).click();
    await p.getByLabel('方案名称').fill(NAME);
    await p.getByRole('button', { name: '保存方案' }).click();
    await p.getByText('已保存为新方案（第 1 版）。').waitFor({ timeout: 30_000 });
    const id = Number(await p.locator('.proposal-status').getAttribute('data-proposal-id'));
    expect(await reviewStatus(p)).toBe('草稿');
    expect(await review(p).getByRole('button', { name: '同意' }).count(), 'a planner does not decide').toBe(0);
    await review(p).getByRole('button', { name: '送审' }).click();
    await review(p).getByText('已送审。').waitFor();
    expect(await reviewStatus(p)).toBe('已送审');
    expect(await p.getByRole('button', { name: '保存为第 2 版' }).isDisabled(), 'no new version while submitted').toBe(true);
    await review(p).getByRole('button', { name: '撤回' }).waitFor();

    // The reviewer finds it waiting, and returns it (退回) with a comment, which is required.
    const reviewer = await planPage(REVIEWER);
    const r = reviewer.panel;
    // 待办 in the header counts it, and a click on it there opens it.
    const inbox = reviewer.page.locator('.inbox');
    await expect.poll(() => inbox.getByTestId('inbox-count').textContent()).toMatch(/^[1-9]\d*$/);
    await inbox.locator('.inbox-button').click();
    await inbox.getByRole('dialog', { name: '待办' }).getByRole('button', { name: new RegExp(NAME) }).click();
    await expect.poll(() => r.locator('.proposal-status').textContent()).toContain(NAME);
    expect(await reviewStatus(r)).toBe('已送审');
    expect(await r.getByRole('button', { name: '保存方案' }).count(), 'a reviewer saves no proposal').toBe(0);
    await r.getByLabel('按状态').selectOption({ label: '已送审' });
    const waiting = r.locator(`.proposal-item[data-proposal-id="${id}"]`);
    expect(await waiting.locator('.proposal-status-badge').textContent()).toBe('已送审');
    await openFromList(r);
    expect(await reviewStatus(r)).toBe('已送审');
    expect(await review(r).getByRole('button', { name: '退回' }).isDisabled(), '退回 needs a comment').toBe(true);
    await review(r).getByLabel('审核意见').fill('拐点 3 距基本农田过近，请核减范围后再送审。');
    await review(r).getByRole('button', { name: '退回' }).click();
    await review(r).getByText('已退回。').waitFor();
    expect(await reviewStatus(r)).toBe('已退回');

    // The planner sees it returned with the comment, edits it into version 2 and submits again.
    await openFromList(p);
    await expect.poll(() => reviewStatus(p)).toBe('已退回');
    await expect
      .poll(() => history(p))
      .toEqual([
        ['submit', expect.stringContaining('王规划 送审（第 1 版）')],
        ['return', expect.stringContaining('赵审核 退回（第 1 版）拐点 3 距基本农田过近，请核减范围后再送审。')],
      ]);
    await p.getByLabel('拟设生产能力').fill('13');
    await p.getByLabel('本版备注').fill('按审核意见核减产能');
    await p.getByRole('button', { name: '保存为第 2 版' }).click();
    await p.getByText('已保存为第 2 版。').waitFor({ timeout: 30_000 });
    await review(p).getByRole('button', { name: '送审' }).click();
    await review(p).getByText('已送审。').waitFor();

    // The reviewer opens it afresh; meanwhile the planner withdraws and resubmits it elsewhere.
    await openFromList(r);
    await expect.poll(() => reviewStatus(r)).toBe('已送审');
    const basic = `Basic ${Buffer.from(`${PLANNER.username}:${PLANNER.password}`).toString('base64')}`;
    const revision = async () => ((await (await fetch(`${suite.server.url}/api/proposals/${id}`, { headers: { authorization: basic } })).json()) as { revision: number }).revision;
    for (const step of ['withdraw', 'submit']) {
      const answer = await fetch(`${suite.server.url}/api/proposals/${id}/${step}`, {
        method: 'POST',
        headers: { authorization: basic, 'content-type': 'application/json' },
        body: JSON.stringify({ baseRevision: await revision() }),
      });
      expect(answer.status, step).toBe(200);
    }

    // 同意 from the stale page is refused in words naming who changed it; the page then knows the latest, and 同意 goes through.
    await review(r).getByRole('button', { name: '同意' }).click();
    const refusal = review(r).getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/^未能同意：方案“西坡砖瓦用粘土矿送审方案”已由 王规划 于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}.*当前为“已送审”/);
    await expect.poll(async () => Number(await review(r).getAttribute('data-revision'))).toBe(await revision());
    await review(r).getByLabel('审核意见').fill('同意。');
    await review(r).getByRole('button', { name: '同意' }).click();
    await review(r).getByText('已同意。').waitFor();
    expect(await reviewStatus(r)).toBe('已同意');
    await expect.poll(async () => (await history(r)).map(([step]) => step)).toEqual(['submit', 'return', 'submit', 'withdraw', 'submit', 'approve']);

    // The list filtered to 已同意 shows it, and 已退回 nothing.
    await r.getByLabel('按状态').selectOption({ label: '已同意' });
    await expect.poll(() => r.locator('.proposal-item').evaluateAll((items) => items.map((i) => i.getAttribute('data-proposal-id')))).toEqual([String(id)]);
    expect(await r.locator(`.proposal-item[data-proposal-id="${id}"] .proposal-status-badge`).textContent()).toBe('已同意');
    await r.getByLabel('按状态').selectOption({ label: '已退回' });
    await r.getByText('没有符合筛选条件的方案。').waitFor();
    await r.getByLabel('按状态').selectOption({ label: '已同意' });
    await r.getByLabel('搜索方案').fill('西坡');
    await r.getByRole('button', { name: '搜索', exact: true }).click();
    await expect.poll(() => r.locator('.proposal-item').count()).toBe(1);

    // The planner's page, refreshed, shows the decision; the draft-only 删除草稿 is gone for good.
    await openFromList(p);
    await expect.poll(() => reviewStatus(p)).toBe('已同意');
    expect(await review(p).getByRole('button').count()).toBe(0);

    await review(r).evaluate((element) => element.scrollIntoView({ block: 'center' }));
    await waitForMapIdle(reviewer.page);
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await reviewer.page.screenshot({ path: SCREENSHOT });

    for (const side of [planner, reviewer]) {
      await side.context.close();
      expect(side.requests.external(), 'requests that left the machine').toEqual([]);
      expect(side.errors, 'errors on the page').toEqual([]);
    }
  }, 240_000);
});

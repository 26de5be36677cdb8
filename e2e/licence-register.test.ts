import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { recordRequests, tileRevisionsAsked, useServerAndBrowser } from './helpers/browser.ts';
import { squareCornerList } from './helpers/corner-list.ts';
import { collectErrors, loginCookie, signIn } from './helpers/inspector.ts';
import { REPO_ROOT } from './helpers/paths.ts';
import { TEST_ADMIN_PASSWORD } from './helpers/server.ts';

const SCREENSHOT = path.join(REPO_ROOT, 'test-results/licence-register.png');
const PLANNER = { username: 'li.planner', displayName: '李规划', role: 'planner', password: 'li-planner-secret' };
const REVIEWER = { username: 'sun.reviewer', displayName: '孙审核', role: 'reviewer', password: 'sun-reviewer-secret' };
const LICENCE_NO = 'C6210252026127130000001';
const PROPOSAL = '东沟砖瓦用粘土矿新立方案';

const suite = useServerAndBrowser();

/** The middle of the demo's first mining block, lon/lat. */
function blockCentre(): [number, number] {
  const blocks = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data/demo/mining_blocks.geojson'), 'utf8')) as GeoJSON.FeatureCollection<GeoJSON.Polygon>;
  const ring = blocks.features.find((f) => f.properties?.code === 'KC621025-01')!.geometry.coordinates[0];
  return ring.slice(1).reduce<[number, number]>(([x, y], p) => [x + p[0] / (ring.length - 1), y + p[1] / (ring.length - 1)], [0, 0]);
}

/** A square of `halfM` metres around {@link blockCentre}. */
function blockSquare(halfM: number): GeoJSON.Polygon {
  const [lon, lat] = blockCentre();
  const [dLon, dLat] = [halfM / (111_320 * Math.cos((lat * Math.PI) / 180)), halfM / 110_574];
  return { type: 'Polygon', coordinates: [[[lon - dLon, lat - dLat], [lon + dLon, lat - dLat], [lon + dLon, lat + dLat], [lon - dLon, lat + dLat], [lon - dLon, lat - dLat]]] };
}

/** A JSON call to the API as the holder of `cookie`. */
async function api(cookie: string, method: string, url: string, body?: object) {
  const response = await fetch(`${suite.server.url}${url}`, {
    method,
    headers: { cookie, ...(body && { 'content-type': 'application/json' }) },
    body: body && JSON.stringify(body),
  });
  const json = await response.json();
  expect(response.status, JSON.stringify(json)).toBeLessThan(300);
  return json;
}

/** What the rest of the product says about the block: brick-clay mines counted, and whether a new block on it is refused. */
async function productState(admin: string) {
  const { indicators } = await api(admin, 'GET', '/api/indicators');
  const check = await api(admin, 'POST', '/api/check', { geometry: blockSquare(30), proposal: { mineral: 'brickClay', capacity10ktPerYear: 6, rightKind: 'new' } });
  return {
    brickClayMines: indicators.find((i: { id: string }) => i.id === 'mineCount.brickClay').value as number,
    overlapsARight: check.findings.some((f: { ruleId: string }) => f.ruleId === 'existingMiningRight'),
  };
}

/** An admin's page in 管理 mode (on 用户管理, its first tab). */
async function adminPage() {
  const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  const requests = recordRequests(context);
  const page = await context.newPage();
  const errors = collectErrors(page, (text, url) => /\/api\/licences\//.test(url) && /status of 409/.test(text));
  await page.goto(suite.server.url);
  await signIn(page, { username: 'admin', password: TEST_ADMIN_PASSWORD });
  await page.getByRole('group', { name: '模式' }).getByRole('button', { name: '管理' }).click();
  const panel = page.getByRole('complementary', { name: '系统管理' });
  return { page, panel, errors, requests };
}

/** An admin's page in 管理 mode on the licence register. */
async function registerPage() {
  const opened = await adminPage();
  await opened.panel.getByRole('tab', { name: '矿业权台账' }).click();
  return opened;
}

/** Creates an account in 用户管理, as an admin does. */
async function createAccount(panel: ReturnType<Page['getByRole']>, account: typeof PLANNER) {
  await panel.getByRole('button', { name: '新建用户' }).click();
  const form = panel.getByRole('form', { name: '新建用户' });
  await form.getByLabel('用户名').fill(account.username);
  await form.getByLabel('姓名', { exact: true }).fill(account.displayName);
  await form.getByLabel('角色').selectOption(account.role);
  await form.getByLabel('初始密码').fill(account.password);
  await form.getByRole('button', { name: '创建账号' }).click();
  await panel.getByRole('listitem', { name: `${account.displayName} (${account.username})` }).waitFor();
}

/** Opens the test's licence from the register's search. */
async function openLicence(page: Page) {
  const panel = page.getByRole('complementary', { name: '系统管理' });
  const search = panel.getByRole('form', { name: '查询台账' });
  await search.getByLabel('许可证号、矿业权人或矿山名称').fill(LICENCE_NO);
  await search.getByRole('button', { name: '查询' }).click();
  await panel.getByRole('list', { name: '矿业权' }).getByRole('button', { name: new RegExp(LICENCE_NO) }).click();
  const card = panel.getByRole('region', { name: `矿业权 ${LICENCE_NO}` });
  await card.waitFor();
  return card;
}

/** A signed-in page in plan mode (规划) and its panel; the planner's and the reviewer's. */
async function planPage(account: { username: string; password: string }) {
  const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(suite.server.url);
  await signIn(page, account);
  await page.getByRole('group', { name: '模式' }).getByRole('button', { name: '规划' }).click();
  const panel = page.getByRole('complementary', { name: '规划审查' });
  await panel.locator('.ruleset-title').waitFor();
  return { context, page, panel, errors };
}

/** Opens the proposal named {@link PROPOSAL} from the (refreshed) list in plan mode; answers its review section. */
async function openProposal(panel: ReturnType<Page['getByRole']>) {
  await panel.locator('.proposal-list').getByRole('button', { name: '刷新' }).click();
  await panel.locator('.proposal-item').filter({ hasText: PROPOSAL }).getByRole('button', { name: new RegExp(PROPOSAL) }).click();
  await expect.poll(() => panel.locator('.proposal-status').textContent()).toContain(PROPOSAL);
  return panel.locator('.proposal-workflow');
}

/** Records an act in the opened card. */
async function recordAct(page: Page, act: string, documentNo: string, fill?: (form: ReturnType<Page['getByRole']>) => Promise<void>) {
  const form = page.getByRole('form', { name: '登记事项' });
  await form.locator('select[name="licence-act"]').selectOption({ label: act });
  await fill?.(form);
  await form.getByLabel('文号').fill(documentNo);
  await form.getByRole('button', { name: '登记' }).click();
  return form;
}

/** Today in China, the county's day. */
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** 正式审查 of the block open in a plan panel: whether the server's verdict lists an existing mining right. */
async function checkOverlapsARight(page: Page, panel: ReturnType<Page['getByRole']>) {
  const verdict = panel.locator('.server-verdict');
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/check' && r.request().method() === 'POST');
  await verdict.getByRole('button', { name: '正式审查' }).click();
  expect((await answered).status()).toBe(200);
  await verdict.getByRole('status').filter({ hasText: `按 ${today} 当日结束时的矿业权台账审查。` }).waitFor();
  await expect.poll(() => verdict.getByRole('button', { name: '正式审查' }).isEnabled()).toBe(true);
  return (await verdict.locator('.finding[data-rule-id="existingMiningRight"]').count()) > 0;
}

/** The brick-clay mine count in 公众 → 报告与指标, read again from the server (its 截至日期 set to `day`, empty: today). */
async function brickClayMinesShown(page: Page, day?: string) {
  const staff = page.getByRole('complementary', { name: '矿山恢复治理进展' });
  if (day !== undefined) {
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/indicators');
    if (day) await staff.locator('input[name="indicators-as-of"]').fill(day);
    else await staff.locator('.as-of-field').getByRole('button', { name: '回到今天' }).click();
    await answered;
  }
  const cell = staff.locator('.indicator-table tr[data-indicator-id="mineCount.brickClay"] td').nth(1);
  await cell.waitFor();
  return Number.parseInt((await cell.textContent()) ?? '', 10);
}

describe('矿业权台账 in 管理 mode, in a real browser', () => {
  it('registers an approved proposal as a licence, renews and revokes it; the checks and indicators follow; a stale act gets the 409; the audit chain holds', async () => {
    const admin = await loginCookie(suite.server.url, 'admin', TEST_ADMIN_PASSWORD);
    // The admin creates the planner and the reviewer. The planner writes the proposal, pastes its
    // corner list and saves it as a draft, then submits it (送审), all in her browser; the
    // reviewer approves it (同意) in hers.
    const first = await adminPage();
    for (const account of [PLANNER, REVIEWER]) await createAccount(first.panel, account);
    await first.panel.getByRole('tab', { name: '矿业权台账' }).click();
    const plannerPage = await planPage(PLANNER);
    const p = plannerPage.panel;
    await p.getByLabel('矿种').selectOption({ label: '砖瓦用粘土' });
    await p.getByLabel('拟设生产能力').fill('13');
    await p.getByRole('radio', { name: '新立' }).check();
    await p.getByLabel('矿业权人').fill('东沟建材有限公司');
    await p.getByRole('tab', { name: '粘贴拐点坐标' }).click();
    await p.getByRole('textbox', { name: '拐点坐标' }).fill(squareCornerList(blockCentre(), 60));
    await p.getByRole('button', { name: '解析并显示' }).click();
    await p.getByLabel('方案名称').fill(PROPOSAL);
    await p.getByRole('button', { name: '保存方案' }).click();
    await p.getByText('已保存为新方案（第 1 版）。').waitFor({ timeout: 30_000 });
    const proposal = { id: Number(await p.locator('.proposal-status').getAttribute('data-proposal-id')) };
    const submitting = p.locator('.proposal-workflow');
    expect(await submitting.locator('.workflow-status .proposal-status-badge').textContent()).toBe('草稿');
    expect(await submitting.getByRole('button', { name: '同意' }).count(), 'a planner does not decide').toBe(0);
    await submitting.getByRole('button', { name: '送审' }).click();
    await submitting.getByText('已送审。').waitFor();
    // The planner's page turns to 公众 → 报告与指标: the indicators as the browser shows them after each step.
    await plannerPage.page.getByRole('group', { name: '模式' }).getByRole('button', { name: '公众' }).click();
    await plannerPage.page.getByRole('complementary', { name: '矿山恢复治理进展' }).getByRole('tab', { name: '报告与指标' }).click();
    const reviewerPage = await planPage(REVIEWER);
    const deciding = await openProposal(reviewerPage.panel);
    await expect.poll(() => deciding.locator('.workflow-status .proposal-status-badge').textContent()).toBe('已送审');
    await deciding.getByLabel('审核意见').fill('同意新立。');
    await deciding.getByRole('button', { name: '同意' }).click();
    await deciding.getByText('已同意。').waitFor();
    expect((await api(admin, 'GET', `/api/proposals/${proposal.id}`)).status).toBe('approved');
    const before = await productState(admin);
    expect(before.overlapsARight).toBe(false);
    // In the browser: the reviewer's check of the proposal's block finds no right; the planner's indicators count the brick-clay mines.
    expect(await checkOverlapsARight(reviewerPage.page, reviewerPage.panel)).toBe(false);
    await expect.poll(() => brickClayMinesShown(plannerPage.page)).toBe(before.brickClayMines);

    // 新立 from the approved proposal.
    const form = first.panel.getByRole('form', { name: '新立矿业权' });
    await first.panel.getByRole('button', { name: '新立矿业权' }).click();
    await form.locator('select[name="register-proposal"]').selectOption({ label: `${PROPOSAL} · 砖瓦用粘土` });
    await form.getByLabel('许可证号').fill(LICENCE_NO);
    await form.getByLabel('有效期起').fill('2026-01-01');
    await form.getByLabel('有效期止').fill('2029-01-01');
    await form.locator('select[name="register-scale"]').selectOption({ label: '小型' });
    await form.getByLabel('文号').fill('宁自然资矿字〔2026〕21号');
    await form.getByRole('button', { name: '登记' }).click();
    await first.panel.getByRole('status').filter({ hasText: '矿业权已登记。' }).waitFor();
    const card = first.panel.getByRole('region', { name: `矿业权 ${LICENCE_NO}` });
    expect(await card.locator('.licence-state').first().textContent()).toBe('有效');
    expect(await card.getByRole('list', { name: '登记历史' }).textContent()).toMatch(/新立\s*2026-01-01 · 宁自然资矿字〔2026〕21号\s*· 系统管理员/);
    const registered = await productState(admin);
    expect(registered).toEqual({ brickClayMines: before.brickClayMines + 1, overlapsARight: true });
    expect(await checkOverlapsARight(reviewerPage.page, reviewerPage.panel)).toBe(true);
    expect(await brickClayMinesShown(plannerPage.page, today)).toBe(before.brickClayMines + 1);
    expect((await api(admin, 'GET', `/api/proposals/${proposal.id}`)).status).toBe('licensed');
    // The register filters by mineral and by township (the one holding most of the right).
    const search = first.panel.getByRole('form', { name: '查询台账' });
    const listed = () => first.panel.getByRole('list', { name: '矿业权' }).getByRole('button', { name: new RegExp(LICENCE_NO) }).count();
    const { township } = (await api(admin, 'GET', `/api/licences?q=${LICENCE_NO}`)).licences[0];
    await search.getByLabel('许可证号、矿业权人或矿山名称').fill(LICENCE_NO);
    const places = await search.locator('select[name="licence-township"] option').allTextContents();
    const elsewhere = places.find((name) => name !== township.name && name !== '全部')!;
    // Each step changes what is listed, so each wait sees the answer to its own query.
    for (const [mineral, place, shown] of [['煤炭', '', 0], ['砖瓦用粘土', township.name, 1], ['砖瓦用粘土', elsewhere, 0]] as const) {
      await search.locator('select[name="licence-mineral"]').selectOption({ label: mineral });
      await search.locator('select[name="licence-township"]').selectOption(place ? { label: place } : { value: '' });
      await search.getByRole('button', { name: '查询' }).click();
      await expect.poll(listed).toBe(shown);
    }
    // The map asks for the tiles again once the rights layer changed: their URL names the new data revision.
    await expect.poll(() => tileRevisionsAsked(first.requests.urls)).toBeGreaterThan(1);

    // A second admin's page opens the same licence; the first renews it meanwhile.
    const second = await registerPage();
    const stale = await openLicence(second.page);
    await recordAct(first.page, '延续', '宁自然资矿字〔2026〕30号', (f) => f.getByLabel('有效期止').fill('2032-01-01'));
    await card.getByRole('status').filter({ hasText: '已登记。' }).waitFor();
    await expect.poll(() => card.locator('.licence-fields').textContent()).toContain('2032-01-01');

    // The second page's 注销, made on the version it read, is refused and names who renewed it.
    await recordAct(second.page, '注销', '宁自然资矿字〔2026〕31号');
    await stale.getByRole('alert').filter({ hasText: /已由 系统管理员 于 .*保存为第 2 版/ }).waitFor();
    expect((await productState(admin)).overlapsARight).toBe(true);
    expect(await checkOverlapsARight(reviewerPage.page, reviewerPage.panel), 'renewed, the right still stands in the way').toBe(true);
    // It now shows the renewal; the 注销 goes through.
    await expect.poll(() => stale.locator('.licence-fields').textContent()).toContain('2032-01-01');
    await recordAct(second.page, '注销', '宁自然资矿字〔2026〕31号');
    await expect.poll(() => stale.locator('.licence-state').first().textContent()).toBe('注销');
    expect(await productState(admin)).toEqual(before);
    expect(await checkOverlapsARight(reviewerPage.page, reviewerPage.panel), 'revoked, the right no longer counts').toBe(false);
    expect(await brickClayMinesShown(plannerPage.page, '')).toBe(before.brickClayMines);
    expect([...plannerPage.errors, ...reviewerPage.errors]).toEqual([]);
    await Promise.all([plannerPage.context.close(), reviewerPage.context.close()]);
    expect(await stale.getByText('该矿业权已注销，不能再登记其他事项。').count()).toBe(1);
    // The register as it stood before the revocation still has it valid.
    const history = await api(admin, 'GET', `/api/licences?q=${LICENCE_NO}&asOf=2026-06-01`);
    expect(history.licences[0]).toMatchObject({ state: 'valid', validTo: '2029-01-01' });

    // The audit view of today, every register, lists each step of the chain, newest first: the
    // accounts the admin created, the proposal saved, sent for review and approved, the licence
    // registered, renewed and revoked; and the chain holds.
    await second.panel.getByRole('tab', { name: '审计日志' }).click();
    const filters = second.panel.getByRole('form', { name: '筛选审计日志' });
    await filters.getByLabel('起始日期').fill(today);
    await filters.getByLabel('截止日期').fill(today);
    await filters.getByRole('button', { name: '查询' }).click();
    const entries = second.panel.getByRole('list', { name: '审计日志' }).getByRole('listitem');
    const chain = [
      '系统管理员 (admin) 注销了 矿业权台账',
      '系统管理员 (admin) 延续了 矿业权台账',
      '系统管理员 (admin) 登记了 矿业权台账',
      `${REVIEWER.displayName} (${REVIEWER.username}) 同意了 方案`,
      `${PLANNER.displayName} (${PLANNER.username}) 送审了 方案`,
      `${PLANNER.displayName} (${PLANNER.username}) 新建了 方案`,
      '系统管理员 (admin) 新建了 用户',
      '系统管理员 (admin) 新建了 用户',
    ];
    /** The steps of `chain` found in the listed entries, in the order listed. */
    const stepsListed = async () => {
      const texts = await entries.allTextContents();
      let at = 0;
      const found: string[] = [];
      for (const step of chain) {
        const i = texts.findIndex((text, j) => j >= at && text.includes(step));
        if (i < 0) break;
        found.push(step);
        at = i + 1;
      }
      return found;
    };
    await expect.poll(stepsListed).toEqual(chain);
    await second.panel.getByRole('button', { name: '核验审计链' }).click();
    await second.panel.getByRole('status').filter({ hasText: '审计链完整。' }).waitFor();
    await first.page.screenshot({ path: SCREENSHOT });
    expect([...first.errors, ...second.errors]).toEqual([]);
    expect([...first.requests.external(), ...second.requests.external()]).toEqual([]);
  }, 300_000);
});

describe('新立 from a file, in a real browser', () => {
  it('registers a right whose boundary is the first polygon of a GeoJSON file', async () => {
    const { panel, errors } = await registerPage();
    const licenceNo = 'C6210252026127130000002';
    const boundary = blockSquare(40);
    await panel.getByRole('button', { name: '新立矿业权' }).click();
    const form = panel.getByRole('form', { name: '新立矿业权' });
    await form.locator('select[name="register-source"]').selectOption('file');
    await form.locator('select[name="register-mineral"]').selectOption({ label: '砖瓦用粘土' });
    const file = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: boundary }] };
    await form.locator('input[type="file"]').setInputFiles({ name: '范围.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(file)) });
    await form.getByRole('status').filter({ hasText: '已从文件读取范围。' }).waitFor();
    await form.getByLabel('许可证号').fill(licenceNo);
    await form.getByLabel('有效期起').fill('2026-02-01');
    await form.getByLabel('有效期止').fill('2029-02-01');
    await form.locator('select[name="register-scale"]').selectOption({ label: '小型' });
    await form.locator('input[name="register-holder"]').fill('东沟二号建材有限公司');
    await form.locator('input[name="register-mine-name"]').fill('东沟二号砖厂');
    await form.locator('input[name="register-capacity"]').fill('5');
    await form.getByLabel('文号').fill('宁自然资矿字〔2026〕40号');
    await form.getByRole('button', { name: '登记' }).click();
    await panel.getByRole('status').filter({ hasText: '矿业权已登记。' }).or(panel.getByRole('alert')).first().waitFor();
    expect(await panel.getByRole('alert').allTextContents()).toEqual([]);
    await panel.getByRole('region', { name: `矿业权 ${licenceNo}` }).waitFor();
    // The register holds the file's square: its bounding box is the square's.
    const admin = await loginCookie(suite.server.url, 'admin', TEST_ADMIN_PASSWORD);
    const [row] = (await api(admin, 'GET', `/api/licences?q=${licenceNo}`)).licences;
    const ring = boundary.coordinates[0];
    const expected = [Math.min(...ring.map((p) => p[0])), Math.min(...ring.map((p) => p[1])), Math.max(...ring.map((p) => p[0])), Math.max(...ring.map((p) => p[1]))];
    expect((row.bbox as number[]).map((v, i) => Math.abs(v - expected[i]) < 1e-7)).toEqual([true, true, true, true]);
    expect(errors).toEqual([]);
  }, 120_000);
});

/** Draws a square of 80 px in the middle of the map left free by the panel, closed with Enter; its corners in lon/lat. */
async function drawSquare(page: Page, panel: ReturnType<Page['getByRole']>) {
  const canvas = (await page.locator('.maplibregl-canvas').boundingBox())!;
  const side = (await panel.boundingBox())!;
  const left = side.x > canvas.x + canvas.width / 2 ? canvas.x : side.x + side.width;
  const right = side.x > canvas.x + canvas.width / 2 ? side.x : canvas.x + canvas.width;
  const [cx, cy] = [(left + right) / 2, canvas.y + canvas.height / 2];
  const corners = [[-40, -40], [40, -40], [40, 40], [-40, 40]].map(([dx, dy]) => ({ x: cx + dx, y: cy + dy }));
  for (const { x, y } of corners) {
    await page.mouse.move(x, y, { steps: 3 });
    await page.mouse.click(x, y);
    await page.waitForTimeout(100);
  }
  await page.keyboard.press('Enter');
  return page.evaluate((points) => points.map((p) => window.__mpmMap!.unproject([p.x, p.y]).toArray()), corners.map((c) => ({ x: c.x - canvas.x, y: c.y - canvas.y })));
}

/** The extent of `points`, [west, south, east, north]. */
const extentOf = (points: number[][]) => [Math.min(...points.map((p) => p[0])), Math.min(...points.map((p) => p[1])), Math.max(...points.map((p) => p[0])), Math.max(...points.map((p) => p[1]))];

describe('a boundary drawn on the map or read from a file, in a real browser', () => {
  it('registers a right drawn on the map (新立), then changes its boundary (变更) from a file and from a drawing, each a new geometry version', async () => {
    const { page, panel, errors } = await registerPage();
    const licenceNo = 'C6210252026127130000003';
    const admin = await loginCookie(suite.server.url, 'admin', TEST_ADMIN_PASSWORD);
    const [lon, lat] = blockCentre();
    await page.evaluate((c) => window.__mpmMap!.jumpTo({ center: c, zoom: 15 }), [lon + 0.01, lat] as [number, number]);
    await panel.getByRole('button', { name: '新立矿业权' }).click();
    const form = panel.getByRole('form', { name: '新立矿业权' });
    await form.locator('select[name="register-source"]').selectOption({ label: '在地图上绘制' });
    await form.locator('select[name="register-mineral"]').selectOption({ label: '砖瓦用粘土' });
    await form.getByRole('button', { name: '在地图上绘制' }).click();
    const drawn = await drawSquare(page, panel);
    await form.getByRole('status').filter({ hasText: '已在地图上绘制范围。' }).waitFor();
    await form.getByLabel('许可证号').fill(licenceNo);
    await form.getByLabel('有效期起').fill('2026-03-01');
    await form.getByLabel('有效期止').fill('2029-03-01');
    await form.locator('select[name="register-scale"]').selectOption({ label: '小型' });
    await form.locator('input[name="register-holder"]').fill('东沟三号建材有限公司');
    await form.locator('input[name="register-mine-name"]').fill('东沟三号砖厂');
    await form.locator('input[name="register-capacity"]').fill('5');
    await form.getByLabel('文号').fill('宁自然资矿字〔2026〕50号');
    await form.getByRole('button', { name: '登记' }).click();
    await panel.getByRole('status').filter({ hasText: '矿业权已登记。' }).or(panel.getByRole('alert')).first().waitFor();
    expect(await panel.getByRole('alert').allTextContents()).toEqual([]);
    const card = panel.getByRole('region', { name: `矿业权 ${licenceNo}` });
    await card.waitFor();
    const close = (a: number[], b: number[]) => a.map((v, i) => Math.abs(v - b[i]) < 1e-6);
    const [row] = (await api(admin, 'GET', `/api/licences?q=${licenceNo}`)).licences;
    expect(close(row.bbox, extentOf(drawn))).toEqual([true, true, true, true]);
    /** The outer rings of the right's boundaries, oldest geometry version first. */
    const boundaries = async () =>
      ((await api(admin, 'GET', `/api/licences/mining_rights/${row.featureId}`)).boundaries as { geometryVersion: number; geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon }[])
        .sort((x, y) => x.geometryVersion - y.geometryVersion)
        .map((b) => (b.geometry.type === 'Polygon' ? b.geometry.coordinates[0] : b.geometry.coordinates[0][0]));

    // 变更 from a file: the file's square becomes the second boundary, the drawn one kept.
    const fromFile = blockSquare(35);
    const file = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: fromFile }] };
    await recordAct(page, '变更', '宁自然资矿字〔2026〕51号', async (f) => {
      await f.locator('select[name="act-boundary-source"]').selectOption({ label: 'GeoJSON 或 KML 文件' });
      await f.locator('input[type="file"]').setInputFiles({ name: '变更范围.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(file)) });
      await f.getByRole('status').filter({ hasText: '已从文件读取范围。' }).waitFor();
    });
    await card.getByRole('status').filter({ hasText: '已登记。' }).or(card.getByRole('alert')).first().waitFor();
    expect(await card.getByRole('alert').allTextContents()).toEqual([]);
    await expect.poll(async () => (await boundaries()).length).toBe(2);
    const [first, second] = await boundaries();
    expect(close(extentOf(first), extentOf(drawn))).toEqual([true, true, true, true]);
    expect(close(extentOf(second), extentOf(fromFile.coordinates[0]))).toEqual([true, true, true, true]);

    // 变更 from a drawing: a third boundary.
    const form2 = page.getByRole('form', { name: '登记事项' });
    await form2.locator('select[name="licence-act"]').selectOption({ label: '变更' });
    await form2.locator('select[name="act-boundary-source"]').selectOption({ label: '在地图上绘制' });
    await form2.getByRole('button', { name: '在地图上绘制' }).click();
    const redrawn = await drawSquare(page, panel);
    await form2.getByRole('status').filter({ hasText: '已在地图上绘制范围。' }).waitFor();
    await form2.getByLabel('文号').fill('宁自然资矿字〔2026〕52号');
    await form2.getByRole('button', { name: '登记' }).click();
    await expect.poll(async () => (await boundaries()).length).toBe(3);
    expect(close(extentOf((await boundaries())[2]), extentOf(redrawn))).toEqual([true, true, true, true]);
    expect(await card.getByRole('alert').allTextContents()).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);
});

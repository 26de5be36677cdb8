import { describe, expect, it } from 'vitest';
import { useServerAndBrowser, waitForMapIdle } from './helpers/browser.ts';
import { collectErrors, createInspector, loginCookie, signIn } from './helpers/inspector.ts';
import { TEST_ADMIN_PASSWORD } from './helpers/server.ts';

const suite = useServerAndBrowser();

/** What `GET /api/sweep` answers, as far as this test reads it. */
interface SweepLatest {
  run: { id: number; rightsSwept: number; findings: { id: number; problem: string; leadId: number | null }[] } | null;
}

/** Today in China time, as the ledger's dates are kept. */
const today = () => new Date().toLocaleDateString('sv', { timeZone: 'Asia/Shanghai' });

describe('the sweep of existing mines in the browser (issue #15)', () => {
  it('runs the sweep, turns two rows into leads (never twice), hands one over to 公安 and closes it with the receiving case number', async () => {
    const inspector = await createInspector(suite.server.url, 'inspector-sweep');
    const cookie = await loginCookie(suite.server.url, inspector.username, inspector.password);
    const latest = async () => (await (await fetch(`${suite.server.url}/api/sweep`, { headers: { cookie } })).json()) as SweepLatest;

    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors = collectErrors(page, (text) => text.includes('409'));
    await page.goto(suite.server.url);
    await waitForMapIdle(page);
    await signIn(page, inspector);
    await page.getByRole('group', { name: '模式' }).getByRole('button', { name: '巡查' }).click();
    const panel = page.getByRole('complementary', { name: '执法巡查' });

    // Run it now: the last run names who ran it, and the table cites its seeds.
    await panel.getByRole('tab', { name: '存量排查' }).click();
    await panel.getByRole('button', { name: '立即排查' }).click();
    const last = panel.locator('.sweep-last');
    await expect.poll(() => last.locator('.sweep-last-when').textContent()).toContain('手动排查 · 巡查员（测试）');
    const run = (await latest()).run!;
    expect(await last.locator('.sweep-last-counts').textContent()).toContain(`排查矿业权 ${run.rightsSwept} 个，发现问题 ${run.findings.length} 项`);
    const table = panel.locator('.sweep-table');
    expect(await table.locator('tbody tr').count()).toBe(run.findings.length);
    const row = (problem: string, licenceEnd: string) => table.locator(`tr[data-problem="${problem}"][data-licence$="${licenceEnd}"]`);
    const redLine = row('inEcoRedline', 'DEMO03');
    expect(await redLine.textContent()).toContain('位于生态保护红线内');
    expect(await redLine.locator('.sweep-basis').textContent()).toContain('《昌江区深入整治规范矿产资源保护开发利用专项行动实施方案》');

    // Filtered by problem: only the pit without a fund account; it becomes a lead.
    await panel.getByLabel('问题', { exact: true }).selectOption('noFundAccount');
    expect(await table.locator('tbody tr').count()).toBe(1);
    await row('noFundAccount', 'DEMO04').getByRole('button', { name: '转为线索' }).click();
    await row('noFundAccount', 'DEMO04').locator('.sweep-lead').waitFor();
    const fundLead = (await latest()).run!.findings.find((f) => f.problem === 'noFundAccount')!.leadId!;
    expect(await row('noFundAccount', 'DEMO04').locator('.sweep-lead').textContent()).toBe(`台账 #${fundLead}`);

    // Back to every row: the red-line problem becomes the second lead.
    await panel.getByLabel('问题', { exact: true }).selectOption('');
    await redLine.getByRole('button', { name: '转为线索' }).click();
    await redLine.locator('.sweep-lead').waitFor();
    const redLineLead = (await latest()).run!.findings.find((f) => f.problem === 'inEcoRedline')!.leadId!;
    expect(redLineLead).not.toBe(fundLead);

    // Someone else makes a third row a lead meanwhile: the click here is refused and names that lead.
    const farmland = run.findings.find((f) => f.problem === 'onPermanentFarmland')!;
    const elsewhere = await fetch(`${suite.server.url}/api/sweep/findings/${farmland.id}/lead`, { method: 'POST', headers: { cookie } });
    expect(elsewhere.status).toBe(201);
    const { leadId: farmlandLead } = (await elsewhere.json()) as { leadId: number };
    await row('onPermanentFarmland', 'DEMO01').getByRole('button', { name: '转为线索' }).click();
    const exists = row('onPermanentFarmland', 'DEMO01').locator('.sweep-lead-exists');
    await exists.waitFor();
    expect(await exists.textContent()).toContain(`已转为台账线索（记录 ${farmlandLead}），不再重复转入`);
    expect(await row('onPermanentFarmland', 'DEMO01').locator('.sweep-lead').textContent()).toBe(`台账 #${farmlandLead}`);

    // A second run finds the same problems and names the same leads: never a second one.
    await panel.getByRole('button', { name: '立即排查' }).click();
    await expect.poll(async () => (await latest()).run!.id).not.toBe(run.id);
    await expect.poll(() => row('noFundAccount', 'DEMO04').locator('.sweep-lead').textContent()).toBe(`台账 #${fundLead}`);
    expect(await redLine.locator('.sweep-lead').textContent()).toBe(`台账 #${redLineLead}`);
    const leads = (await (await fetch(`${suite.server.url}/api/ledger?source=survey`, { headers: { cookie } })).json()) as { entries: { id: number }[] };
    expect(leads.entries.map((e) => e.id).sort((a, b) => a - b)).toEqual([fundLead, redLineLead, farmlandLead].sort((a, b) => a - b));

    // The red-line lead opens in the ledger: handed over to 公安, concluded with the receiving case number.
    await redLine.locator('.sweep-lead').click();
    const entry = panel.locator(`.ledger-entry[data-entry-id="${redLineLead}"]`);
    await expect.poll(() => entry.textContent()).toContain('依据：');
    const handovers = entry.locator('.entry-handovers');
    await handovers.getByLabel('移交至').selectOption({ label: '公安' });
    await handovers.getByLabel('接收部门').fill('正宁县公安局');
    await handovers.getByLabel('移交日期').fill(today());
    await handovers.getByRole('button', { name: '移交', exact: true }).click();
    const item = handovers.locator('li[data-status="handedOver"]');
    await item.waitFor();
    await item.getByLabel('接收案号').fill('宁公（刑）立字〔2026〕101号');
    await item.getByLabel('办理结果', { exact: true }).fill('已立案侦查');
    await item.getByLabel('办结日期').fill(today());
    await item.getByRole('button', { name: '登记办理结果' }).click();
    const concluded = handovers.locator('li[data-status="concluded"]');
    await concluded.waitFor();
    expect(await concluded.textContent()).toContain('接收案号 宁公（刑）立字〔2026〕101号');

    // The inspector takes it to 已整改; 销号 is the bureau's sign-off, an admin's.
    for (const status of ['核查中', '整改中', '已整改']) {
      await entry.getByRole('button', { name: `转为${status}` }).click();
      await expect.poll(() => entry.locator('.entry-workflow').textContent()).not.toContain(`转为${status}`);
    }
    expect(await entry.locator('.entry-workflow').textContent()).not.toContain('转为销号');
    // …and the inspector is told so: the step shown as someone else's, with who takes it (issue #12).
    expect(await entry.locator('.steps-not-yours li[data-to="closed"]').textContent()).toBe('销号：由管理员办理，您的角色不能办理');
    expect(errors).toEqual([]);
    await context.close();

    const adminContext = await suite.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const adminPage = await adminContext.newPage();
    const adminErrors = collectErrors(adminPage);
    await adminPage.goto(suite.server.url);
    await waitForMapIdle(adminPage);
    await signIn(adminPage, { username: 'admin', password: TEST_ADMIN_PASSWORD });
    await adminPage.getByRole('group', { name: '模式' }).getByRole('button', { name: '巡查' }).click();
    const adminPanel = adminPage.getByRole('complementary', { name: '执法巡查' });
    await adminPanel.getByRole('tab', { name: '存量排查' }).click();
    await adminPanel.locator(`tr[data-problem="inEcoRedline"] .sweep-lead`).click();
    const adminEntry = adminPanel.locator(`.ledger-entry[data-entry-id="${redLineLead}"]`);
    await adminEntry.getByRole('button', { name: '转为销号' }).click();
    await expect.poll(() => adminEntry.locator('.entry-final').textContent()).toContain('此条目已办结：销号');
    const admin = await loginCookie(suite.server.url, 'admin', TEST_ADMIN_PASSWORD);
    const stored = (await (await fetch(`${suite.server.url}/api/ledger/${redLineLead}`, { headers: { cookie: admin } })).json()) as {
      status: string;
      source: string;
      handovers: { department: string; caseNumber: string; status: string }[];
    };
    expect(stored).toMatchObject({ status: 'closed', source: 'survey' });
    expect(stored.handovers).toEqual([expect.objectContaining({ department: 'publicSecurity', caseNumber: '宁公（刑）立字〔2026〕101号', status: 'concluded' })]);
    expect(adminErrors).toEqual([]);
    await adminContext.close();
  });
});

describe('the sweep’s registers in 管理 mode (issue #15)', () => {
  it('lists a holder (a missing 文号 refused in the user’s language), delists it, and shows the green-mine directory’s exits', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors = collectErrors(page, (text) => text.includes('400'));
    await page.goto(suite.server.url);
    await waitForMapIdle(page);
    await signIn(page, { username: 'admin', password: TEST_ADMIN_PASSWORD });
    await page.getByRole('group', { name: '模式' }).getByRole('button', { name: '管理' }).click();
    const panel = page.getByRole('complementary', { name: '系统管理' });

    await panel.getByRole('tab', { name: '异常名录' }).click();
    const list = panel.getByRole('list', { name: '矿业权人异常名录/严重违法失信名单' });
    await list.locator('li').first().waitFor();
    // The demo's listing in force, and the one ended with its reason.
    expect(await list.locator('li[data-in-force="true"]').first().textContent()).toContain('正宁县示范页岩砖厂');
    expect(await list.locator('li[data-in-force="false"]').first().textContent()).toContain('已移出 2024-05-20');

    await panel.getByRole('button', { name: '列入名录' }).click();
    const form = panel.getByRole('form', { name: '列入名录' });
    await form.getByLabel('矿业权人').fill('正宁县示范建材有限公司');
    await form.getByLabel('列入原因').fill('拒不履行矿山地质环境治理义务（测试）');
    await form.getByLabel('列入日期').fill('2026-01-05');
    await form.getByRole('button', { name: '列入', exact: true }).click();
    await expect.poll(() => form.locator('.form-error').textContent()).toBe('未保存：异常名录记录缺少文号（列入决定的文件编号），本次未保存。');
    await form.getByLabel('文号').fill('宁自然资发〔2026〕3号');
    await form.getByRole('button', { name: '列入', exact: true }).click();
    const added = list.locator('li').filter({ hasText: '宁自然资发〔2026〕3号' });
    await added.waitFor();
    expect(await added.getAttribute('data-in-force')).toBe('true');

    await added.getByRole('button', { name: '移出名录…' }).click();
    await added.getByLabel('移出原因').fill('整改到位（测试）');
    await added.getByRole('button', { name: '移出', exact: true }).click();
    await expect.poll(() => added.getAttribute('data-in-force')).toBe('false');
    expect(await added.textContent()).toContain('整改到位（测试）');

    // The green-mine directory keeps the coal mine's exit; in English with the switch.
    await panel.getByRole('tab', { name: '绿色矿山名录' }).click();
    await panel.getByRole('list', { name: '绿色矿山名录' }).waitFor();
    // By class: the panel's and the list's names change language too.
    const coal = page.locator('.admin-panel .register-list li').filter({ hasText: 'DEMO01' });
    await coal.waitFor();
    expect(await coal.textContent()).toContain('已移出 2025-09-30');
    await page.getByRole('group', { name: '语言' }).getByRole('button', { name: 'English' }).click();
    await expect.poll(() => coal.textContent()).toContain('Delisted 2025-09-30');
    expect(await coal.textContent()).toContain('Provincial');
    expect(errors).toEqual([]);
    await context.close();
  });
});

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { APIResponse } from 'playwright-core';
import { useServerAndBrowser, waitForMapIdle } from './helpers/browser.ts';
import { collectErrors, createInspector, loginCookie, signIn } from './helpers/inspector.ts';

const suite = useServerAndBrowser();

/** A downloaded PDF's text, laid out as on the page (pdftotext -layout). */
async function pdfText(answer: APIResponse): Promise<string> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-pdf-')), 'entry.pdf');
  fs.writeFileSync(file, await answer.body());
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** A small square around a point in the demo county (EPSG:4490). */
const SITE: GeoJSON.Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [108.35, 35.40],
      [108.3505, 35.40],
      [108.3505, 35.4005],
      [108.35, 35.4005],
      [108.35, 35.40],
    ],
  ],
};

describe('the ledger and the campaigns as the campaigns run them (issue #15)', () => {
  it('hands a ledger entry over to 公安 and concludes it with the receiving case number; the calendar shows a fixed day’s dues', async () => {
    const inspector = await createInspector(suite.server.url, 'inspector-campaigns');
    const cookie = await loginCookie(suite.server.url, inspector.username, inspector.password);
    const made = await fetch(`${suite.server.url}/api/ledger`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ title: '夜间盗采砂石（媒体披露）', source: 'media', violationType: 'destructiveMining', geometry: SITE }),
    });
    expect(made.status).toBe(201);
    const { id } = (await made.json()) as { id: number };

    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(suite.server.url);
    await waitForMapIdle(page);
    await signIn(page, inspector);
    await page.getByRole('group', { name: '模式' }).getByRole('button', { name: '巡查' }).click();
    const panel = page.getByRole('complementary', { name: '执法巡查' });

    // The entry: its source and type from the campaigns' lists, then the responsible person and measures.
    await panel.getByRole('tab', { name: '问题台账' }).click();
    await panel.locator(`.ledger-row[data-entry-id="${id}"]`).click();
    const entry = panel.locator(`.ledger-entry[data-entry-id="${id}"]`);
    await expect.poll(() => entry.locator('.violation-basis').textContent()).toContain('002 三（二）破坏性采矿');
    expect(await entry.textContent()).toContain('媒体披露');
    await entry.getByLabel('责任人员').fill('王五');
    await entry.getByLabel('整改措施').fill('立即停止开采，恢复植被');
    await entry.getByRole('button', { name: '保存信息' }).click();
    await expect.poll(async () => (await fetch(`${suite.server.url}/api/ledger/${id}`, { headers: { cookie } }).then((r) => r.json())).responsiblePerson).toBe('王五');

    // 移交 公安, then the receiving department's case number and result.
    const handovers = entry.locator('.entry-handovers');
    await handovers.getByLabel('移交至').selectOption({ label: '公安' });
    await handovers.getByLabel('接收部门').fill('县公安局');
    await handovers.getByLabel('移交日期').fill('2026-11-20');
    await handovers.getByRole('button', { name: '移交', exact: true }).click();
    const item = handovers.locator('li[data-status="handedOver"]');
    await item.waitFor();
    expect(await item.textContent()).toContain('公安 · 县公安局 · 2026-11-20 · 已移交');
    await item.getByLabel('接收案号').fill('公刑立〔2026〕77号');
    await item.getByLabel('办理结果', { exact: true }).fill('已立案侦查');
    await item.getByLabel('办结日期').fill('2026-11-28');
    await item.getByRole('button', { name: '登记办理结果' }).click();
    const concluded = handovers.locator('li[data-status="concluded"]');
    await concluded.waitFor();
    expect(await concluded.textContent()).toContain('接收案号 公刑立〔2026〕77号 · 2026-11-28 · 已立案侦查');
    expect(await entry.locator('.entry-history li[data-kind="handoverResult"]').count()).toBe(1);
    const stored = (await (await fetch(`${suite.server.url}/api/ledger/${id}`, { headers: { cookie } })).json()) as {
      handovers: { department: string; caseNumber: string; status: string }[];
    };
    expect(stored.handovers).toEqual([expect.objectContaining({ department: 'publicSecurity', caseNumber: '公刑立〔2026〕77号', status: 'concluded' })]);

    // The entry prints as one PDF page, from a link in the entry, with its number and its history.
    const printLink = entry.getByRole('link', { name: '打印为 PDF（单页）' });
    expect(await printLink.getAttribute('href')).toBe(`/api/ledger/${id}/report.pdf?lang=zh`);
    const printed = await context.request.get(new URL((await printLink.getAttribute('href'))!, suite.server.url).href);
    expect(printed.status()).toBe(200);
    expect(printed.headers()['content-type']).toBe('application/pdf');
    const entryText = await pdfText(printed);
    expect(entryText).toMatch(new RegExp(`编号\\s+${id}\\s`));
    for (const step of ['登记', '修改信息', '移交 · 已办结']) expect(entryText).toContain(step);

    // The export with notes and history: the switch puts ?details=true on both links, and the file has the two columns.
    await panel.getByRole('button', { name: '返回列表' }).click();
    const csvLink = panel.getByRole('link', { name: '导出 CSV' });
    expect(await csvLink.getAttribute('href')).not.toContain('details');
    await panel.getByRole('checkbox', { name: '导出时含备注与办理过程' }).check();
    const csvHref = (await csvLink.getAttribute('href'))!;
    expect(csvHref).toContain('details=true');
    expect(await panel.getByRole('link', { name: '导出 Excel' }).getAttribute('href')).toContain('details=true');
    const csv = await (await context.request.get(new URL(csvHref, suite.server.url).href)).text();
    expect(csv.split('\n')[0].trim()).toMatch(/,备注,办理过程$/);
    expect(csv).toContain('移交 · 已办结');

    // The reporting calendar on a fixed day: 12 December 2022. The demo bureau sent every report on
    // its day but the campaigns' closing ones (December 2022 and the 2022 annual summary).
    await panel.getByRole('tab', { name: '专项行动' }).click();
    const calendar = panel.locator('.reporting-calendar');
    await calendar.locator('.calendar-campaign').first().waitFor();
    await calendar.getByLabel('日期').fill('2022-12-12');
    const structure = calendar.locator('.calendar-campaign[data-campaign="xinbin-structure"]');
    const restoration = calendar.locator('.calendar-campaign[data-campaign="xinbin-restoration"]');
    const reports = (campaign: typeof structure, state: string) =>
      campaign.locator(`li[data-state="${state}"]`).evaluateAll((items) => items.map((li) => li.getAttribute('data-report')));
    // Seed 000 reports by the 10th: December's report and the annual summary are late, nothing else is.
    await expect.poll(() => reports(structure, 'reportLate')).toEqual(['yearReport:2022', 'monthReport:2022-12']);
    expect(await reports(structure, 'reportDue')).toEqual([]);
    // Seed 001 reports by the 15th: both still due.
    await expect.poll(() => reports(restoration, 'reportDue')).toEqual(['monthReport:2022-12', 'yearReport:2022']);
    expect(await restoration.locator('li[data-report="yearReport:2022"]').textContent()).toContain('年度总结 2022 · 2022-12-15');

    // The annual summary sent that day leaves the list.
    await restoration.locator('li[data-report="yearReport:2022"]').getByRole('button', { name: '登记当日已报送' }).click();
    await expect.poll(() => reports(restoration, 'reportDue')).toEqual(['monthReport:2022-12']);

    // The borrowed tasks: 003's self-check deadline precedes its phase, as the document has it.
    const selfCheck = panel.locator('.campaign[data-campaign="xinbin-enforcement"] .campaign-task').filter({ hasText: '矿山企业自查' });
    expect(await selfCheck.textContent()).toContain('2019年9月31日前');
    expect(await selfCheck.locator('.task-inconsistent').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});

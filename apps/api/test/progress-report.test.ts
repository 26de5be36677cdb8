import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RestorationSummaryResponse } from '@mpm/contracts';
import { REPO_ROOT } from '../src/config.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { pagePngs, pdfFonts, pdfPages, pdfText, requirePdfTools } from './helpers/pdf.ts';

const RESULTS = path.join(REPO_ROOT, 'test-results');
const url = (query: string) => `/api/reports/progress.pdf?${query}`;

/** The file name a Content-Disposition header offers in RFC 5987's `filename*`. */
function offeredName(disposition: string | undefined): string {
  const encoded = /filename\*=UTF-8''([^;\s]+)/.exec(disposition ?? '')?.[1];
  if (!encoded) throw new Error(`no filename* in ${disposition}`);
  return decodeURIComponent(encoded);
}

describe.each(TEST_DATABASES)('restoration progress report on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  let inspector: string;
  const get = (query: string, cookie?: string, lang = 'zh-CN,zh;q=0.9') =>
    t.app.inject({ url: url(query), headers: { 'accept-language': lang, ...(cookie ? { cookie } : {}) } });
  /** The restoration API's own summary, the figures the report must agree with. */
  const summary = async (asOf: string) =>
    (await t.app.inject({ url: `/api/restoration/summary?asOf=${asOf}` })).json() as RestorationSummaryResponse;
  /** Done between two days by the summary API, over all target rows (mu, 2 decimals). */
  const doneBetween = async (dayBefore: string, lastDay: string) => {
    const [before, end] = [await summary(dayBefore), await summary(lastDay)];
    const done = (s: RestorationSummaryResponse) => s.rows.reduce((sum, r) => sum + r.doneToDateMu, 0);
    return done(end) - done(before);
  };

  beforeAll(async () => {
    requirePdfTools();
    t = await createTestApp(kind);
    admin = await t.login();
    const password = 'inspector-password';
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin },
      payload: { username: 'inspector1', displayName: '巡查员', role: 'inspector', password },
    });
    expect(created.statusCode, created.body).toBe(201);
    inspector = await t.login('inspector1', password);
  });
  afterAll(() => t?.close());

  it('prints the monthly report of June 2022: title, figures agreeing with the summary, chart, map, indicators', async () => {
    const response = await get('period=month&year=2022&month=6', inspector);
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const disposition = response.headers['content-disposition'] as string;
    expect(disposition).toMatch(/^attachment; filename="restoration-progress-2022-06\.pdf"; filename\*=UTF-8''/);
    expect(offeredName(disposition)).toBe('正宁县（示范）矿山地质环境恢复治理2022年6月进展报告.pdf');
    // Written before the text checks, so a failing run still leaves the pages to look at.
    expect(pagePngs(response.rawPayload, `progress-month-${kind}`, RESULTS).length).toBeGreaterThanOrEqual(2);

    const pdf = response.rawPayload;
    expect(pdfPages(pdf)).toBeGreaterThanOrEqual(2);
    // Chinese survives only if every font travels inside the file and maps back to Unicode.
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((f) => f.embedded && f.unicode), JSON.stringify(fonts)).toBe(true);
    const text = pdfText(pdf);
    const flat = pdfText(pdf, 'flat');
    expect(flat).toContain('正宁县（示范）矿山地质环境恢复治理2022年6月进展报告');
    expect(text).toContain('月度进展报告');
    expect(text).toContain('2022-06-01 至 2022-06-30');
    expect(text).toMatch(/生成时间：\s*\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    // The year × category table: the 2022 production target of seed 001, and the totals row.
    expect(text).toMatch(/2022\s+生产矿山\s+106\.00/);
    const end = await summary('2022-06-30');
    const targetTotal = end.rows.reduce((s, r) => s + r.targetMu, 0);
    const doneInJune = await doneBetween('2022-05-31', '2022-06-30');
    const doneToDate = end.rows.reduce((s, r) => s + r.doneToDateMu, 0);
    expect(text).toMatch(new RegExp(`合计\\s+${targetTotal.toFixed(2)}\\s+[\\d.]+\\s+${doneInJune.toFixed(2)}\\s+${doneToDate.toFixed(2)}`));
    expect(flat).toContain(`2022年目标${(106 + 45).toLocaleString('zh-CN')}亩`);
    // Townships, the stated totals that disagree (697 stated against the yearly rows), the map, the chart, indicators.
    expect(flat).toContain(end.details[0].townshipName);
    expect(text).toContain('697.00');
    expect(text).toContain('不一致');
    expect(text).toMatch(/图\s*例/);
    expect(text).toContain('已验收');
    expect(text).toContain('累计完成');
    expect(text).toContain('约束性指标');
    // The ledger as of the period's end: nothing had been entered by June 2022 in the demo county.
    expect(flat).toContain('八、问题台账');
    expect(flat).toContain('截至该日台账无记录。');
    expect(text).toMatch(/第 1 页，共 \d+ 页/);
  });

  it('prints the annual summary of 2022, whose done-in-period is the year\'s restoration', async () => {
    const response = await get('period=year&year=2022', admin);
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    pagePngs(response.rawPayload, `progress-year-${kind}`, RESULTS);
    expect(response.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfPages(response.rawPayload)).toBeGreaterThanOrEqual(2);
    expect(offeredName(response.headers['content-disposition'] as string)).toBe('正宁县（示范）矿山地质环境恢复治理2022年度总结.pdf');
    const text = pdfText(response.rawPayload);
    const flat = pdfText(response.rawPayload, 'flat');
    expect(flat).toContain('正宁县（示范）矿山地质环境恢复治理2022年度总结');
    expect(text).toContain('2022-01-01 至 2022-12-31');
    expect(text).toMatch(/2022\s+生产矿山\s+106\.00/);
    const doneIn2022 = await doneBetween('2021-12-31', '2022-12-31');
    expect(doneIn2022).toBeGreaterThan(0);
    expect(flat).toContain(`本期完成${Number(doneIn2022.toFixed(2)).toLocaleString('zh-CN')}亩`);
  });

  it('prints in English for the page\'s switch (lang=en) in a Chinese browser (a half-year summary)', async () => {
    const response = await get('period=halfYear&year=2021&half=1&lang=en', admin);
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    expect(response.headers['content-disposition']).toContain('filename="restoration-progress-2021-H1.pdf"');
    pagePngs(response.rawPayload, `progress-half-en-${kind}`, RESULTS);
    const text = pdfText(response.rawPayload);
    expect(text).toContain('Mine geological-environment restoration, summary of the first half of 2021');
    expect(text).toContain('2021-01-01 to 2021-06-30');
    expect(text).toMatch(/2021\s+Production mine\s+106\.00/);
    expect(text).toContain('Stated totals checked against their parts');
    expect(text).toMatch(/Page 1 of \d+/);
    expect(text).not.toContain('月度进展报告');
  });

  it('refuses a query naming no valid period with a 400 that names the problem, in the reader\'s language', async () => {
    const cases: [query: string, code: string, zh: RegExp, en: RegExp][] = [
      ['period=month&year=2022', 'monthMissing', /month/, /needs month/],
      ['period=month&year=2022&month=13', 'invalidRequest', /month/, /month/],
      ['period=month&year=2022&month=0', 'invalidRequest', /month/, /month/],
      ['period=halfYear&year=2022', 'halfMissing', /half/, /needs half/],
      ['period=year&year=2022&month=6', 'monthNotAllowed', /month/, /takes no month/],
      ['period=week&year=2022', 'invalidRequest', /period/, /period/],
      ['period=month&year=2099&month=1', 'periodInFuture', /尚未开始/, /has not begun/],
      ['period=year&year=2017', 'yearOutsidePlan', /2018—2022/, /outside the restoration plan's years, 2018 to 2022/],
      ['period=year&year=2023', 'yearOutsidePlan', /year=2023/, /year=2023/],
    ];
    for (const [query, code, zh, en] of cases) {
      const inChinese = await get(query, admin);
      expect(inChinese.statusCode, query).toBe(400);
      expect(inChinese.json().code, query).toBe(code);
      expect(inChinese.json().message, query).toMatch(zh);
      const inEnglish = await get(query, admin, 'en');
      expect(inEnglish.statusCode, query).toBe(400);
      expect(inEnglish.json().message, query).toMatch(en);
    }
  });

  it('answers 401 to anonymous visitors, before looking at the query', async () => {
    expect((await get('period=month&year=2022&month=6')).statusCode).toBe(401);
    expect((await get('period=month&year=2022')).statusCode).toBe(401);
  });
});

import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { pdfPages, pdfText, requirePdfTools } from './helpers/pdf.ts';
import { TINY_PNG, multipartForm } from './helpers/photo-fixtures.ts';
import { demoTownships, signInStaff, square } from './helpers/staff.ts';

/** `2026-12-05 23:01（北京时间） 巡查员甲 ` at the start of a history line. */
const STEP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间） 巡查员甲 /;

/** Issue #12: a ledger export can carry the notes and history, and one entry prints on one A4 page. */
describe.each(TEST_DATABASES)('a ledger entry’s notes, history and one-page report on %s', (kind) => {
  let t: TestApp;
  let cookies: Awaited<ReturnType<typeof signInStaff>>;
  let id: number;
  const township = demoTownships()[2];
  const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, ...(payload && { payload }), headers: { cookie: cookies.inspector1 } });

  beforeAll(async () => {
    requirePdfTools();
    t = await createTestApp(kind);
    cookies = await signInStaff(t);
    const created = await call('POST', '/api/ledger', { title: '砖厂越界取土', source: 'siteCheck', geometry: square(township.inside, 40), violationType: 'beyondBoundary' });
    expect(created.statusCode, created.body).toBe(201);
    id = created.json().id;
    const moved = await call('POST', `/api/ledger/${id}/transitions`, { to: 'verifying', baseRevision: created.json().revision, note: '已约谈矿主' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await call('POST', `/api/ledger/${id}/notes`, { note: '现场有新开挖痕迹' })).statusCode).toBe(201);
    const form = multipartForm({}, { name: 'site.png', type: 'image/png', bytes: TINY_PNG });
    const photo = await t.app.inject({ method: 'POST', url: `/api/ledger/${id}/photos`, payload: form.payload, headers: { ...form.headers, cookie: cookies.inspector1 } });
    expect(photo.statusCode, photo.body).toBe(201);
  });
  afterAll(() => t?.close());

  it('exports the notes and the history as two more columns on request, each step with when (China time, labelled), who and what', async () => {
    const parse = (body: Buffer) => Papa.parse<string[]>(body.subarray(3).toString('utf8'), { skipEmptyLines: true }).data;
    expect(parse((await call('GET', '/api/ledger/export.csv')).rawPayload)[0]).toHaveLength(13);
    const rows = parse((await call('GET', '/api/ledger/export.csv?details=true')).rawPayload);
    expect(rows[0]).toHaveLength(15);
    expect(rows[0].slice(13)).toEqual(['备注', '办理过程']);
    const row = rows.find((r) => r[0] === String(id))!;
    const notes = row[13].split('\n');
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatch(new RegExp(`${STEP.source}待核查 → 核查中：已约谈矿主$`));
    expect(notes[1]).toMatch(new RegExp(`${STEP.source}备注：现场有新开挖痕迹$`));
    const history = row[14].split('\n');
    expect(history.map((line) => line.replace(STEP, ''))).toEqual(['登记', '待核查 → 核查中：已约谈矿主', '备注：现场有新开挖痕迹', '上传照片']);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await call('GET', '/api/ledger/export.xlsx?details=true&lang=en')).rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(14)).toEqual(['Notes', 'History']);
    const cell = String(sheet.getRow(2).getCell(15).value);
    expect(cell.split('\n')[1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} \(China time\) 巡查员甲 To verify → Verifying: 已约谈矿主$/);
  });

  it('prints one entry on one A4 page with its fields, map, history and photo', async () => {
    const answer = await call('GET', `/api/ledger/${id}/report.pdf`);
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.headers['content-type']).toBe('application/pdf');
    expect(pdfPages(answer.rawPayload)).toBe(1);
    const text = pdfText(answer.rawPayload);
    expect(text).toContain('问题台账条目');
    expect(text).toContain('砖厂越界取土');
    expect(text).toContain(township.name);
    expect(text).toMatch(/时间（北京时间）\s+操作人\s+事项\s+备注/);
    expect(text).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}\s+巡查员甲\s+待核查 → 核查中\s+已约谈矿主/);
    expect(text).toMatch(/巡查员甲\s+备注\s+现场有新开挖痕迹/);
    expect(text).toMatch(/巡查员甲\s+上传照片/);
    expect(text).toContain('位置示意图');
    expect(text).toMatch(/巡查员甲 · \d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）/);
    expect((await call('GET', '/api/ledger/99999/report.pdf')).statusCode).toBe(404);
  });

  it('prints the entry in English with the switch (?lang=en) or Accept-Language: en, words and footer alike', async () => {
    const byQuery = await call('GET', `/api/ledger/${id}/report.pdf?lang=en`);
    expect(byQuery.statusCode, byQuery.body).toBe(200);
    const byHeader = await t.app.inject({ method: 'GET', url: `/api/ledger/${id}/report.pdf`, headers: { cookie: cookies.inspector1, 'accept-language': 'en' } });
    for (const answer of [byQuery, byHeader]) {
      expect(pdfPages(answer.rawPayload)).toBe(1);
      const text = pdfText(answer.rawPayload);
      expect(text).toContain('Ledger entry');
      expect(text).toMatch(/When \(China time\)\s+By\s+What\s+Note/);
      expect(text).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}\s+巡查员甲\s+To verify → Verifying\s+已约谈矿主/);
      expect(text).toContain('2. Location map');
      expect(text).toMatch(/Page 1 of 1/);
      expect(text).not.toMatch(/问题台账条目|基本情况|北京时间|操作人|第 1 页/);
    }
    expect((await call('GET', `/api/ledger/${id}/report.pdf?lang=fr`)).statusCode).toBe(400);
  });
});

import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { demoTownships, signInStaff, square } from './helpers/staff.ts';

const HEADERS_ZH = ['编号', '标题', '来源', '违法类型', '所在乡镇', '责任单位', '整改期限', '办理状态', '是否逾期', '经度', '纬度', '创建时间', '更新时间'];
const HEADERS_EN = ['Code', 'Title', 'Source', 'Violation type', 'Township', 'Responsible unit', 'Deadline', 'Status', 'Overdue', 'Longitude', 'Latitude', 'Created', 'Updated'];
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe.each(TEST_DATABASES)('ledger exports on %s', (kind) => {
  let t: TestApp;
  let cookies: Awaited<ReturnType<typeof signInStaff>>;
  const township = demoTownships()[4];
  const ids: Record<string, number> = {};

  const get = (url: string, headers: Record<string, string> = {}, who: keyof typeof cookies | 'anonymous' = 'planner1') =>
    t.app.inject({ method: 'GET', url, headers: { ...headers, ...(who !== 'anonymous' && { cookie: cookies[who] }) } });
  const workbook = async (body: Buffer) => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(body as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return { sheet, rows };
  };
  const csv = (body: Buffer) => Papa.parse<string[]>(body.subarray(BOM.length).toString('utf8'), { skipEmptyLines: true }).data;

  beforeAll(async () => {
    t = await createTestApp(kind);
    cookies = await signInStaff(t);
    const create = async (title: string, body: object) => {
      const answer = await t.app.inject({
        method: 'POST',
        url: '/api/ledger',
        headers: { cookie: cookies.inspector1 },
        payload: { title, source: 'siteCheck', geometry: square(township.inside, 30), ...body },
      });
      expect(answer.statusCode, answer.body).toBe(201);
      return answer.json().id as number;
    };
    ids.late = await create('砖厂超范围取土', { violationType: 'beyondBoundary', responsibleUnit: '周家镇人民政府', deadline: '2021-03-31' });
    ids.plain = await create('=HYPERLINK("http://evil")', { source: 'other', geometry: { type: 'Point', coordinates: township.inside } });
  });
  afterAll(() => t?.close());

  it('exports Excel with Chinese headers and glossary terms, real dates and a Chinese file name', async () => {
    const answer = await get('/api/ledger/export.xlsx');
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const disposition = String(answer.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="ledger-\d{4}-\d{2}-\d{2}\.xlsx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toMatch(/^问题台账-\d{4}-\d{2}-\d{2}\.xlsx$/);

    const { sheet, rows } = await workbook(answer.rawPayload);
    expect(sheet.name).toBe('问题台账');
    expect(rows[0]).toEqual(HEADERS_ZH);
    const late = rows.find((row) => row[0] === ids.late)!;
    expect(late.slice(0, 9)).toEqual([
      ids.late,
      '砖厂超范围取土',
      '现场核查',
      '超层越界开采',
      township.name,
      '周家镇人民政府',
      new Date('2021-03-31T00:00:00Z'),
      '待核查',
      '是',
    ]);
    expect(late[9]).toBeCloseTo(township.inside[0], 3);
    expect(late[10]).toBeCloseTo(township.inside[1], 3);
    expect(late[11]).toBeInstanceOf(Date);
    const plain = rows.find((row) => row[0] === ids.plain)!;
    // Text stays text: a title that looks like a formula is not one.
    expect(plain[1]).toBe('=HYPERLINK("http://evil")');
    expect(plain.slice(2, 9)).toEqual(['其他线索', undefined, township.name, undefined, undefined, '待核查', '否']);
  });

  it('exports CSV as UTF-8 with a BOM that parses back, formulas defused', async () => {
    const answer = await get('/api/ledger/export.csv');
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(String(answer.headers['content-disposition'])).toContain("filename*=UTF-8''%E9%97%AE%E9%A2%98%E5%8F%B0%E8%B4%A6-");
    expect(answer.rawPayload.subarray(0, 3).equals(BOM)).toBe(true);
    expect(answer.rawPayload.toString('utf8')).toContain('\r\n');
    const rows = csv(answer.rawPayload);
    expect(rows[0]).toEqual(HEADERS_ZH);
    const late = rows.find((row) => row[0] === String(ids.late))!;
    expect(late.slice(0, 9)).toEqual([String(ids.late), '砖厂超范围取土', '现场核查', '超层越界开采', township.name, '周家镇人民政府', '2021-03-31', '待核查', '是']);
    expect(late[11]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(rows.find((row) => row[0] === String(ids.plain))![1]).toBe(`'=HYPERLINK("http://evil")`);
  });

  it('takes the list filters and English by ?lang= or Accept-Language', async () => {
    const english = csv((await get('/api/ledger/export.csv?lang=en')).rawPayload);
    expect(english[0]).toEqual(HEADERS_EN);
    expect(english.find((row) => row[0] === String(ids.late))!.slice(2, 9)).toEqual([
      'Site check',
      'Mining beyond the approved boundary or depth',
      township.name,
      '周家镇人民政府',
      '2021-03-31',
      'To verify',
      'Yes',
    ]);
    const viaHeader = await get('/api/ledger/export.xlsx?overdue=true', { 'accept-language': 'en-GB,en;q=0.8' });
    const { rows } = await workbook(viaHeader.rawPayload);
    expect(rows[0]).toEqual(HEADERS_EN);
    expect(rows.slice(1).map((row) => row[0])).toEqual([ids.late]);
    expect(decodeURIComponent(String(viaHeader.headers['content-disposition']).split("UTF-8''")[1])).toMatch(/^Problem ledger-/);
    expect(csv((await get('/api/ledger/export.csv?status=closed')).rawPayload)).toEqual([HEADERS_ZH]);
    expect((await get(`/api/ledger/export.csv?source=other&townshipCode=${township.code}`)).rawPayload.toString()).toContain('HYPERLINK');
    expect((await get('/api/ledger/export.csv?status=finished')).statusCode).toBe(400);
  });

  it('is for staff only', async () => {
    for (const url of ['/api/ledger/export.xlsx', '/api/ledger/export.csv']) {
      expect((await get(url, {}, 'anonymous')).statusCode).toBe(401);
      expect((await get(url, {}, 'inspector1')).statusCode).toBe(200);
    }
  });
});

import { attachment } from '../../../http/attachment.ts';
import Papa from 'papaparse';
import { LEDGER_SOURCE_TERMS, term, type Language, type TermKey } from '@mpm/domain';
import { chinaDateTime } from '../reports/china-time.ts';
import type { EntryRow } from './ledger-repository.ts';

/** Most entries one export holds (a county's ledger is hundreds to a few thousand). */
export const MAX_EXPORT_ROWS = 50_000;

/** A cell: text, a number, or a date (`date`: a calendar day; `time`: an instant, shown in China time). */
type Cell = string | number | null | { date: string } | { time: Date };

interface Column {
  header: TermKey;
  width: number;
  value: (row: EntryRow, lang: Language) => Cell;
}

/** The columns, in order: 编号, 标题, 来源, 违法类型, 所在乡镇, 责任单位, 整改期限, 办理状态, 是否逾期, 经度, 纬度, 创建时间, 更新时间. */
const COLUMNS: Column[] = [
  { header: 'code', width: 8, value: (row) => row.id },
  { header: 'ledgerTitle', width: 40, value: (row) => row.title },
  { header: 'ledgerSource', width: 12, value: (row, lang) => term(LEDGER_SOURCE_TERMS[row.source], lang) },
  { header: 'violationType', width: 24, value: (row, lang) => (row.violationType ? term(row.violationType, lang) : null) },
  { header: 'township', width: 18, value: (row) => row.townshipName },
  { header: 'responsibleUnit', width: 24, value: (row) => row.responsibleUnit },
  { header: 'deadline', width: 12, value: (row) => (row.deadline ? { date: row.deadline } : null) },
  { header: 'ledgerStatus', width: 10, value: (row, lang) => term(row.status, lang) },
  { header: 'overdue', width: 9, value: (row, lang) => term(row.overdue ? 'yes' : 'no', lang) },
  { header: 'longitude', width: 12, value: (row) => Number(row.lon.toFixed(6)) },
  { header: 'latitude', width: 12, value: (row) => Number(row.lat.toFixed(6)) },
  { header: 'createdAt', width: 17, value: (row) => ({ time: new Date(row.createdAt) }) },
  { header: 'updatedAt', width: 17, value: (row) => ({ time: new Date(row.updatedAt) }) },
];

/** The header row in `lang`. */
export const exportHeaders = (lang: Language) => COLUMNS.map((column) => term(column.header, lang));

/** China Standard Time has no daylight saving: a fixed offset turns an instant into its wall-clock time. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * The entries as an Excel workbook: one sheet, headers in `lang`, terms from the glossary, real
 * numbers and dates (times as China wall-clock time, since Excel has no time zones).
 */
export async function ledgerWorkbook(rows: EntryRow[], lang: Language): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs'); // loaded on first use (about a second)
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(term('ledger', lang), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((column) => ({ header: term(column.header, lang), width: column.width }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    const added = sheet.addRow(
      COLUMNS.map((column) => {
        const cell = column.value(row, lang);
        if (cell && typeof cell === 'object' && 'date' in cell) return new Date(`${cell.date}T00:00:00Z`);
        if (cell && typeof cell === 'object' && 'time' in cell) return new Date(cell.time.getTime() + CHINA_OFFSET_MS);
        return cell;
      }),
    );
    COLUMNS.forEach((column, i) => {
      const cell = added.getCell(i + 1);
      if (column.header === 'deadline') cell.numFmt = 'yyyy-mm-dd';
      if (column.header === 'createdAt' || column.header === 'updatedAt') cell.numFmt = 'yyyy-mm-dd hh:mm';
      if (column.header === 'longitude' || column.header === 'latitude') cell.numFmt = '0.000000';
    });
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A text cell that a spreadsheet would run as a formula gets a leading apostrophe (CSV injection). */
const safe = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

/**
 * The entries as CSV: UTF-8 with a byte-order mark (so Excel reads the Chinese as UTF-8), CRLF
 * line ends, headers in `lang`, dates as `YYYY-MM-DD` and times as `YYYY-MM-DD HH:mm` China time.
 */
export function ledgerCsv(rows: EntryRow[], lang: Language): string {
  const data = rows.map((row) =>
    COLUMNS.map((column) => {
      const cell = column.value(row, lang);
      if (cell === null) return '';
      if (typeof cell === 'number') return cell;
      if (typeof cell === 'string') return safe(cell);
      return 'date' in cell ? cell.date : chinaDateTime(cell.time);
    }),
  );
  return `\uFEFF${Papa.unparse({ fields: exportHeaders(lang), data }, { newline: '\r\n' })}\r\n`;
}

/**
 * `Content-Disposition` for a download named `<问题台账|problem-ledger>-<date>.<ext>`: an ASCII
 * `filename` for old clients and the UTF-8 name as RFC 5987 `filename*`.
 */
export function attachmentHeader(lang: Language, today: string, extension: 'xlsx' | 'csv'): string {
  return attachment(`${term('ledger', lang)}-${today}.${extension}`, `ledger-${today}.${extension}`);
}

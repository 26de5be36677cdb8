import { attachment } from '../../../http/attachment.ts';
import Papa from 'papaparse';
import { LEDGER_SOURCE_TERMS, term, type Language, type TermKey } from '@mpm/domain';
import { chinaDateTime } from '../reports/china-time.ts';
import { historyLine, type HistoryEvent } from './ledger-history.ts';
import type { EntryRow } from './ledger-repository.ts';

/** Most entries one export holds (a county's ledger is hundreds to a few thousand). */
export const MAX_EXPORT_ROWS = 50_000;

/** A cell: text, a number, or a date (`date`: a calendar day; `time`: an instant, shown in China time). */
type Cell = string | number | null | { date: string } | { time: Date };

/** An entry as exported: with its history when the export asks for notes and history. */
export type ExportRow = EntryRow & { history?: readonly HistoryEvent[] };

interface Column {
  header: TermKey;
  width: number;
  value: (row: ExportRow, lang: Language) => Cell;
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

/** Lines of a multi-line cell (a spreadsheet's line break inside a cell). */
const lines = (texts: string[]): string | null => (texts.length ? texts.join('\n') : null);

/**
 * The columns an export adds on request: 备注 (each note, with when and who) and 办理过程 (every
 * step: when in China time, labelled; who; what; its note), one line each, oldest first.
 */
const DETAIL_COLUMNS: Column[] = [
  {
    header: 'ledgerNotes',
    width: 48,
    value: (row, lang) => lines((row.history ?? []).filter((event) => event.note).map((event) => historyLine(event, lang))),
  },
  { header: 'ledgerHistory', width: 64, value: (row, lang) => lines((row.history ?? []).map((event) => historyLine(event, lang))) },
];

/** The columns of an export, with notes and history or without. */
const columnsOf = (details: boolean) => (details ? [...COLUMNS, ...DETAIL_COLUMNS] : COLUMNS);

/** The header row in `lang`. */
export const exportHeaders = (lang: Language, details = false) => columnsOf(details).map((column) => term(column.header, lang));

/** China Standard Time has no daylight saving: a fixed offset turns an instant into its wall-clock time. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * The entries as an Excel workbook: one sheet, headers in `lang`, terms from the glossary, real
 * numbers and dates (times as China wall-clock time, since Excel has no time zones).
 */
export async function ledgerWorkbook(rows: ExportRow[], lang: Language, details = false): Promise<Buffer> {
  const columns = columnsOf(details);
  const { default: ExcelJS } = await import('exceljs'); // loaded on first use (about a second)
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(term('ledger', lang), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({ header: term(column.header, lang), width: column.width }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    const added = sheet.addRow(
      columns.map((column) => {
        const cell = column.value(row, lang);
        if (cell && typeof cell === 'object' && 'date' in cell) return new Date(`${cell.date}T00:00:00Z`);
        if (cell && typeof cell === 'object' && 'time' in cell) return new Date(cell.time.getTime() + CHINA_OFFSET_MS);
        return cell;
      }),
    );
    columns.forEach((column, i) => {
      const cell = added.getCell(i + 1);
      if (column.header === 'deadline') cell.numFmt = 'yyyy-mm-dd';
      if (column.header === 'createdAt' || column.header === 'updatedAt') cell.numFmt = 'yyyy-mm-dd hh:mm';
      if (column.header === 'longitude' || column.header === 'latitude') cell.numFmt = '0.000000';
      if (column.header === 'ledgerNotes' || column.header === 'ledgerHistory') cell.alignment = { wrapText: true, vertical: 'top' };
    });
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A text cell that a spreadsheet would run as a formula gets a leading apostrophe (CSV injection). */
const safe = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

/**
 * The entries as CSV: UTF-8 with a byte-order mark (so Excel reads the Chinese as UTF-8), CRLF
 * line ends, headers in `lang`, dates as `YYYY-MM-DD` and times as `YYYY-MM-DD HH:mm` China time;
 * with `details`, the notes and history columns (lines inside a quoted cell).
 */
export function ledgerCsv(rows: ExportRow[], lang: Language, details = false): string {
  const data = rows.map((row) =>
    columnsOf(details).map((column) => {
      const cell = column.value(row, lang);
      if (cell === null) return '';
      if (typeof cell === 'number') return cell;
      if (typeof cell === 'string') return safe(cell);
      return 'date' in cell ? cell.date : chinaDateTime(cell.time);
    }),
  );
  return `\uFEFF${Papa.unparse({ fields: exportHeaders(lang, details), data }, { newline: '\r\n' })}\r\n`;
}

/**
 * `Content-Disposition` for a download named `<问题台账|problem-ledger>-<date>.<ext>`: an ASCII
 * `filename` for old clients and the UTF-8 name as RFC 5987 `filename*`.
 */
export function attachmentHeader(lang: Language, today: string, extension: 'xlsx' | 'csv'): string {
  return attachment(`${term('ledger', lang)}-${today}.${extension}`, `ledger-${today}.${extension}`);
}

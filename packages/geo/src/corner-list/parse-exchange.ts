import { COUNT_MISMATCH, MALFORMED_LINE, NOT_A_NUMBER, NO_POINTS } from '../reasons.ts';
import { assemble, type RawCornerList, type RawPolygon } from './assemble.ts';
import type { RawPoint } from './coordinate.ts';
import { cornerError } from './errors.ts';
import { readHeaderKey, type HeaderStatement } from './header.ts';
import { commaFields, splitLines } from './lines.ts';
import type { CornerListError, CornerListOptions, CornerListResult } from './types.ts';

/** Section markers of the exchange file. */
export const EXCHANGE_SECTIONS = { attributes: '[属性描述]', parcels: '[地块坐标]' } as const;

/** The fields of a parcel header line and of a point row. */
export const EXCHANGE_EXPECTED = {
  parcel: '界址点数,地块面积,地块编号,地块名称,记录图形属性,图幅号,地块用途,地类编码,@',
  point: '点号,圈号,X,Y',
} as const;

const COUNT_WHAT = { zh: '界址点数', en: 'the point count (界址点数)' };

interface OpenParcel {
  readonly line: number;
  readonly declared: number;
  readonly attributes: string[];
  readonly rings: RawPoint[][];
  ringNumber?: string;
  rows: number;
}

/**
 * Reads the structure of an exchange file: `[属性描述]` key=value lines (kept verbatim), then
 * under `[地块坐标]` parcel header lines ending in `@` and rows `点号,圈号,X,Y`. A change of
 * 圈号 starts a new ring: 1 is the outer ring, 2 and up are holes.
 */
export function readExchange(text: string): RawCornerList {
  const errors: CornerListError[] = [];
  const header: HeaderStatement = {};
  const headerLines: string[] = [];
  const parcels: OpenParcel[] = [];
  let section: 'attributes' | 'parcels' | undefined;

  for (const { number: line, text: t } of splitLines(text)) {
    if (t === '') continue;
    if (t === EXCHANGE_SECTIONS.attributes || t === EXCHANGE_SECTIONS.parcels) {
      section = t === EXCHANGE_SECTIONS.attributes ? 'attributes' : 'parcels';
      continue;
    }
    if (section !== 'parcels') {
      headerLines.push(t);
      const [key, ...rest] = t.split('=');
      readHeaderKey(key.trim(), rest.join('=').trim(), line, header, errors);
      continue;
    }
    const fields = commaFields(t);
    if (fields[fields.length - 1] === '@') {
      const declared = Number(fields[0]);
      if (!/^\d+$/.test(fields[0])) errors.push(cornerError(NOT_A_NUMBER, { line }, { field: '界址点数', text: fields[0] }));
      parcels.push({ line, declared, attributes: fields.slice(1, -1), rings: [], rows: 0 });
      continue;
    }
    const parcel = parcels[parcels.length - 1];
    if (!parcel) {
      errors.push(cornerError(MALFORMED_LINE, { line }, { expected: EXCHANGE_EXPECTED.parcel }));
      continue;
    }
    parcel.rows++;
    if (fields.length !== 4 || !/^\d+$/.test(fields[1])) {
      errors.push(cornerError(MALFORMED_LINE, { line }, { expected: EXCHANGE_EXPECTED.point }));
      continue;
    }
    const [label, ringNumber, xText, yText] = fields;
    if (ringNumber !== parcel.ringNumber) parcel.rings.push([]);
    parcel.ringNumber = ringNumber;
    parcel.rings[parcel.rings.length - 1].push({ label, xText, yText, line });
  }
  for (const p of parcels) {
    if (p.rows === 0) errors.push(cornerError(NO_POINTS, { line: p.line }));
    if (Number.isInteger(p.declared) && p.declared !== p.rows) {
      errors.push(cornerError(COUNT_MISMATCH, { line: p.line }, { what: COUNT_WHAT, declared: p.declared, actual: p.rows }));
    }
  }
  const polygons: RawPolygon[] = parcels.filter((p) => p.rings.length > 0).map((p) => ({ rings: p.rings, attributes: p.attributes }));
  return { format: 'exchange', headerLines, header, polygons, errors, requireClosure: true };
}

/**
 * Parses a land-use exchange file (format c): one polygon per parcel, its header fields kept
 * verbatim; every ring must repeat its first point at the end.
 */
export function parseExchange(text: string, options: CornerListOptions = {}): CornerListResult {
  return assemble(readExchange(text), options);
}

import { COUNT_MISMATCH, MALFORMED_LINE, NOT_A_NUMBER } from '../reasons.ts';
import { assemble, type RawCornerList, type RawPolygon } from './assemble.ts';
import { parseDecimal, type RawPoint } from './coordinate.ts';
import { elevationFrom } from './elevation.ts';
import { cornerError } from './errors.ts';
import { readHeaderKey, readTitle, type HeaderStatement } from './header.ts';
import { commaFields, splitLines } from './lines.ts';
import type { CornerListError, CornerListOptions, CornerListResult } from './types.ts';

/** The key whose value counts the `XY` lines (corners plus one elevation line per block). */
export const REGISTRATION_COUNT_KEY = '矿区范围拐点坐标与标高的总行数';

/** The fields of an `XY` point line and of an elevation line. */
export const REGISTRATION_EXPECTED = { point: 'XYnnn=点号,X,Y', elevation: 'XYnnn=标高,上限,下限,,标志' } as const;

const XY_LINE = /^XY\d+\s*=\s*(.*)$/i;
const COUNT_WHAT = { zh: '拐点坐标与标高的总行数', en: 'the number of corner and elevation lines' };

/**
 * Reads the structure of a registration text: header lines (kept verbatim), then `XYnnn=`
 * point lines; each block ends with `XYnnn=标高,上限,下限,,标志`. Points after the last
 * elevation line form a block without elevation.
 */
export function readRegistration(text: string): RawCornerList {
  const errors: CornerListError[] = [];
  const header: HeaderStatement = {};
  const headerLines: string[] = [];
  const polygons: RawPolygon[] = [];
  let block: RawPoint[] = [];
  let xyLines = 0;
  let declared: { count: number; line: number } | undefined;

  for (const { number: line, text: t } of splitLines(text)) {
    if (t === '') continue;
    const xy = XY_LINE.exec(t);
    if (!xy) {
      headerLines.push(t);
      const [key, ...rest] = t.split('=');
      const value = rest.join('=').trim();
      if (key.trim() === REGISTRATION_COUNT_KEY) {
        declared = { count: parseDecimal(value), line };
        if (!Number.isInteger(declared.count)) errors.push(cornerError(NOT_A_NUMBER, { line }, { field: REGISTRATION_COUNT_KEY, text: value }));
      }
      else if (rest.length > 0) readHeaderKey(key.trim(), value, line, header, errors);
      else readTitle(t, line, header);
      continue;
    }
    xyLines++;
    const fields = commaFields(xy[1]);
    if (fields[0] === '标高') {
      const [, top = '', bottom = '', , flag] = fields;
      if (block.length === 0) errors.push(cornerError(MALFORMED_LINE, { line }, { expected: REGISTRATION_EXPECTED.point }));
      const elevation = top === '' && bottom === '' ? undefined : elevationFrom(top, bottom, flag);
      if (!elevation && (top !== '' || bottom !== '')) {
        const bad = Number.isNaN(parseDecimal(top)) ? top : bottom;
        errors.push(cornerError(NOT_A_NUMBER, { line }, { field: '标高', text: bad }));
      }
      polygons.push({ rings: [block], ...(elevation && { elevation }) });
      block = [];
    } else if (fields.length === 3) {
      block.push({ label: fields[0], xText: fields[1], yText: fields[2], line });
    } else {
      errors.push(cornerError(MALFORMED_LINE, { line }, { expected: REGISTRATION_EXPECTED.point }));
    }
  }
  if (block.length > 0) polygons.push({ rings: [block] });
  if (declared && Number.isInteger(declared.count) && declared.count !== xyLines) {
    errors.push(cornerError(COUNT_MISMATCH, { line: declared.line }, { what: COUNT_WHAT, declared: declared.count, actual: xyLines }));
  }
  return { format: 'registration', headerLines, header, polygons: polygons.filter((p) => p.rings[0].length > 0), errors, requireClosure: false };
}

/**
 * Parses a mining-right registration text (采矿权登记报盘, format b): several blocks become
 * several polygons, each with its elevation interval and trailing flag kept verbatim.
 */
export function parseRegistration(text: string, options: CornerListOptions = {}): CornerListResult {
  return assemble(readRegistration(text), options);
}

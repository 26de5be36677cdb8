import { MALFORMED_LINE } from '../reasons.ts';
import { assemble, type RawCornerList, type RawPolygon } from './assemble.ts';
import type { RawPoint } from './coordinate.ts';
import { findElevationSentence } from './elevation.ts';
import { cornerError } from './errors.ts';
import { readTitle, type HeaderStatement } from './header.ts';
import { hasHan, splitLines } from './lines.ts';
import type { CornerListError, CornerListOptions, CornerListResult, ElevationInterval } from './types.ts';

/** The fields a data line of a plain table must have. */
export const PLAIN_TABLE_EXPECTED = '点号, X, Y';

const SEPARATOR = /^\*+$/;
const COLUMN_HEADER = /点号|序号|X\s*[(（]|^\s*(No\.?|Point)\b/i;
const TRAILER = /开采深度|开采标高|矿区面积|面积/;
const LONG_NUMBER = /\d{6,}(\.\d+)?/g;

/**
 * Reads the structure of a plain table: optional title and column-header lines, data lines
 * `点号 X Y` (comma, tab or blanks), blank lines, `*` lines starting a new block, an optional
 * ring-number column (`点号 圈号 X Y`: 1 the outer ring, 2 and up holes), and
 * `开采深度`/`矿区面积` trailer lines.
 */
export function readPlainTable(text: string): RawCornerList {
  const errors: CornerListError[] = [];
  const header: HeaderStatement = {};
  const headerLines: string[] = [];
  const blocks: RawPoint[][][] = [[[]]];
  let ringNumber: string | undefined;
  let elevation: ElevationInterval | undefined;
  const block = () => blocks[blocks.length - 1];
  const ring = () => block()[block().length - 1];
  const newBlock = () => ring().length > 0 && blocks.push([[]]);
  const newRing = () => ring().length > 0 && block().push([]);

  for (const { number: line, text: t } of splitLines(text)) {
    if (t === '') continue;
    if (SEPARATOR.test(t)) {
      newBlock();
      ringNumber = undefined;
      continue;
    }
    const atTop = blocks.length === 1 && ring().length === 0;
    if (hasHan(t) || !/\d/.test(t)) {
      if (TRAILER.test(t)) elevation = findElevationSentence(t) ?? elevation;
      // A line with two long numbers is a data line spoiled by text, not a title: say so.
      if ((t.match(LONG_NUMBER) ?? []).length >= 2) errors.push(cornerError(MALFORMED_LINE, { line }, { expected: PLAIN_TABLE_EXPECTED }));
      else if (!COLUMN_HEADER.test(t)) readTitle(t, line, header);
      if (atTop) headerLines.push(t);
      continue;
    }
    const fields = t.split(/[\s,，;；]+/).filter((f) => f !== '');
    if (fields.length === 4 && /^\d{1,3}$/.test(fields[1])) {
      // 圈号 as in the exchange file: 1 is a block's outer ring (so a new 1 is a new block), 2+ holes.
      if (fields[1] !== ringNumber) {
        if (Number(fields[1]) === 1) newBlock();
        else newRing();
      }
      ringNumber = fields[1];
      fields.splice(1, 1);
    }
    if (fields.length !== 3) {
      errors.push(cornerError(MALFORMED_LINE, { line }, { expected: PLAIN_TABLE_EXPECTED }));
      continue;
    }
    ring().push({ label: fields[0], xText: fields[1], yText: fields[2], line });
  }
  const polygons: RawPolygon[] = blocks
    .map((rings) => rings.filter((r) => r.length > 0))
    .filter((rings) => rings.length > 0)
    .map((rings) => ({ rings, ...(elevation && { elevation }) }));
  return { format: 'plainTable', headerLines, header, polygons, errors, requireClosure: false };
}

/**
 * Parses a plain corner table (format a): X northing (7 digits), Y easting with the zone
 * prefix (8 digits) or without one when the zone is stated in the title or the options.
 * A `开采深度` trailer applies to every block.
 */
export function parsePlainTable(text: string, options: CornerListOptions = {}): CornerListResult {
  return assemble(readPlainTable(text), options);
}

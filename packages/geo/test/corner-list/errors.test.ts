import { describe, expect, it } from 'vitest';
import {
  COUNT_MISMATCH,
  DUPLICATE_POINT,
  HOLE_OUTSIDE,
  LEGACY_DATUM,
  MALFORMED_LINE,
  MISSING_ZONE_PREFIX,
  NOT_A_NUMBER,
  NO_POINTS,
  OUT_OF_RANGE,
  RING_NOT_CLOSED,
  SELF_INTERSECTION,
  TOO_FEW_POINTS,
  UNKNOWN_ZONE_PREFIX,
  UNSUPPORTED_CRS,
  XY_SWAPPED,
  ZONE_MISMATCH,
  parseCornerList,
  type CornerListError,
  type CornerListOptions,
} from '../../src/index.ts';
import countMismatch from '../fixtures/bad/count-mismatch.registration.txt?raw';
import duplicatePoint from '../fixtures/bad/duplicate-point.txt?raw';
import holeOutside from '../fixtures/bad/hole-outside.txt?raw';
import holeCrossesOuter from '../fixtures/bad/hole-crosses-outer.exchange.txt?raw';
import legacyBeijing54 from '../fixtures/bad/legacy-beijing54.exchange.txt?raw';
import legacyXian80 from '../fixtures/bad/legacy-xian80.txt?raw';
import malformedRegistration from '../fixtures/bad/malformed-line.registration.txt?raw';
import malformedLine from '../fixtures/bad/malformed-line.txt?raw';
import missingPrefix from '../fixtures/bad/missing-prefix.txt?raw';
import notANumber from '../fixtures/bad/not-a-number.txt?raw';
import outOfRange from '../fixtures/bad/out-of-range.txt?raw';
import ringNotClosed from '../fixtures/bad/ring-not-closed.exchange.txt?raw';
import selfIntersection from '../fixtures/bad/self-intersection.txt?raw';
import tooFewPoints from '../fixtures/bad/too-few-points.txt?raw';
import unknownPrefix from '../fixtures/bad/unknown-prefix.txt?raw';
import xySwapped from '../fixtures/bad/xy-swapped.txt?raw';
import zoneMismatchHeader from '../fixtures/bad/zone-mismatch-header.txt?raw';
import plainSample from '../fixtures/plain-table/sample-zone38.txt?raw';
import plainUnprefixed from '../fixtures/plain-table/unprefixed-cm-title.txt?raw';

interface Case {
  readonly name: string;
  readonly text: string;
  readonly options?: CornerListOptions;
  /** The first error expected: its reason, place and message texts. */
  readonly expected: Partial<CornerListError> & { readonly zh: string; readonly en: string };
}

const CASES: readonly Case[] = [
  {
    name: 'a line with a field missing',
    text: malformedLine,
    expected: { reason: MALFORMED_LINE, line: 5, zh: '第 5 行：无法识别，应为“点号, X, Y”', en: 'line 5: cannot read this line; expected "点号, X, Y"' },
  },
  {
    name: 'a registration line with a semicolon',
    text: malformedRegistration,
    expected: { reason: MALFORMED_LINE, line: 3, zh: '第 3 行：无法识别，应为“XYnnn=点号,X,Y”', en: 'line 3: cannot read this line' },
  },
  {
    name: 'a letter l for a digit 1',
    text: notANumber,
    expected: { reason: NOT_A_NUMBER, line: 5, point: '4', zh: '第 5 行：X 值“3153559.7l”不是数字', en: 'line 5: X "3153559.7l" is not a number' },
  },
  {
    name: 'a spreadsheet’s scientific notation',
    text: notANumber.replace('3153559.7l,38512086.86', '3153559.71,3.851208686E7'),
    expected: { reason: NOT_A_NUMBER, line: 5, point: '4', zh: '第 5 行：Y 值“3.851208686E7”不是数字', en: 'line 5: Y "3.851208686E7" is not a number' },
  },
  {
    name: 'X and Y swapped',
    text: xySwapped,
    expected: { reason: XY_SWAPPED, line: 4, point: '3', zh: '第 4 行：X 与 Y 颠倒', en: 'line 4: X and Y are swapped' },
  },
  {
    name: 'a zone prefix that contradicts the title’s 带号',
    text: zoneMismatchHeader,
    expected: { reason: ZONE_MISMATCH, line: 4, point: '2', zh: '第 4 行：带号 39 与表头所给带号 38 不符', en: 'line 4: zone 39 contradicts the zone 38 stated in the header' },
  },
  {
    name: 'a zone prefix that contradicts the zone given in the options',
    text: plainSample.replace(/，带号38/, ''),
    options: { zone: { zone: 39 } },
    expected: { reason: ZONE_MISMATCH, line: 1, zh: '第 1 行：带号 38 与所选带号 39 不符', en: 'line 1: zone 38 contradicts the zone 39 given in the options' },
  },
  {
    name: 'a 带号 that contradicts the central meridian',
    text: plainSample.replace('中央经线114°', '中央经线117°'),
    expected: { reason: ZONE_MISMATCH, line: 1, zh: '第 1 行：带号 38 与中央经线对应的带号 39 不符', en: 'line 1: zone 38 contradicts the zone 39 implied by the central meridian' },
  },
  {
    name: 'Y without zone prefix and no zone given',
    text: missingPrefix,
    expected: { reason: MISSING_ZONE_PREFIX, line: 2, point: '1', zh: '第 2 行：Y 坐标缺少带号', en: 'line 2: Y has no zone prefix' },
  },
  {
    name: 'a prefix that is no zone',
    text: unknownPrefix,
    expected: { reason: UNKNOWN_ZONE_PREFIX, line: 2, point: '1', zh: '第 2 行：Y 坐标的带号 50', en: "line 2: Y's zone prefix 50" },
  },
  {
    name: 'a northing outside China',
    text: outOfRange,
    expected: { reason: OUT_OF_RANGE, line: 4, point: '3', zh: '第 4 行：X 坐标 1153559.71 不在中国的合理范围内', en: "line 4: X 1153559.71 is outside China's plausible range" },
  },
  {
    name: 'fewer than 3 distinct points',
    text: tooFewPoints,
    expected: { reason: TOO_FEW_POINTS, polygon: 1, ring: 1, zh: '第 1 块第 1 圈：只有 2 个不同的拐点', en: 'block 1, ring 1: only 2 distinct points' },
  },
  {
    name: 'an exchange ring that does not repeat its first point',
    text: ringNotClosed,
    expected: {
      reason: RING_NOT_CLOSED,
      polygon: 1,
      ring: 1,
      point: 'J4',
      zh: '第 1 块第 1 圈：未闭合：末点 J4 与首点 J1 坐标不同',
      en: 'block 1, ring 1: ring is not closed: the last point J4 differs from the first point J1',
    },
  },
  {
    name: 'two consecutive equal points',
    text: duplicatePoint,
    expected: { reason: DUPLICATE_POINT, line: 5, point: '4', zh: '第 5 行：点 4 与前一点 3 坐标相同', en: 'line 5: point 4 repeats the previous point 3' },
  },
  {
    name: 'a bow-tie',
    text: selfIntersection,
    expected: {
      reason: SELF_INTERSECTION,
      polygon: 1,
      ring: 1,
      point: 'J2',
      zh: '第 1 块第 1 圈：边 J2–J3 与 边 J4–J1 相交',
      en: 'block 1, ring 1: segment J2–J3 intersects segment J4–J1',
    },
  },
  {
    name: 'a hole crossing its outer ring',
    text: holeCrossesOuter,
    expected: { reason: SELF_INTERSECTION, polygon: 1, ring: 1, zh: '第 1 圈边 J2–J3 与 第 2 圈边', en: 'ring 1 segment J2–J3 intersects ring 2 segment' },
  },
  {
    name: 'a hole outside its outer ring',
    text: holeOutside,
    expected: { reason: HOLE_OUTSIDE, polygon: 1, ring: 2, point: '5', zh: '第 1 块第 2 圈：内环不在外环之内', en: 'block 1, ring 2: this hole is not inside the outer ring' },
  },
  {
    name: 'a Xi’an 1980 title',
    text: legacyXian80,
    expected: { reason: LEGACY_DATUM, line: 1, zh: '第 1 行：坐标为1980西安坐标系：转换到 2000 国家大地坐标系需要由局里提供转换参数', en: 'line 1: the coordinates are in Xi’an 1980: converting them to CGCS2000 needs parameters supplied by the bureau' },
  },
  {
    name: 'a Beijing 1954 exchange header',
    text: legacyBeijing54,
    expected: { reason: LEGACY_DATUM, line: 2, zh: '第 2 行：坐标为1954北京坐标系', en: 'line 2: the coordinates are in Beijing 1954' },
  },
  {
    name: 'a registration 坐标系统=2 (Xi’an 1980 in the production loader)',
    text: `坐标系统=2\n${countMismatch.replace('总行数=6', '总行数=5')}`,
    expected: { reason: LEGACY_DATUM, line: 1, zh: '1980西安坐标系', en: 'Xi’an 1980' },
  },
  {
    name: 'a declared line count that is wrong',
    text: countMismatch,
    expected: { reason: COUNT_MISMATCH, line: 2, zh: '第 2 行：拐点坐标与标高的总行数声明为 6，实际为 5', en: 'line 2: the number of corner and elevation lines is declared as 6 but there are 5' },
  },
  {
    name: 'a wrong 界址点数',
    text: ringNotClosed.replace(/^4,12/m, '5,12'),
    expected: { reason: COUNT_MISMATCH, line: 6, zh: '第 6 行：界址点数声明为 5，实际为 4', en: 'line 6: the point count (界址点数) is declared as 5 but there are 4' },
  },
  {
    name: 'an unsupported unit',
    text: legacyBeijing54.replace('1954北京坐标系', '2000国家大地坐标系').replace('计量单位=米', '计量单位=英尺'),
    expected: { reason: UNSUPPORTED_CRS, line: 5, zh: '第 5 行：不支持的计量单位“英尺”', en: 'line 5: unsupported unit "英尺"' },
  },
  {
    name: 'no points at all',
    text: '矿区范围拐点坐标（2000国家大地坐标系，3°带，带号38）\n点号 X Y\n',
    expected: { reason: NO_POINTS, zh: '没有找到任何拐点坐标', en: 'no corner points found' },
  },
];

describe('bad corner lists', () => {
  it.each(CASES)('$name → $expected.reason', ({ text, options, expected }) => {
    const result = parseCornerList(text, options);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const { zh, en, ...where } = expected;
    const error = result.errors.find((e) => e.reason === expected.reason);
    expect(error, JSON.stringify(result.errors.map((e) => e.message.en))).toMatchObject(where);
    expect(error!.message.zh).toContain(zh);
    expect(error!.message.en).toContain(en);
    expect(result.errors[0].reason).toBe(expected.reason);
  });

  it('reports every bad line, not just the first', () => {
    const text = `${missingPrefix}5 3153559.71 5120x6.86\n`;
    const result = parseCornerList(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.reason, e.line])).toEqual([
      [MISSING_ZONE_PREFIX, 2],
      [MISSING_ZONE_PREFIX, 3],
      [MISSING_ZONE_PREFIX, 4],
      [MISSING_ZONE_PREFIX, 5],
      [NOT_A_NUMBER, 6],
    ]);
  });

  it('does not repair: a closed plain table with a spike is refused, not cleaned', () => {
    const spike = '点号 X Y\n1 3153859.71 38512086.86\n2 3153859.71 38512486.86\n3 3153859.71 38512286.86\n4 3153559.71 38512086.86\n';
    const result = parseCornerList(spike);
    expect(result.ok || result.errors.map((e) => e.message.en)).toEqual([
      'block 1, ring 1: segment 1–2 intersects segment 2–3',
      'block 1, ring 1: segment 1–2 intersects segment 3–4',
    ]);
  });

  it('accepts unprefixed eastings when the zone is given, and rejects a contradicting one', () => {
    expect(parseCornerList(plainUnprefixed, { zone: { zone: 38 } }).ok).toBe(true);
    const result = parseCornerList(plainUnprefixed, { zone: { zone: 39 } });
    expect(result.ok || result.errors[0].reason).toBe(ZONE_MISMATCH);
  });
});

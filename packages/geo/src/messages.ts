import type { Bilingual } from '@mpm/domain';
import * as R from './reasons.ts';

/** Names of the legacy datums, for messages. */
export type LegacyDatum = 'xian1980' | 'beijing1954';

export const DATUM_NAMES: Record<LegacyDatum, Bilingual> = {
  xian1980: { zh: '1980西安坐标系', en: 'Xi’an 1980' },
  beijing1954: { zh: '1954北京坐标系', en: 'Beijing 1954' },
};

const AXIS_EXPECTATION: Record<'X' | 'Y', Bilingual> = {
  X: { zh: '应为 7 位整数的北坐标，约 1500000–6000000', en: 'expected a 7-digit northing, about 1,500,000–6,000,000' },
  Y: { zh: '应为带号加 6 位整数的东坐标，自然值约 100000–900000', en: 'expected a 6-digit easting, about 100,000–900,000, after any zone prefix' },
};

/** The body of each message, by reason; the place (line, ring) is prefixed by the caller. */
export const MESSAGES = {
  [R.MALFORMED_LINE]: (p: { expected: string }): Bilingual => ({
    zh: `无法识别，应为“${p.expected}”`,
    en: `cannot read this line; expected "${p.expected}"`,
  }),
  [R.NOT_A_NUMBER]: (p: { field: string; text: string }): Bilingual => ({
    zh: `${p.field} 值“${p.text}”不是数字`,
    en: `${p.field} "${p.text}" is not a number`,
  }),
  [R.XY_SWAPPED]: (p: { xDigits: number; yDigits: number }): Bilingual => ({
    zh: `X 与 Y 颠倒：X 为 ${p.xDigits} 位整数，Y 为 ${p.yDigits} 位（X 应为北坐标，Y 为东坐标）`,
    en: `X and Y are swapped: X has ${p.xDigits} integer digits and Y has ${p.yDigits} (X is the northing, Y the easting)`,
  }),
  [R.ZONE_MISMATCH]: (p: { found: string; expected: string; source: 'header' | 'options' | 'points' | 'meridian' }): Bilingual => {
    const source = {
      header: { zh: '表头所给', en: 'stated in the header' },
      options: { zh: '所选', en: 'given in the options' },
      points: { zh: '前面各点的', en: 'of the earlier points' },
      meridian: { zh: '中央经线对应的', en: 'implied by the central meridian' },
    }[p.source];
    return {
      zh: `带号 ${p.found} 与${source.zh}带号 ${p.expected} 不符`,
      en: `zone ${p.found} contradicts the zone ${p.expected} ${source.en}`,
    };
  },
  [R.MISSING_ZONE_PREFIX]: (): Bilingual => ({
    zh: 'Y 坐标缺少带号（请在表头或选项中给出带号）',
    en: 'Y has no zone prefix (state the zone in the header or the options)',
  }),
  [R.UNKNOWN_ZONE_PREFIX]: (p: { prefix: number }): Bilingual => ({
    zh: `Y 坐标的带号 ${p.prefix} 既不是 3° 带（25–45）也不是 6° 带（13–23）`,
    en: `Y's zone prefix ${p.prefix} is neither a 3° zone (25–45) nor a 6° zone (13–23)`,
  }),
  [R.OUT_OF_RANGE]: (p: { axis: 'X' | 'Y'; text: string }): Bilingual => ({
    zh: `${p.axis} 坐标 ${p.text} 不在中国的合理范围内（${AXIS_EXPECTATION[p.axis].zh}）`,
    en: `${p.axis} ${p.text} is outside China's plausible range (${AXIS_EXPECTATION[p.axis].en})`,
  }),
  [R.TOO_FEW_POINTS]: (p: { count: number }): Bilingual => ({
    zh: `只有 ${p.count} 个不同的拐点，至少需要 3 个（闭合后 4 个）`,
    en: `only ${p.count} distinct points; a ring needs at least 3 (4 positions closed)`,
  }),
  [R.RING_NOT_CLOSED]: (p: { first: string; last: string }): Bilingual => ({
    zh: `未闭合：末点 ${p.last} 与首点 ${p.first} 坐标不同`,
    en: `ring is not closed: the last point ${p.last} differs from the first point ${p.first}`,
  }),
  [R.DUPLICATE_POINT]: (p: { previous: string; point: string }): Bilingual => ({
    zh: `点 ${p.point} 与前一点 ${p.previous} 坐标相同`,
    en: `point ${p.point} repeats the previous point ${p.previous}`,
  }),
  [R.SELF_INTERSECTION]: (p: { first: Bilingual; second: Bilingual }): Bilingual => ({
    zh: `${p.first.zh} 与 ${p.second.zh} 相交`,
    en: `${p.first.en} intersects ${p.second.en}`,
  }),
  [R.HOLE_OUTSIDE]: (): Bilingual => ({
    zh: '内环不在外环之内',
    en: 'this hole is not inside the outer ring',
  }),
  [R.HOLES_NOT_SUPPORTED]: (p: { format: Bilingual; polygon: number }): Bilingual => ({
    zh: `${p.format.zh}不能表示内环，而第 ${p.polygon} 块有内环`,
    en: `the ${p.format.en} cannot carry holes, and block ${p.polygon} has one`,
  }),
  [R.LEGACY_DATUM]: (p: { datum: LegacyDatum }): Bilingual => ({
    zh: `坐标为${DATUM_NAMES[p.datum].zh}：转换到 2000 国家大地坐标系需要由局里提供转换参数（或使用部里转换后的坐标），本系统不做自动转换`,
    en: `the coordinates are in ${DATUM_NAMES[p.datum].en}: converting them to CGCS2000 needs parameters supplied by the bureau (or coordinates already converted by MNR); no automatic conversion is done`,
  }),
  [R.UNSUPPORTED_CRS]: (p: { what: Bilingual; value: string }): Bilingual => ({
    zh: `不支持的${p.what.zh}“${p.value}”`,
    en: `unsupported ${p.what.en} "${p.value}"`,
  }),
  [R.COUNT_MISMATCH]: (p: { what: Bilingual; declared: number; actual: number }): Bilingual => ({
    zh: `${p.what.zh}声明为 ${p.declared}，实际为 ${p.actual}`,
    en: `${p.what.en} is declared as ${p.declared} but there are ${p.actual}`,
  }),
  [R.NO_POINTS]: (): Bilingual => ({ zh: '没有找到任何拐点坐标', en: 'no corner points found' }),
  [R.MALFORMED_DMS]: (p: { text: string }): Bilingual => ({
    zh: `无法识别度分秒“${p.text}”，应形如 114°07′24.442″`,
    en: `cannot read the DMS angle "${p.text}"; expected e.g. 114°07′24.442″`,
  }),
} as const;

/** Where a problem is: a 1-based line, or a block (polygon) and ring. */
export interface Place {
  readonly line?: number;
  readonly polygon?: number;
  readonly ring?: number;
}

/** Prefixes a message body with its place: `第 7 行：…` / `line 7: …`. */
export function placed(place: Place, body: Bilingual): Bilingual {
  if (place.line !== undefined) {
    return { zh: `第 ${place.line} 行：${body.zh}`, en: `line ${place.line}: ${body.en}` };
  }
  if (place.polygon !== undefined && place.ring !== undefined) {
    return {
      zh: `第 ${place.polygon} 块第 ${place.ring} 圈：${body.zh}`,
      en: `block ${place.polygon}, ring ${place.ring}: ${body.en}`,
    };
  }
  return body;
}

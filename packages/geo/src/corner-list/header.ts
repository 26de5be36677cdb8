import { detectDatum } from '../crs.ts';
import { centralMeridian, isValidZone, zoneFromCentralMeridian, type GkZone } from '../gauss-kruger.ts';
import type { LegacyDatum } from '../messages.ts';
import { LEGACY_DATUM, UNSUPPORTED_CRS, ZONE_MISMATCH } from '../reasons.ts';
import { cornerError } from './errors.ts';
import type { CornerListError, CornerListOptions } from './types.ts';

/** What a header says about the coordinate system, each with the line it came from. */
export interface HeaderStatement {
  zone?: { readonly value: number; readonly line: number };
  widthDeg?: { readonly value: 3 | 6; readonly line: number };
  centralMeridianDeg?: { readonly value: number; readonly line: number };
  datum?: { readonly value: 'cgcs2000' | LegacyDatum; readonly line: number };
}

/** Reads datum, zone width, 带号 and 中央经线 out of a free-text title line into `into`. */
export function readTitle(text: string, line: number, into: HeaderStatement): void {
  const datum = detectDatum(text);
  if (datum) into.datum = { value: datum, line };
  const zone = /带号\s*[:：=]?\s*(\d{1,2})(?!\d)/.exec(text);
  if (zone) into.zone = { value: Number(zone[1]), line };
  const cm = /中央(?:经|子午)线\s*[:：=]?\s*(\d{2,3}(?:\.\d+)?)/.exec(text);
  if (cm) into.centralMeridianDeg = { value: Number(cm[1]), line };
  const width = /(?<!\d)([36三六])\s*(?:°|度)\s*(?:分)?带/.exec(text);
  if (width) into.widthDeg = { value: width[1] === '3' || width[1] === '三' ? 3 : 6, line };
}

const WHAT = {
  datum: { zh: '坐标系', en: 'coordinate system' },
  width: { zh: '分带', en: 'zone width' },
  zone: { zh: '带号', en: 'zone' },
  meridian: { zh: '中央经线', en: 'central meridian' },
};

function widthFromZone(zone: number): 3 | 6 | undefined {
  if (isValidZone(3, zone)) return 3;
  return isValidZone(6, zone) ? 6 : undefined;
}

/**
 * The zone the header and the options state (options first), with an error for a legacy
 * datum, an impossible zone, a 带号 that contradicts the central meridian, or a header that
 * contradicts the options.
 */
export function statedZone(
  header: HeaderStatement,
  options: CornerListOptions,
  errors: CornerListError[],
): Pick<GkZone, 'widthDeg' | 'zone'> | undefined {
  if (header.datum && header.datum.value !== 'cgcs2000') {
    errors.push(cornerError(LEGACY_DATUM, { line: header.datum.line }, { datum: header.datum.value }));
  }
  let fromHeader: Pick<GkZone, 'widthDeg' | 'zone'> | undefined;
  if (header.zone) {
    const { value, line } = header.zone;
    const widthDeg = header.widthDeg?.value ?? widthFromZone(value);
    if (!widthDeg || !isValidZone(widthDeg, value)) {
      errors.push(cornerError(UNSUPPORTED_CRS, { line }, { what: WHAT.zone, value: String(value) }));
    } else {
      fromHeader = { widthDeg, zone: value };
      const cm = header.centralMeridianDeg;
      const fromCm = cm && zoneFromCentralMeridian(cm.value, widthDeg);
      if (cm && centralMeridian(fromHeader) !== cm.value) {
        const expected = fromCm ? String(fromCm.zone) : `${cm.value}°`;
        errors.push(cornerError(ZONE_MISMATCH, { line: cm.line }, { found: String(value), expected, source: 'meridian' }));
      }
    }
  } else if (header.centralMeridianDeg) {
    const { value, line } = header.centralMeridianDeg;
    fromHeader = zoneFromCentralMeridian(value, header.widthDeg?.value);
    if (!fromHeader) errors.push(cornerError(UNSUPPORTED_CRS, { line }, { what: WHAT.meridian, value: `${value}°` }));
  }
  if (!options.zone) return fromHeader;
  const fromOptions = { widthDeg: options.zone.widthDeg ?? 3, zone: options.zone.zone };
  if (!isValidZone(fromOptions.widthDeg, fromOptions.zone)) {
    errors.push(cornerError(UNSUPPORTED_CRS, {}, { what: WHAT.zone, value: String(fromOptions.zone) }));
    return fromHeader;
  }
  if (fromHeader && (fromHeader.zone !== fromOptions.zone || fromHeader.widthDeg !== fromOptions.widthDeg)) {
    const line = header.zone?.line ?? header.centralMeridianDeg?.line;
    const found = String(fromHeader.zone);
    errors.push(cornerError(ZONE_MISMATCH, { line }, { found, expected: String(fromOptions.zone), source: 'options' }));
  }
  return fromOptions;
}

/** Checks the exchange-file keys 坐标系, 几度分带, 投影类型, 计量单位 and 带号 into `into`. */
export function readHeaderKey(key: string, value: string, line: number, into: HeaderStatement, errors: CornerListError[]): void {
  const unsupported = (what: { zh: string; en: string }) => errors.push(cornerError(UNSUPPORTED_CRS, { line }, { what, value }));
  if (value === '') return;
  if (key === '坐标系' || key === '坐标系统') {
    const datum = detectDatum(value);
    if (datum) into.datum = { value: datum, line };
    else if (value === '2') into.datum = { value: 'xian1980', line }; // butone loader: 坐标系统=2 → EPSG:2363
    else unsupported(WHAT.datum);
  } else if (key === '几度分带') {
    if (value === '3' || value === '6') into.widthDeg = { value: value === '3' ? 3 : 6, line };
    else unsupported(WHAT.width);
  } else if (key === '投影类型') {
    if (!/高斯|gauss|横轴墨卡托|tmerc/i.test(value)) unsupported({ zh: '投影类型', en: 'projection' });
  } else if (key === '计量单位') {
    if (!/^(米|m|metre|meter)$/i.test(value)) unsupported({ zh: '计量单位', en: 'unit' });
  } else if (key === '带号') {
    if (/^\d{1,2}$/.test(value)) into.zone = { value: Number(value), line };
    else unsupported(WHAT.zone);
  } else if (key === '中央经线') {
    const cm = Number(value.replace(/[°度]$/, ''));
    if (Number.isFinite(cm)) into.centralMeridianDeg = { value: cm, line };
    else unsupported(WHAT.meridian);
  }
}

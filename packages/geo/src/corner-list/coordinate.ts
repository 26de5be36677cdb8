import { integerDigits, isValidZone, type GkZone } from '../gauss-kruger.ts';
import { NOT_A_NUMBER, OUT_OF_RANGE, UNKNOWN_ZONE_PREFIX, XY_SWAPPED } from '../reasons.ts';
import { cornerError, type Where } from './errors.ts';
import type { CornerListError } from './types.ts';

/** A coordinate pair as written: X (north) then Y (east), with its label and line. */
export interface RawPoint {
  readonly label: string;
  readonly xText: string;
  readonly yText: string;
  /** 1-based source line; absent for points that did not come from text. */
  readonly line?: number;
}

/** A coordinate pair read as metres, with the zone its Y prefix names, if any. */
export interface ReadCoordinate {
  readonly northingM: number;
  readonly eastingM: number;
  readonly prefix?: Pick<GkZone, 'widthDeg' | 'zone'>;
}

/** Plausible northings in China (about 14°N–54°N) and eastings within a zone, in metres. */
export const CHINA_RANGE = { northingM: [1_500_000, 6_000_000], localEastingM: [100_000, 900_000] } as const;

const DECIMAL = /^[+-]?\d+(\.\d+)?$/;

/** Reads a decimal number written plainly (no exponent, no thousands separator), or NaN. */
export function parseDecimal(text: string): number {
  return DECIMAL.test(text) ? Number(text) : Number.NaN;
}

const inRange = (value: number, [min, max]: readonly [number, number]) => value >= min && value <= max;

/**
 * Reads X and Y of one corner: numbers, not swapped, X a 7-digit northing, Y an 8-digit
 * easting with a 3°/6° zone prefix or a 6-digit one without, both in China's range.
 */
export function readCoordinate(point: RawPoint, where: Where): { value?: ReadCoordinate; error?: CornerListError } {
  const x = parseDecimal(point.xText);
  const y = parseDecimal(point.yText);
  if (Number.isNaN(x)) return { error: cornerError(NOT_A_NUMBER, where, { field: 'X', text: point.xText }) };
  if (Number.isNaN(y)) return { error: cornerError(NOT_A_NUMBER, where, { field: 'Y', text: point.yText }) };
  const [xDigits, yDigits] = [integerDigits(x), integerDigits(y)];
  if ((xDigits === 8 || xDigits === 6) && yDigits === 7) {
    return { error: cornerError(XY_SWAPPED, where, { xDigits, yDigits }) };
  }
  if (x < 0 || xDigits !== 7 || !inRange(x, CHINA_RANGE.northingM)) {
    return { error: cornerError(OUT_OF_RANGE, where, { axis: 'X', text: point.xText }) };
  }
  if (y < 0 || (yDigits !== 8 && yDigits !== 6)) return { error: cornerError(OUT_OF_RANGE, where, { axis: 'Y', text: point.yText }) };
  let prefix: ReadCoordinate['prefix'];
  if (yDigits === 8) {
    const zone = Math.trunc(y / 1_000_000);
    const widthDeg = isValidZone(3, zone) ? 3 : isValidZone(6, zone) ? 6 : undefined;
    if (!widthDeg) return { error: cornerError(UNKNOWN_ZONE_PREFIX, where, { prefix: zone }) };
    prefix = { widthDeg, zone };
  }
  const local = prefix ? y - prefix.zone * 1_000_000 : y;
  if (!inRange(local, CHINA_RANGE.localEastingM)) return { error: cornerError(OUT_OF_RANGE, where, { axis: 'Y', text: point.yText }) };
  return { value: { northingM: x, eastingM: y, prefix } };
}

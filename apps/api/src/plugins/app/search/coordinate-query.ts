import { detectZone, gkToLonLat, parseDms, type GkZone } from '@mpm/geo';

/** A typed coordinate read as a CGCS2000 lon/lat, with how it was read. */
export interface CoordinateReading {
  lonLat: [number, number];
  /** `decimal`, `dms`, or `gk` with its zone. */
  format: 'decimal' | 'dms' | 'gk';
  zone?: GkZone;
}

/** Longitudes and latitudes that can be in China; a pair outside is not read as a place there. */
const CHINA = { lon: [73, 136], lat: [3, 54] } as const;

const inRange = (value: number, [min, max]: readonly [number, number]) => value >= min && value <= max;

/** `[lon, lat]` from two angles in either order (China's longitudes and latitudes do not overlap), or null. */
function lonLatOf(a: number, b: number): [number, number] | null {
  if (inRange(a, CHINA.lon) && inRange(b, CHINA.lat)) return [a, b];
  if (inRange(b, CHINA.lon) && inRange(a, CHINA.lat)) return [b, a];
  return null;
}

const NUMBER = /^[+-]?\d+(?:\.\d+)?$/;

/** Drops axis names and separators that people type around numbers: `X=`, `Y:`, `经度`, `lat`. */
const clean = (text: string) =>
  text
    .replace(/[，、；;]/g, ',')
    .replace(/(?:^|[\s,])(?:x|y|lon|lng|lat|经度|纬度)\s*[=:：]?\s*/gi, ' ')
    .trim();

/** Two decimal numbers separated by a comma or spaces, or null. */
function twoNumbers(text: string): [number, number] | null {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  if (parts.length !== 2 || !parts.every((part) => NUMBER.test(part))) return null;
  return [Number(parts[0]), Number(parts[1])];
}

/**
 * Gauss–Krüger X (northing, 7 integer digits) and Y (easting with its zone prefix, 8 digits), in
 * either order: the digit counts say which is which, the prefix says the zone.
 */
function gauss(a: number, b: number): CoordinateReading | null {
  const [northingM, eastingM] = Math.trunc(a).toString().length === 7 ? [a, b] : [b, a];
  if (Math.trunc(northingM).toString().length !== 7) return null;
  const zone = detectZone(eastingM);
  if (!zone.ok) return null;
  const [lon, lat] = gkToLonLat({ northingM, eastingM }, zone.value);
  const lonLat: [number, number] = [lon, lat];
  return lonLatOf(lonLat[0], lonLat[1]) ? { lonLat, format: 'gk', zone: zone.value } : null;
}

/** Two DMS angles, split at a comma or at the one space that leaves two readable angles. */
function dmsPair(text: string): [number, number] | null {
  const splits: [string, string][] = [];
  if (text.includes(',')) {
    const [left, ...rest] = text.split(',');
    splits.push([left!, rest.join(',')]);
  } else {
    const words = text.split(/\s+/);
    for (let i = 1; i < words.length; i++) splits.push([words.slice(0, i).join(' '), words.slice(i).join(' ')]);
  }
  for (const [left, right] of splits) {
    const a = parseDms(left);
    const b = parseDms(right);
    if (a.ok && b.ok) return [a.value, b.value];
  }
  return null;
}

/**
 * Reads search text as a coordinate: decimal degrees (`108.36, 35.49`), DMS
 * (`108°21′36″E 35°29′24″N`, `北纬35°29′24″ 东经108°21′36″`) or Gauss–Krüger X/Y with the zone
 * prefix on Y (`3930000.00, 36530000.00`). Either order; null when the text is none of these or
 * names no place in China. Pure.
 */
export function parseCoordinateQuery(text: string): CoordinateReading | null {
  const cleaned = clean(text);
  const numbers = twoNumbers(cleaned);
  if (numbers) {
    const [a, b] = numbers;
    if (Math.abs(a) >= 1000 || Math.abs(b) >= 1000) return gauss(a, b);
    const lonLat = lonLatOf(a, b);
    return lonLat ? { lonLat, format: 'decimal' } : null;
  }
  const angles = dmsPair(cleaned);
  if (!angles) return null;
  const lonLat = lonLatOf(angles[0], angles[1]);
  return lonLat ? { lonLat, format: 'dms' } : null;
}

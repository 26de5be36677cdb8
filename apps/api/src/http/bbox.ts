import { badRequest } from './errors.ts';
import type { BBox } from '../plugins/app/layers/layers-repository.ts';

/** Plain decimal or exponent notation, e.g. GDAL's `112.049999999999997`; no hex, no `Infinity`. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
/** Echoes input in messages without letting a huge value flood the response. */
export const quote = (raw: string) => (raw.length > 60 ? `${raw.slice(0, 60)}…` : raw);

/**
 * Parses `bbox=minLon,minLat,maxLon,maxLat` (CRS84 degrees; `latLon` for EPSG:4490's own axis
 * order, `projected` for metres, whose range is not checked). A 3D bbox (6 numbers) is accepted
 * and its heights ignored. Throws a 400 naming the problem.
 */
export function parseBbox(raw: string, axes: 'lonLat' | 'latLon' | 'projected' = 'lonLat'): BBox {
  const parts = raw.split(',').map((part) => part.trim());
  if ((parts.length !== 4 && parts.length !== 6) || !parts.every((part) => DECIMAL.test(part))) {
    throw badRequest('invalidBbox', {
      zh: `bbox 须为 4 个以逗号分隔的数字（最小经度,最小纬度,最大经度,最大纬度），收到“${quote(raw)}”。`,
      en: `bbox must be 4 comma-separated numbers (minLon,minLat,maxLon,maxLat); got "${quote(raw)}".`,
    });
  }
  const numbers = parts.map(Number);
  const [minX, minY, maxX, maxY] =
    numbers.length === 6 ? [numbers[0], numbers[1], numbers[3], numbers[4]] : numbers;
  const [lons, lats] = axes === 'latLon' ? [[minY, maxY], [minX, maxX]] : [[minX, maxX], [minY, maxY]];
  const outOfRange = !lons.every((x) => x >= -180 && x <= 180) || !lats.every((y) => y >= -90 && y <= 90);
  if (axes !== 'projected' && outOfRange) {
    throw badRequest('invalidBbox', {
      zh: `bbox 超出范围：经度须在 -180 到 180 之间，纬度须在 -90 到 90 之间，收到“${quote(raw)}”。`,
      en: `bbox is out of range: longitudes must be within -180..180 and latitudes within -90..90; got "${quote(raw)}".`,
    });
  }
  if (minX > maxX || minY > maxY) {
    throw badRequest('invalidBbox', {
      zh: `bbox 的最小值大于最大值（须 minx ≤ maxx 且 miny ≤ maxy），收到“${quote(raw)}”。`,
      en: `bbox minimum exceeds its maximum (need minx <= maxx and miny <= maxy); got "${quote(raw)}".`,
    });
  }
  return [minX, minY, maxX, maxY];
}

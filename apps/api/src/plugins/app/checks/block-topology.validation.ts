import type { Position } from 'geojson';
import {
  cornerListFromGeoJson,
  listedBackwards,
  zoneForLongitude,
  type CornerListError,
  type GkZone,
} from '@mpm/geo';
import type { Bilingual } from '@mpm/domain';
import { invalid, type Validation } from './block-reasons.ts';

/** Most ring problems quoted in one answer. */
const MAX_QUOTED = 3;

/** Label prefix that makes point labels easy to find in `@mpm/geo`'s messages. */
const LABEL = 'P';

const openRing = (ring: readonly Position[]): readonly Position[] => {
  const [first, last] = [ring[0], ring[ring.length - 1]];
  return ring.length > 1 && first[0] === last[0] && first[1] === last[1] ? ring.slice(0, -1) : ring;
};

/**
 * For one polygon, the 1-based position in its own ring of each point label that
 * `cornerListFromGeoJson` gives (labels run on across the rings of a polygon).
 */
function positionsByLabel(rings: readonly (readonly Position[])[], zone: GkZone): Map<string, number> {
  const byLabel = new Map<string, number>();
  let label = 0;
  rings.forEach((ring, r) => {
    const n = openRing(ring).length;
    const backwards = listedBackwards(ring, r, zone);
    for (let k = 1; k <= n; k++) byLabel.set(`${LABEL}${++label}`, backwards && k > 1 ? n - k + 2 : k);
  });
  return byLabel;
}

function rewrite(error: CornerListError, polygons: readonly (readonly (readonly Position[])[])[], zone: GkZone): Bilingual {
  const byLabel = positionsByLabel(polygons[(error.polygon ?? 1) - 1] ?? [], zone);
  const position = (label: string) => byLabel.get(label) ?? Number.NaN;
  // A segment reads in ring order: `3–4`, and the closing one `n–1`, however it was listed.
  const segment = (_: string, from: string, to: string) => {
    const [a, b] = [position(from), position(to)];
    return Math.abs(a - b) === 1 ? `${Math.min(a, b)}–${Math.max(a, b)}` : `${Math.max(a, b)}–${Math.min(a, b)}`;
  };
  const swap = (text: string) =>
    text
      .replace(new RegExp(`(${LABEL}\\d+)–(${LABEL}\\d+)`, 'g'), segment)
      .replace(new RegExp(`${LABEL}\\d+`, 'g'), (label) => String(position(label)));
  return { zh: swap(error.message.zh), en: swap(error.message.en) };
}

/**
 * Checks that no ring of a lon/lat block crosses, touches or overlaps itself or another ring
 * of its polygon, that no corner repeats the one before it and that holes lie inside their
 * outer ring: `@mpm/geo`'s corner-list checks (exact orientation tests in Gauss–Krüger metres
 * at the 1 cm precision of registered corners), run on the block as its corner list. Messages
 * number the corners by their position in the GeoJSON ring, from 1.
 */
export function validateBlockTopology(geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon): Validation<true> {
  const firstLon = geometry.type === 'Polygon' ? geometry.coordinates[0][0][0] : geometry.coordinates[0][0][0][0];
  const zone = zoneForLongitude(firstLon);
  // Outside China's zones the county check has already refused the block.
  if (!zone.ok) return { valid: true, value: true };
  const result = cornerListFromGeoJson(geometry, zone.value, { labelPrefix: LABEL });
  if (result.ok) return { valid: true, value: true };
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const quoted = result.errors.slice(0, MAX_QUOTED).map((error) => rewrite(error, polygons, zone.value));
  const more = result.errors.length > MAX_QUOTED ? result.errors.length - MAX_QUOTED : 0;
  const note = {
    zh: `（数字为坐标在该环中的序号，从 1 起${more ? `；另有 ${more} 处问题` : ''}）`,
    en: ` (numbers are positions within the ring, from 1${more ? `; ${more} more problems` : ''})`,
  };
  return invalid(result.errors[0].reason, {
    zh: `地块的边界无效：${quoted.map((m) => m.zh).join('；')}${note.zh}`,
    en: `The block's boundary is invalid: ${quoted.map((m) => m.en).join('; ')}${note.en}`,
  });
}

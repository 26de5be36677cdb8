import type { MultiPolygon, Polygon, Position } from 'geojson';
import { lonLatToGk } from '../crs.ts';
import type { GkZone } from '../gauss-kruger.ts';
import type { GkPoint } from '../types.ts';
import { assemble, type RawPolygon } from './assemble.ts';
import type { RawPoint } from './coordinate.ts';
import type { CornerListFormat, CornerListResult } from './types.ts';
import { metres } from './write-coordinates.ts';

/** Options for {@link cornerListFromGeoJson}. */
export interface FromGeoJsonOptions {
  /** The format the list will be written in (decides which header it gets). Default plain table. */
  readonly format?: CornerListFormat;
  /** Text before each point number, e.g. `J` for `J1, J2, …`. Default none. */
  readonly labelPrefix?: string;
}

/** Twice the signed area of an open ring in the east–north plane: positive counter-clockwise. */
function signedArea2(points: readonly GkPoint[]): number {
  const [e0, n0] = [points[0].eastingM, points[0].northingM];
  let sum = 0;
  for (let i = 2; i < points.length; i++) {
    const [a, b] = [points[i - 1], points[i]];
    sum += (a.eastingM - e0) * (b.northingM - n0) - (b.eastingM - e0) * (a.northingM - n0);
  }
  return sum;
}

function openRing(ring: readonly Position[]): readonly Position[] {
  const [first, last] = [ring[0], ring[ring.length - 1]];
  return ring.length > 1 && first[0] === last[0] && first[1] === last[1] ? ring.slice(0, -1) : ring;
}

const gkPoints = (ring: readonly Position[], zone: GkZone) => openRing(ring).map((p) => lonLatToGk([p[0], p[1]], zone));

/** Surveyors list outer rings clockwise and holes counter-clockwise: whether these points run the other way. */
const runsBackwards = (points: readonly GkPoint[], ringIndex: number) => signedArea2(points) < 0 !== (ringIndex === 0);

/**
 * Whether `cornerListFromGeoJson` lists this lon/lat ring's corners in reverse order (decided on
 * the same Gauss–Krüger points, so the answer agrees even for a ring of nearly zero area).
 */
export const listedBackwards = (ring: readonly Position[], ringIndex: number, zone: GkZone): boolean =>
  runsBackwards(gkPoints(ring, zone), ringIndex);

/**
 * Turns an EPSG:4490 lon/lat polygon or multipolygon into a checked corner list in `zone`,
 * coordinates rounded to 2 decimals as they will be written, outer rings clockwise and
 * holes counter-clockwise as surveyors list corners (each ring keeps its first position),
 * points numbered 1, 2, … per block. The same checks as for parsed text apply.
 */
export function cornerListFromGeoJson(geometry: Polygon | MultiPolygon, zone: GkZone, options: FromGeoJsonOptions = {}): CornerListResult {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const raw: RawPolygon[] = polygons.map((rings) => {
    let label = 0;
    return {
      rings: rings.map((ring, r): RawPoint[] => {
        const points = gkPoints(ring, zone);
        const ordered = runsBackwards(points, r) ? [points[0], ...points.slice(1).reverse()] : points;
        return ordered.map((p) => ({ label: `${options.labelPrefix ?? ''}${++label}`, xText: metres(p.northingM), yText: metres(p.eastingM) }));
      }),
    };
  });
  const format = options.format ?? 'plainTable';
  const raws = { format, headerLines: [], header: {}, polygons: raw, errors: [], requireClosure: false };
  return assemble(raws, { zone: { zone: zone.zone, widthDeg: zone.widthDeg } });
}

import { M2_PER_HA, M2_PER_KM2, M2_PER_MU, term, type Language } from '@mpm/domain';
import { ellipsoidalAreaM2, ellipsoidalLengthM } from '@mpm/geo';
import { formatNumber } from '../plan/format.ts';

/** What is measured: a length along a line (量距) or the area inside a ring (量面). */
export type MeasureKind = 'distance' | 'area';

/** A lon/lat position, EPSG:4490 (the map's coordinates). */
export type LonLat = readonly [number, number];

/** A measurement on the CGCS2000 ellipsoid (GRS80). */
export interface Measurement {
  kind: MeasureKind;
  /** Corners counted. */
  points: number;
  /** Length along the line, or the ring's perimeter (closed), in metres. */
  lengthM: number;
  /** Area inside the ring in m², once it has three corners; null for a distance. */
  areaM2: number | null;
}

const distinct = (points: readonly LonLat[]) =>
  points.filter((p, i) => i === 0 || p[0] !== points[i - 1][0] || p[1] !== points[i - 1][1]);

/**
 * The length (and for `area` the perimeter and area) of the corners clicked so far, as
 * PostGIS `ST_Length`/`ST_Area` on `geography` would give them: geodesics on GRS80.
 */
export function measure(kind: MeasureKind, points: readonly LonLat[]): Measurement {
  const corners = distinct(points).map((p) => [p[0], p[1]]);
  if (kind === 'distance') {
    const lengthM = corners.length < 2 ? 0 : ellipsoidalLengthM({ type: 'LineString', coordinates: corners });
    return { kind, points: corners.length, lengthM, areaM2: null };
  }
  if (corners.length < 3) {
    const lengthM = corners.length < 2 ? 0 : ellipsoidalLengthM({ type: 'LineString', coordinates: corners });
    return { kind, points: corners.length, lengthM, areaM2: null };
  }
  const ring = [...corners, corners[0]];
  return {
    kind,
    points: corners.length,
    lengthM: ellipsoidalLengthM({ type: 'LineString', coordinates: ring }),
    areaM2: ellipsoidalAreaM2({ type: 'Polygon', coordinates: [ring] }),
  };
}

/** A length for people: metres to 0.1 m below 1 km, then kilometres to the metre. */
export function distanceText(metres: number, lang: Language): string {
  return metres < 1000
    ? `${formatNumber(metres, lang, 1)} ${term('unitM', lang)}`
    : `${formatNumber(metres / 1000, lang, 3)} ${term('unitKm', lang)}`;
}

/** One area in one unit, as shown: the unit's key (for tests and styling) and the text. */
export interface AreaFigure {
  unit: 'm2' | 'mu' | 'ha' | 'km2';
  text: string;
}

/**
 * An area in the four units the documents mix: m² (whole), 亩 (2 decimals), 公顷 and km²
 * (2 decimals from a tenth of the unit up, 4 below, so a small area still reads). A clicked
 * shape is good to about a pixel: 2 decimals of a km² are as much as it can tell.
 */
export function areaFigures(areaM2: number, lang: Language): AreaFigure[] {
  const decimals = (value: number) => (Math.abs(value) >= 0.1 ? 2 : 4);
  const ha = areaM2 / M2_PER_HA;
  const km2 = areaM2 / M2_PER_KM2;
  return [
    { unit: 'm2', text: `${formatNumber(areaM2, lang, 0)} ${term('unitM2', lang)}` },
    { unit: 'mu', text: `${formatNumber(areaM2 / M2_PER_MU, lang, 2)} ${term('unitMu', lang)}` },
    { unit: 'ha', text: `${formatNumber(ha, lang, decimals(ha))} ${term('unitHa', lang)}` },
    { unit: 'km2', text: `${formatNumber(km2, lang, decimals(km2))} ${term('unitKm2', lang)}` },
  ];
}

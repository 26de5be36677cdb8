import * as turf from '@turf/turf';
import { DEMO, feature, type Context } from './context.ts';
import { lineFromPolyline, lineFromPositions } from './geometry.ts';
import { meander, type MeanderOptions } from './shapes.ts';
import type { Feature, LineGeometry, LineString, PointM, Polygon } from './types.ts';

/** How far clipped line ends are pulled back inside the county, so rounding cannot push them out. */
const END_MARGIN_M = 30;

/**
 * The parts of `line` inside `area`, each pulled back by {@link END_MARGIN_M} at both ends:
 * a LineString when one part is left, a MultiLineString otherwise.
 */
export function clipLine(line: LineString, area: Polygon): LineGeometry {
  const pieces = turf.lineSplit(turf.lineString(line.coordinates), turf.polygon(area.coordinates)).features;
  const parts = (pieces.length > 0 ? pieces : [turf.lineString(line.coordinates)])
    .filter((piece) => {
      const length = turf.length(piece, { units: 'meters' });
      const middle = turf.along(piece, length / 2, { units: 'meters' });
      return length > 4 * END_MARGIN_M && turf.booleanPointInPolygon(middle, area);
    })
    .map((piece) => {
      const length = turf.length(piece, { units: 'meters' });
      const trimmed = turf.lineSliceAlong(piece, END_MARGIN_M, length - END_MARGIN_M, { units: 'meters' });
      return lineFromPositions(trimmed.geometry.coordinates).coordinates;
    });
  if (parts.length === 0) throw new Error('line lies outside the county');
  if (parts.length === 1) return { type: 'LineString', coordinates: parts[0] };
  return { type: 'MultiLineString', coordinates: parts };
}

/** A meandering line through `waypoints` (local metres), cut to the county. */
function countyLine(context: Context, waypoints: readonly PointM[], options: MeanderOptions): LineGeometry {
  const raw = lineFromPolyline(context.frame, meander(context.random, waypoints, options));
  const clipped = clipLine(raw, context.county);
  return clipped.type === 'LineString'
    ? lineFromPositions(clipped.coordinates)
    : { type: 'MultiLineString', coordinates: clipped.coordinates.map((part) => lineFromPositions(part).coordinates) };
}

/** Waypoints from `[x, y]` pairs in local metres. */
const path = (...points: [number, number][]): PointM[] => points.map(([x, y]) => ({ x, y }));

const ROAD = { stepM: 250, amplitudeM: 120, wavelengthM: 1800 } as const;
const RAIL = { stepM: 400, amplitudeM: 60, wavelengthM: 6000 } as const;
const RIVER = { stepM: 150, amplitudeM: 220, wavelengthM: 1400 } as const;

/** Roads of every class, a railway and three rivers (the "two lines" 两线). */
export function buildLines(context: Context) {
  const line = (waypoints: PointM[], options: MeanderOptions) => countyLine(context, waypoints, options);
  const roads: Feature<LineGeometry>[] = [
    feature(
      { name: `国道211线正宁段${DEMO}`, roadClass: 'national' },
      line(path([-2500, 17500], [-500, 6000], [300, 500], [1500, -7000], [2500, -17500]), ROAD),
    ),
    feature(
      { name: `省道303线正宁段${DEMO}`, roadClass: 'provincial' },
      line(path([-23000, 1500], [-8000, -1500], [500, 0], [9000, -2000], [23000, -5000]), ROAD),
    ),
    feature(
      { name: `县道X451山河—榆林子公路${DEMO}`, roadClass: 'countyRoad' },
      line(path([300, -500], [-4000, -5000], [-7000, -8600], [-9000, -12500]), ROAD),
    ),
    feature(
      { name: `乡道Y032永和—东沟公路${DEMO}`, roadClass: 'townshipRoad' },
      line(path([9000, -7300], [10600, -8600], [13500, -11000]), ROAD),
    ),
  ];
  const railways = [
    feature(
      { name: `西平铁路正宁段${DEMO}` },
      line(path([-23000, -5500], [-11000, -10500], [-1000, -8800], [10000, -11000], [23000, -9000]), RAIL),
    ),
  ];
  const rivers = [
    feature(
      { name: `四郎河${DEMO}` },
      line(path([-23000, -4000], [-12000, -7500], [-3000, -12700], [6000, -17500]), RIVER),
    ),
    feature(
      { name: `湫头河${DEMO}` },
      line(path([0, 18000], [3000, 8000], [6500, 3500], [12000, -2000], [23000, -6500]), RIVER),
    ),
    feature(
      { name: `城北河${DEMO}` },
      line(path([-14000, 9000], [-6000, 4000], [-1500, 3500], [300, 800]), RIVER),
    ),
  ];
  return { roads, railways, rivers };
}

import * as turf from '@turf/turf';
import { cleanRing, intersection } from './geometry.ts';
import type { LocalFrame } from './frame.ts';
import type { Random } from './random.ts';
import { blob } from './shapes.ts';
import { DEMO, feature } from './context.ts';
import type { AreaGeometry, PointM, Polygon, Position } from './types.ts';

/** Administrative code of Zhengning county (正宁县). */
export const COUNTY_CODE = '621025';

/** A township of the demo county: name, 9-digit code, and the seed its cell grows from. */
export interface TownshipSpec {
  name: string;
  adminCode: string;
  seed: PointM;
}

/**
 * The ten townships (9 towns 镇, codes 1xx; 1 ethnic township 乡, code 2xx). Seeds are in
 * local metres around the county centre; the codes are illustrative, not the official ones.
 */
export const TOWNSHIPS: readonly TownshipSpec[] = [
  { name: '山河镇', adminCode: `${COUNTY_CODE}100`, seed: { x: 0, y: -500 } },
  { name: '榆林子镇', adminCode: `${COUNTY_CODE}101`, seed: { x: -7000, y: -8500 } },
  { name: '永和镇', adminCode: `${COUNTY_CODE}102`, seed: { x: 9500, y: -6500 } },
  { name: '宫河镇', adminCode: `${COUNTY_CODE}103`, seed: { x: 1500, y: -10500 } },
  { name: '周家镇', adminCode: `${COUNTY_CODE}104`, seed: { x: -12000, y: -3000 } },
  { name: '湫头镇', adminCode: `${COUNTY_CODE}105`, seed: { x: 10000, y: 6500 } },
  { name: '永正镇', adminCode: `${COUNTY_CODE}106`, seed: { x: -5000, y: 9500 } },
  { name: '西坡镇', adminCode: `${COUNTY_CODE}107`, seed: { x: -12500, y: 5000 } },
  { name: '三嘉镇', adminCode: `${COUNTY_CODE}108`, seed: { x: 3000, y: 10500 } },
  { name: '五顷塬回族乡', adminCode: `${COUNTY_CODE}200`, seed: { x: 15000, y: -500 } },
];

/** Semi-axes of the county outline, metres (about 42 × 33 km, like Zhengning). */
const COUNTY_RADII = { east: 20500, north: 16000 } as const;

/** A smooth displacement of the plane (metres), gentle enough to keep every shape simple. */
export type Warp = (point: PointM) => PointM;

/**
 * A random smooth warp: sums of sines whose slopes add up to well under 1, so the map is a
 * one-to-one deformation and straight cell edges become plausible wandering boundaries.
 */
export function createWarp(random: Random): Warp {
  const phases = Array.from({ length: 4 }, () => random.range(0, 2 * Math.PI));
  return ({ x, y }) => ({
    x: x + 550 * Math.sin(y / 2300 + phases[0]) + 200 * Math.sin((x + y) / 800 + phases[1]),
    y: y + 550 * Math.sin(x / 2600 + phases[2]) + 200 * Math.sin((x - y) / 850 + phases[3]),
  });
}

/** The county outline: a wavy ellipse, warped. */
export function buildCountyGeometry(frame: LocalFrame, random: Random, warp: Warp): Polygon {
  const outline = blob(random, { x: 0, y: 0 }, Math.sqrt(COUNTY_RADII.east * COUNTY_RADII.north), {
    vertices: 180,
    elongation: COUNTY_RADII.east / COUNTY_RADII.north,
    rotationDeg: -15,
    waviness: 0.14,
    jitter: 0.012,
  }).map(warp);
  const ring = cleanRing(outline.map(frame.toLonLat), true);
  if (!ring) throw new Error('county outline degenerated');
  return { type: 'Polygon', coordinates: [ring] };
}

/**
 * Positions every `stepM` metres along the segment a→b, excluding both ends. The points are
 * always computed from the lexicographically smaller end, so the two cells sharing an edge
 * get bit-identical points and stay an exact partition after warping.
 */
function densify(frame: LocalFrame, a: Position, b: Position, stepM: number): Position[] {
  const forward = a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1]);
  const [p, q] = forward ? [a, b] : [b, a];
  const pm = frame.toMetres(p);
  const qm = frame.toMetres(q);
  const n = Math.ceil(Math.hypot(qm.x - pm.x, qm.y - pm.y) / stepM);
  const points: Position[] = [];
  for (let k = 1; k < n; k++) points.push([p[0] + ((q[0] - p[0]) * k) / n, p[1] + ((q[1] - p[1]) * k) / n]);
  return forward ? points : points.reverse();
}

/**
 * The township areas: Voronoi cells of the seeds, densified, warped and cut by the county,
 * so they tile the county exactly (shared edges, no gaps, no overlaps).
 */
export function buildTownshipGeometries(frame: LocalFrame, warp: Warp, county: Polygon): AreaGeometry[] {
  const [west, south, east, north] = turf.bbox(county);
  const seeds = turf.featureCollection(TOWNSHIPS.map((t) => turf.point(frame.toLonLat(t.seed))));
  const cells = turf.voronoi(seeds, { bbox: [west - 0.1, south - 0.1, east + 0.1, north + 0.1] });
  return cells.features.map((cell, i) => {
    const ring = cell.geometry.coordinates[0] as Position[];
    const dense: Position[] = [];
    for (let k = 0; k < ring.length - 1; k++) dense.push(ring[k], ...densify(frame, ring[k], ring[k + 1], 150));
    const warped = dense.map((p) => frame.toLonLat(warp(frame.toMetres(p))));
    const cellRing = cleanRing(warped, true);
    const township = cellRing && intersection({ type: 'Polygon', coordinates: [cellRing] }, county);
    if (!township) throw new Error(`township ${TOWNSHIPS[i].name} lies outside the county`);
    return township;
  });
}

/** The county and its ten township features. */
export function buildAdmin(frame: LocalFrame, random: Random) {
  const warp = createWarp(random);
  const countyGeometry = buildCountyGeometry(frame, random, warp);
  const county = feature({ name: `正宁县${DEMO}`, adminCode: COUNTY_CODE }, countyGeometry);
  const townships = buildTownshipGeometries(frame, warp, countyGeometry).map((geometry, i) =>
    feature({ name: `${TOWNSHIPS[i].name}${DEMO}`, adminCode: TOWNSHIPS[i].adminCode }, geometry),
  );
  return { county, townships };
}

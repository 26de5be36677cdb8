import * as geographiclibNamespace from 'geographiclib-geodesic';
import { describe, expect, it } from 'vitest';
import { GRS80, boxesMeet, growBox, metresPerDegree, planarReach } from '../src/index.ts';

const geographiclib = (geographiclibNamespace as unknown as { default?: typeof geographiclibNamespace }).default ?? geographiclibNamespace;
const geodesic = new geographiclib.Geodesic.Geodesic(GRS80.a, GRS80.f);

/** Geodesic metres between two lon/lat points, from geographiclib (independent of the code under test). */
const metres = ([lon1, lat1]: number[], [lon2, lat2]: number[]) => geodesic.Inverse(lat1, lon1, lat2, lon2).s12!;
/** The lon/lat point `distanceM` from `[lon, lat]` along `azimuth` (degrees from north). */
const direct = ([lon, lat]: number[], azimuth: number, distanceM: number) => {
  const r = geodesic.Direct(lat, lon, azimuth, distanceM);
  return [r.lon2!, r.lat2!];
};

/** The distances the box tests walk. */
const DISTANCES_M = [1, 300, 5_000, 60_000];

/** The points `distanceM` from each corner of `box`, every 7.5° of azimuth. */
function* pointsAround([w, s, e, n]: readonly number[], distanceM: number) {
  for (const corner of [
    [w, s],
    [w, n],
    [e, s],
    [e, n],
  ])
    for (let azimuth = 0; azimuth < 360; azimuth += 7.5) yield { corner, azimuth, point: direct(corner, azimuth, distanceM) };
}

describe('metresPerDegree', () => {
  it.each([0, 23.5, 35.48, 60, 85])('gives the local scale at %s° to a part in a million', (lat) => {
    const d = 1e-4;
    const { x, y } = metresPerDegree(lat);
    expect(Math.abs(x * d - metres([108, lat], [108 + d, lat])) / (x * d)).toBeLessThan(1e-6);
    expect(Math.abs(y * d - metres([108, lat - d / 2], [108, lat + d / 2])) / (y * d)).toBeLessThan(1e-6);
  });
});

describe('growBox', () => {
  const boxes: [string, [number, number, number, number]][] = [
    ['a county in Shaanxi', [108.21, 35.32, 108.69, 35.63]],
    ['a point on the equator', [0, 0, 0, 0]],
    ['a southern box', [-70.1, -55.2, -69.9, -54.8]],
    ['a box near the north pole', [10, 88.5, 11, 89.5]],
  ];

  it.each(boxes)('holds every point within the distance of %s', (_, box) => {
    for (const distanceM of DISTANCES_M) {
      const [gw, gs, ge, gn] = growBox(box, distanceM);
      for (const { corner, azimuth, point: [lon, lat] } of pointsAround(box, distanceM)) {
        const inside = lat >= gs && lat <= gn && ((lon >= gw && lon <= ge) || ge - gw >= 360);
        expect(inside, `${distanceM} m at ${azimuth}° from [${corner}]`).toBe(true);
      }
    }
  });

  it('grows by little more than the distance, and spans every longitude near a pole', () => {
    const [w, s, e, n] = growBox([108.21, 35.32, 108.69, 35.63], 1000);
    expect(metres([108.21, 35.32], [108.21, s])).toBeLessThan(1000 * 1.02);
    expect(metres([108.69, 35.63], [e, 35.63])).toBeLessThan(1000 * 1.02);
    expect([w, n].every(Number.isFinite)).toBe(true);
    expect(growBox([10, 89.9, 11, 89.95], 20_000)).toEqual([-180, expect.closeTo(89.72, 2), 180, 90]);
    expect(growBox([1, 2, 3, 4], 0)).toEqual([1, 2, 3, 4]);
  });

  it('grown by a distance, meets the boxes of points within it', () => {
    const county: [number, number, number, number] = [108.21, 35.32, 108.69, 35.63];
    const east = direct([108.69, 35.5], 90, 4_900);
    const farther = direct([108.69, 35.5], 90, 5_200);
    const [lon, lat] = east;
    expect(boxesMeet([lon, lat, lon, lat], county)).toBe(false);
    expect(boxesMeet([lon, lat, lon, lat], growBox(county, 5_000))).toBe(true);
    expect(boxesMeet([farther[0], farther[1], farther[0], farther[1]], growBox(county, 5_000))).toBe(false);
    expect(boxesMeet([108.69, 35.63, 109, 36], county)).toBe(true);
  });
});

describe('planarReach', () => {
  /** Flat lon/lat distance between two points, in degrees. */
  const flat = ([x1, y1]: number[], [x2, y2]: number[]) => Math.hypot(x2 - x1, y2 - y1);

  it.each([
    ['a county in Shaanxi', [108.21, 35.32, 108.69, 35.63]],
    ['a point on the equator', [0, 0, 0, 0]],
    ['a box in the far north of China', [122.3, 52.9, 122.6, 53.5]],
  ] as [string, [number, number, number, number]][])('reaches, measured flat, every point within the distance of %s', (_, box) => {
    for (const distanceM of DISTANCES_M) {
      const reach = planarReach(box, distanceM);
      for (const { corner, azimuth, point } of pointsAround(box, distanceM)) {
        expect(flat(corner, point), `${distanceM} m at ${azimuth}°`).toBeLessThanOrEqual(reach);
      }
    }
  });

  it("allows for a long geodesic edge's stray from its straight image", () => {
    // An edge 80 km long along 35.5° N: its geodesic bows about 90 m north of the straight line
    // between its ends, more than a 50 m reach has to spare.
    const line = geodesic.InverseLine(35.5, 108, 35.5, 108 + 80_000 / metresPerDegree(35.5).x);
    const middle = line.Position(line.s13! / 2);
    // A point 50 m north of the edge's geodesic middle: within 50 m of the edge on the ellipsoid.
    const point = direct([middle.lon2!, middle.lat2!], 0, 50);
    const flatToEdge = point[1] - 35.5;
    expect(flatToEdge * metresPerDegree(35.5).y).toBeGreaterThan(50 + 80);
    expect(flatToEdge).toBeLessThanOrEqual(planarReach([point[0], point[1], point[0], point[1]], 50));
  });
});

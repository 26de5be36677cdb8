/** A point on the micrometre grid: integer micrometres east and north. */
export type GridPoint = readonly [east: number, north: number];

/**
 * Snaps metres to integer micrometres. Corner lists are written to 2 decimals, so the
 * written decimal value is represented exactly; Gauss–Krüger values (< 1e8 m) stay below
 * 2^53 µm, so differences of grid points are exact too.
 */
export function toGrid(eastingM: number, northingM: number): GridPoint {
  return [Math.round(eastingM * 1e6), Math.round(northingM * 1e6)];
}

/**
 * Orientation of `c` relative to the directed line `a → b`: 1 left (counter-clockwise),
 * -1 right, 0 collinear; exact for grid points. The coordinate differences are exact
 * integers, and rounding is monotonic, so when the two rounded products differ their order
 * is the order of the true products; only a tie needs exact BigInt arithmetic.
 */
export function orient(a: GridPoint, b: GridPoint, c: GridPoint): -1 | 0 | 1 {
  const [abx, aby, acx, acy] = [b[0] - a[0], b[1] - a[1], c[0] - a[0], c[1] - a[1]];
  const left = abx * acy;
  const right = aby * acx;
  if (left !== right) return left > right ? 1 : -1;
  const exact = BigInt(abx) * BigInt(acy) - BigInt(aby) * BigInt(acx);
  return exact > 0n ? 1 : exact < 0n ? -1 : 0;
}

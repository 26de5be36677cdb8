import { describe, expect, it } from 'vitest';
import { pointInRing } from '../../src/corner-list/hole-checks.ts';
import { orient, toGrid, type GridPoint } from '../../src/corner-list/orientation.ts';
import { contact } from '../../src/corner-list/self-intersection.ts';

/** Seeded generator (mulberry32) so every run tests the same points. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** g = gcd(a, b) and x, y with a·x + b·y = g. */
function bezout(a: bigint, b: bigint): [bigint, bigint, bigint] {
  if (b === 0n) return [a, 1n, 0n];
  const [g, x, y] = bezout(b, a % b);
  return [g, y, x - (a / b) * y];
}

const exactSign = (a: GridPoint, b: GridPoint, c: GridPoint) => {
  const d = BigInt(b[0] - a[0]) * BigInt(c[1] - a[1]) - BigInt(b[1] - a[1]) * BigInt(c[0] - a[0]);
  return d > 0n ? 1 : d < 0n ? -1 : 0;
};

describe('orient', () => {
  it('matches exact arithmetic on nearly collinear GK points where plain floats do not', () => {
    const next = random(20250615);
    let floatWrong = 0;
    for (let i = 0; i < 20_000; i++) {
      // A 1–20 km segment a→b in zone 38 and a point c with determinant exactly ±1 µm²
      // (Bézout: p·s − q·r = 1): products reach ~1e20 µm², where doubles keep no units.
      const a = toGrid(38_500_000 + next() * 20_000, 3_150_000 + next() * 20_000);
      const [p, q] = [Math.round(1e9 + next() * 19e9), Math.round(1e9 + next() * 19e9)];
      const [g, x, y] = bezout(BigInt(p), BigInt(q));
      if (g !== 1n) continue;
      const flip = next() < 0.5 ? 1 : -1;
      const b: GridPoint = [a[0] + p, a[1] + q];
      const c: GridPoint = [a[0] - flip * Number(y), a[1] + flip * Number(x)];
      const truth = exactSign(a, b, c);
      expect(orient(a, b, c)).toBe(truth);
      const naive = Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
      if (naive !== truth) floatWrong++;
    }
    // Plain doubles call some of these collinear: the case the exact fallback exists for.
    expect(floatWrong).toBeGreaterThan(100);
  });

  it('is exact on the 2-decimal values as written', () => {
    const a = toGrid(38512086.86, 3153859.71);
    const b = toGrid(38512486.86, 3153559.71);
    const mid = toGrid(38512286.86, 3153709.71);
    expect(orient(a, b, mid)).toBe(0);
    expect(orient(a, b, toGrid(38512286.87, 3153709.71))).toBe(1);
  });
});

describe('contact', () => {
  const p = (x: number, y: number): GridPoint => [x, y];
  it.each([
    ['crossing', p(0, 0), p(10, 10), p(0, 10), p(10, 0), 'cross'],
    ['T-junction', p(0, 0), p(10, 0), p(5, 0), p(5, 5), 'touch'],
    ['shared end', p(0, 0), p(10, 0), p(10, 0), p(10, 5), 'touch'],
    ['collinear overlap', p(0, 0), p(10, 0), p(5, 0), p(15, 0), 'overlap'],
    ['collinear end to end', p(0, 0), p(10, 0), p(10, 0), p(20, 0), 'touch'],
    ['collinear apart', p(0, 0), p(10, 0), p(11, 0), p(20, 0), 'none'],
    ['parallel', p(0, 0), p(10, 0), p(0, 1), p(10, 1), 'none'],
    ['vertical overlap', p(0, 0), p(0, 10), p(0, 5), p(0, 7), 'overlap'],
  ] as const)('%s', (_name, a, b, c, d, expected) => expect(contact(a, b, c, d)).toBe(expected));
});

describe('pointInRing', () => {
  const square: GridPoint[] = [
    [0, 0],
    [10, 0],
    [10, 10],
    [0, 10],
  ];
  it.each([
    [[5, 5], 1],
    [[15, 5], -1],
    [[10, 5], 0],
    [[0, 0], 0],
    [[5, 10], 0],
    [[-1, 10], -1],
  ] as const)('%j → %i', (point, side) => expect(pointInRing(point, square)).toBe(side));
});

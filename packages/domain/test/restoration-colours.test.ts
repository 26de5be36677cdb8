import { describe, expect, it } from 'vitest';
import { RESTORATION_STATUS_COLORS, RESTORATION_STATUSES } from '../src/restoration.ts';

const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const rgb = (hex: string) => [1, 3, 5].map((i) => linear(parseInt(hex.slice(i, i + 2), 16) / 255));

/** Deuteranopia as Viénot, Brettel and Mollon (1999) simulate it, in linear RGB. */
function deuteranope([r, g, b]: number[]): number[] {
  return [0.29275 * r + 0.70725 * g, 0.29275 * r + 0.70725 * g, -0.02234 * r + 0.02234 * g + b];
}

/** CIELAB (D65) of a linear RGB colour. */
function lab([r, g, b]: number[]): number[] {
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

const deltaE = (a: number[], b: number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

describe('restoration status colours', () => {
  it('stay apart for a deuteranope: every pair at least ΔE 20 after simulation', () => {
    const seen = RESTORATION_STATUSES.map((s) => ({ s, lab: lab(deuteranope(rgb(RESTORATION_STATUS_COLORS[s]))) }));
    const close: string[] = [];
    for (const [i, a] of seen.entries()) for (const b of seen.slice(i + 1)) if (deltaE(a.lab, b.lab) < 20) close.push(`${a.s}/${b.s} ${deltaE(a.lab, b.lab).toFixed(1)}`);
    expect(close).toEqual([]);
  });
});

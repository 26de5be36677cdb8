import { describe, expect, it } from 'vitest';
import { apportionMu } from '../src/parcel-events.ts';

const sumCents = (values: number[]) => values.reduce((s, v) => s + Math.round(v * 100), 0);

describe('apportioning a parcel’s restored area among its parts', () => {
  it('gives each part its share by area, to 0.01 mu, the parts adding up to the whole', () => {
    expect(apportionMu(10, [1, 1])).toEqual([5, 5]);
    expect(apportionMu(1, [1, 1, 1])).toEqual([0.34, 0.33, 0.33]);
    expect(apportionMu(12.35, [455713.83, 556981.67])).toEqual([5.56, 6.79]);
    expect(apportionMu(0, [3, 4])).toEqual([0, 0]);
  });

  it('never loses or adds a hundredth, whatever the weights', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    for (let n = 0; n < 500; n++) {
      const total = Math.round(random() * 100000) / 100;
      const weights = Array.from({ length: 2 + Math.floor(random() * 6) }, () => random() * 1e6 + 1);
      const parts = apportionMu(total, weights);
      expect(sumCents(parts), `${total} over ${weights.length}`).toBe(Math.round(total * 100));
      parts.forEach((part, i) => expect(Math.abs(part - (total * weights[i]) / weights.reduce((s, w) => s + w, 0))).toBeLessThan(0.0101));
    }
  });
});

import { describe, expect, it } from 'vitest';
import { MALFORMED_DMS, formatDms, parseDms } from '../src/index.ts';

describe('formatDms', () => {
  it('writes seconds with 3 decimals and two-digit minutes', () => {
    expect(formatDms(114.12345604711)).toBe('114°07′24.442″');
    expect(formatDms(114.12345604711, 'lon')).toBe('114°07′24.442″E');
    expect(formatDms(28.500000002225, 'lat')).toBe('28°30′00.000″N');
    expect(formatDms(-0.5, 'lat')).toBe('0°30′00.000″S');
    expect(formatDms(-75.25)).toBe('-75°15′00.000″');
  });

  it('carries rounded seconds into minutes and degrees', () => {
    expect(formatDms(28 + 59 / 60 + 59.9996 / 3600)).toBe('29°00′00.000″');
    expect(formatDms(114 + 7 / 60 + 59.99951 / 3600)).toBe('114°08′00.000″');
  });
});

describe('parseDms', () => {
  it.each([
    ['114°07′24.442″', 114 + 7 / 60 + 24.442 / 3600],
    ['114°07\'24.442"E', 114 + 7 / 60 + 24.442 / 3600],
    ['28°30′00.000″N', 28.5],
    ['北纬28°30′00″', 28.5],
    ['114 07 24.442', 114 + 7 / 60 + 24.442 / 3600],
    ['114度07分24.442秒', 114 + 7 / 60 + 24.442 / 3600],
    ['0°30′00″S', -0.5],
    ['-75°15′00″', -75.25],
  ])('%s', (text, degrees) => {
    const result = parseDms(text);
    expect(result.ok && result.value).toBeCloseTo(degrees, 12);
  });

  it.each(['114°61′00″', '114°07′60.000″', '114.1234', 'E114°07′24″E', ''])('refuses %s', (text) => {
    const result = parseDms(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors[0].reason).toBe(MALFORMED_DMS);
      expect(result.errors[0].message.zh).toContain('度分秒');
      expect(result.errors[0].message.en).toContain('DMS');
    }
  });

  it('round-trips with formatDms to 3 decimals of a second', () => {
    for (const deg of [114.12345604711, 28.497293100096, 75.000001, 135.9999999]) {
      const parsed = parseDms(formatDms(deg, 'lon'));
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(Math.abs(parsed.value - deg) * 3600).toBeLessThanOrEqual(0.0005 + 1e-9);
    }
  });
});

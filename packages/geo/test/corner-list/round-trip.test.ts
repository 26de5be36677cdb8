import { describe, expect, it } from 'vitest';
import {
  HOLES_NOT_SUPPORTED,
  centralMeridian,
  cornerListFromGeoJson,
  formatCornerList,
  formatExchange,
  formatPlainTable,
  formatRegistration,
  parseCornerList,
  type CornerList,
  type CornerListFormat,
} from '../../src/index.ts';
import exchangeHole from '../fixtures/exchange/parcels-with-hole.txt?raw';
import exchangeSample from '../fixtures/exchange/sample-zone38.txt?raw';
import plainSample from '../fixtures/plain-table/sample-zone38.txt?raw';
import plainSixDegree from '../fixtures/plain-table/six-degree.txt?raw';
import plainRingColumn from '../fixtures/plain-table/ring-column.txt?raw';
import plainTwoBlocks from '../fixtures/plain-table/two-blocks-star.txt?raw';
import plainUnprefixed from '../fixtures/plain-table/unprefixed-cm-title.txt?raw';
import registrationSample from '../fixtures/registration/sample-zone38.txt?raw';
import registrationTwoBlocks from '../fixtures/registration/two-blocks.txt?raw';

function parsed(text: string): CornerList {
  const result = parseCornerList(text);
  if (!result.ok) throw new Error(`${text}\n${result.errors.map((e) => e.message.en).join('\n')}`);
  return result.value;
}

/** Every ring's corners as label and centimetres (easting without any zone prefix), for exact comparison. */
const corners = (list: CornerList) => {
  const prefix = list.zone.prefixed ? list.zone.zone * 1_000_000 : 0;
  return list.polygons.map((p) =>
    p.rings.map((r) => r.points.map((q) => [q.label, Math.round(q.northingM * 100), Math.round((q.eastingM - prefix) * 100)])),
  );
};

function written(list: CornerList, format: CornerListFormat): string {
  const result = formatCornerList(list, format);
  if (!result.ok) throw new Error(result.errors[0].message.en);
  return result.value;
}

const FIXTURES = {
  'plain sample': plainSample,
  'plain, two blocks': plainTwoBlocks,
  'plain, ring column with a hole': plainRingColumn,
  'plain, no prefix': plainUnprefixed,
  'plain, 6°': plainSixDegree,
  'registration sample': registrationSample,
  'registration, two blocks': registrationTwoBlocks,
  'exchange sample': exchangeSample,
  'exchange, holes': exchangeHole,
};

const FORMATS: readonly CornerListFormat[] = ['plainTable', 'registration', 'exchange'];

describe.each(Object.entries(FIXTURES))('%s', (_name, text) => {
  const list = parsed(text);

  it('survives parse → write in its own format → parse, every coordinate to 0.01 m', () => {
    const again = parsed(written(list, list.format));
    expect(again.format).toBe(list.format);
    expect(again.zone).toEqual(list.zone);
    expect(corners(again)).toEqual(corners(list));
    expect(again.polygons.map((p) => p.elevation)).toEqual(list.polygons.map((p) => p.elevation));
    expect(again.polygons.map((p) => p.attributes)).toEqual(list.polygons.map((p) => p.attributes));
    expect(again.headerLines).toEqual(list.headerLines);
  });

  const hasHoles = list.polygons.some((p) => p.rings.length > 1);

  it.each(FORMATS)('survives being written as %s and read back (or is refused where holes cannot go)', (format) => {
    const result = formatCornerList(list, format);
    if (format === 'registration' && hasHoles) {
      expect(result.ok || result.errors[0].reason).toBe(HOLES_NOT_SUPPORTED);
      return;
    }
    const again = parsed(written(list, format));
    expect(again.format).toBe(format);
    expect(centralMeridian(again.zone)).toBe(centralMeridian(list.zone));
    expect(corners(again)).toEqual(corners(list));
  });

  it('comes back from its EPSG:4490 geometry to the same metres, point 1 first', () => {
    const result = cornerListFromGeoJson(list.geometry, list.zone);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const back = result.value.polygons.flatMap((p) => p.rings.map((r) => r.points));
    const original = list.polygons.flatMap((p) => p.rings.map((r) => r.points));
    back.forEach((ring, i) => {
      expect(ring).toHaveLength(original[i].length);
      ring.forEach((p, j) => {
        expect(Math.abs(p.northingM - original[i][j].northingM)).toBeLessThan(0.005);
        expect(Math.abs(p.eastingM - original[i][j].eastingM)).toBeLessThan(0.005);
      });
    });
  });
});

/** Freezes a value and everything inside it, so any mutation throws. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

describe('writers', () => {
  it('never mutate their input', () => {
    const list = deepFreeze(parsed(exchangeHole));
    for (const format of FORMATS) expect(() => formatCornerList(list, format)).not.toThrow();
    expect(() => cornerListFromGeoJson(list.geometry, list.zone)).not.toThrow();
  });

  it('write the §2.3 sample back in the §2.3 layouts', () => {
    const list = parsed(plainSample);
    expect(formatRegistration(parsed(registrationSample))).toEqual({ ok: true, value: registrationSample });
    expect(formatExchange(parsed(exchangeSample))).toBe(exchangeSample);
    expect(formatPlainTable(list).split('\n').slice(2, 4)).toEqual(['1\t3153859.71\t38512086.86', '2\t3153859.71\t38512486.86']);
    expect(formatExchange(list)).toContain('5,12.0000,1,,面,,,,@\n1,1,3153859.71,38512086.86\n');
  });

  it('give registration text the zone prefix it requires', () => {
    const result = formatRegistration(parsed(plainUnprefixed));
    expect(result.ok && result.value).toContain('XY001=J1,3153859.71,38512086.86\n');
  });

  it('label points from geometry with a prefix and number them per block', () => {
    const result = cornerListFromGeoJson(parsed(exchangeHole).geometry, parsed(exchangeHole).zone, { labelPrefix: 'J', format: 'exchange' });
    expect(result.ok && result.value.polygons.map((p) => p.rings.map((r) => r.points.map((q) => q.label)))).toEqual([
      [
        ['J1', 'J2', 'J3', 'J4'],
        ['J5', 'J6', 'J7', 'J8'],
      ],
      [['J1', 'J2', 'J3']],
    ]);
  });
});

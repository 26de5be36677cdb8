import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  areaReport,
  detectCornerListFormat,
  ellipsoidalAreaM2,
  formatLonLatDms,
  parseCornerList,
  type CornerList,
  type CornerListOptions,
} from '../../src/index.ts';
import exchangeHole from '../fixtures/exchange/parcels-with-hole.txt?raw';
import exchangeSample from '../fixtures/exchange/sample-zone38.txt?raw';
import plainCommaCrlf from '../fixtures/plain-table/comma-crlf.txt?raw';
import plainRingColumn from '../fixtures/plain-table/ring-column.txt?raw';
import plainSample from '../fixtures/plain-table/sample-zone38.txt?raw';
import plainSixDegree from '../fixtures/plain-table/six-degree.txt?raw';
import plainTwoBlocks from '../fixtures/plain-table/two-blocks-star.txt?raw';
import plainUnprefixed from '../fixtures/plain-table/unprefixed-cm-title.txt?raw';
import registrationSample from '../fixtures/registration/sample-zone38.txt?raw';
import registrationTwoBlocks from '../fixtures/registration/two-blocks.txt?raw';

function parsed(text: string, options?: CornerListOptions): CornerList {
  const result = parseCornerList(text, options);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message.en).join('\n'));
  return result.value;
}

/** Counter-clockwise test for a closed lon/lat ring (shoelace, relative to the first position). */
function isCounterClockwise(ring: readonly Position[]): boolean {
  let sum = 0;
  for (let i = 2; i < ring.length; i++) {
    sum += (ring[i - 1][0] - ring[0][0]) * (ring[i][1] - ring[0][1]) - (ring[i][0] - ring[0][0]) * (ring[i - 1][1] - ring[0][1]);
  }
  return sum > 0;
}

const SAMPLE_CORNERS = [
  { label: '1', northingM: 3153859.71, eastingM: 38512086.86 },
  { label: '2', northingM: 3153859.71, eastingM: 38512486.86 },
  { label: '3', northingM: 3153559.71, eastingM: 38512486.86 },
  { label: '4', northingM: 3153559.71, eastingM: 38512086.86 },
];
const SAMPLE_DMS = [
  { lon: '114°07′24.442″E', lat: '28°30′00.000″N' },
  { lon: '114°07′39.150″E', lat: '28°29′59.986″N' },
  { lon: '114°07′39.138″E', lat: '28°29′50.242″N' },
  { lon: '114°07′24.430″E', lat: '28°29′50.255″N' },
];

describe('detectCornerListFormat', () => {
  it('tells the three §2.3 formats apart', () => {
    expect(detectCornerListFormat(plainSample)).toBe('plainTable');
    expect(detectCornerListFormat(registrationSample)).toBe('registration');
    expect(detectCornerListFormat(exchangeSample)).toBe('exchange');
  });
});

describe.each([
  ['plain table', plainSample, 'plainTable', ['1', '2', '3', '4']],
  ['registration text', registrationSample, 'registration', ['1', '2', '3', '4']],
  ['exchange file', exchangeSample, 'exchange', ['J1', 'J2', 'J3', 'J4']],
] as const)('the §2.3 sample as a %s', (_name, text, format, labels) => {
  const list = parsed(text);

  it('keeps the corners in GK metres with their 点号 as text, in zone 38 (EPSG:4526)', () => {
    expect(list.format).toBe(format);
    expect(list.zone).toEqual({ widthDeg: 3, zone: 38, prefixed: true });
    expect(list.epsg).toBe(4526);
    expect(list.polygons).toHaveLength(1);
    const points = list.polygons[0].rings[0].points;
    expect(points.map((p) => p.label)).toEqual(labels);
    expect(points.map(({ northingM, eastingM }) => ({ northingM, eastingM }))).toEqual(
      SAMPLE_CORNERS.map(({ northingM, eastingM }) => ({ northingM, eastingM })),
    );
  });

  it('gives a closed, counter-clockwise EPSG:4490 polygon whose corners have the published DMS', () => {
    const geometry = list.geometry as Polygon;
    expect(geometry.type).toBe('Polygon');
    const ring = geometry.coordinates[0];
    expect(ring).toHaveLength(5);
    expect(ring[4]).toEqual(ring[0]);
    expect(isCounterClockwise(ring)).toBe(true);
    // Reversing a clockwise ring keeps corner 1 first: 1, 4, 3, 2.
    expect([0, 3, 2, 1].map((i) => formatLonLatDms([ring[i][0], ring[i][1]]))).toEqual(SAMPLE_DMS.map((d) => d));
  });

  it('has the ellipsoidal area 0.1200 km² (119 999.55 m²)', () => {
    const report = areaReport(ellipsoidalAreaM2(list.geometry));
    expect(report.areaM2).toBe(119_999.55);
    expect(report.areaKm2).toBe(0.12);
  });
});

describe('plain tables', () => {
  it('reads the 开采深度 trailer as the elevation interval, kept as written', () => {
    expect(parsed(plainSample).polygons[0].elevation).toEqual({ top: '+420', bottom: '+180', topM: 420, bottomM: 180 });
  });

  it('reads comma-separated lines with CRLF and no title', () => {
    expect(parsed(plainCommaCrlf).polygons[0].rings[0].points).toHaveLength(4);
  });

  it('takes the zone from the title’s central meridian when Y has no prefix', () => {
    const list = parsed(plainUnprefixed);
    expect(list.zone).toEqual({ widthDeg: 3, zone: 38, prefixed: false });
    expect(list.epsg).toBe(4547);
    expect(areaReport(ellipsoidalAreaM2(list.geometry)).areaM2).toBe(119_999.55);
  });

  it('takes the zone from the options when nothing else states it', () => {
    const text = plainUnprefixed.replace(/^.*中央经线.*$/m, '');
    expect(parseCornerList(text).ok).toBe(false);
    expect(parsed(text, { zone: { zone: 38 } }).epsg).toBe(4547);
  });

  it('starts a new block at a * line', () => {
    const list = parsed(plainTwoBlocks);
    expect(list.polygons.map((p) => p.rings[0].points.map((q) => q.label))).toEqual([
      ['1', '2', '3', '4'],
      ['5', '6', '7'],
    ]);
    expect(list.geometry.type).toBe('MultiPolygon');
    expect(list.polygons.map((p) => p.elevation?.top)).toEqual(['+350', '+350']);
  });

  it('reads a 圈号 column as in the exchange file: 2 is a hole, a new 1 a new block', () => {
    const list = parsed(plainRingColumn);
    expect(list.polygons.map((p) => p.rings.map((r) => r.points.map((q) => q.label)))).toEqual([
      [
        ['1', '2', '3', '4'],
        ['5', '6', '7', '8'],
      ],
      [['9', '10', '11']],
    ]);
  });

  it('reads 6° zones with prefix (zone 20 → EPSG:4498)', () => {
    const list = parsed(plainSixDegree);
    expect(list.zone).toEqual({ widthDeg: 6, zone: 20, prefixed: true });
    expect(list.epsg).toBe(4498);
  });
});

describe('registration text', () => {
  it('makes one polygon per block with its elevation and flag verbatim, and keeps the header lines', () => {
    const list = parsed(registrationTwoBlocks);
    expect(list.geometry.type).toBe('MultiPolygon');
    expect(list.polygons.map((p) => p.elevation)).toEqual([
      { top: '420', bottom: '180', topM: 420, bottomM: 180, flag: '1' },
      { top: '+300.5', bottom: '-20', topM: 300.5, bottomM: -20, flag: '2' },
    ]);
    expect(list.polygons[1].rings[0].points.map((p) => p.label)).toEqual(['1', '2', '3']);
    expect(list.headerLines).toContain('矿山名称=某某建筑用石料矿');
  });
});

describe('exchange files', () => {
  it('reads parcels with holes (圈号 2) and keeps the parcel header fields verbatim', () => {
    const list = parsed(exchangeHole);
    expect(list.polygons).toHaveLength(2);
    expect(list.polygons[0].rings.map((r) => r.points.map((p) => p.label))).toEqual([
      ['J1', 'J2', 'J3', 'J4'],
      ['K1', 'K2', 'K3', 'K4'],
    ]);
    expect(list.polygons[0].attributes).toEqual(['32.0000', '1', '恢复治理图斑一', '面', 'H50G001001', '恢复治理', '0602']);
    const [outer, hole] = (list.geometry.type === 'MultiPolygon' ? list.geometry.coordinates : [])[0];
    expect(isCounterClockwise(outer)).toBe(true);
    expect(isCounterClockwise(hole)).toBe(false);
    const first = { type: 'Polygon', coordinates: list.geometry.coordinates[0] } as Polygon;
    expect(areaReport(ellipsoidalAreaM2(first)).areaHa).toBeCloseTo(32, 1);
  });
});

describe('purity', () => {
  it('parses the same text to the same value twice', () => {
    expect(parseCornerList(exchangeHole)).toEqual(parseCornerList(exchangeHole));
  });

  it('reads the width only from a 3°/6° statement, not from a meridian ending in 6', () => {
    const text = plainUnprefixed.replace('（CGCS2000，3度带，中央经线114°）', '（CGCS2000，中央经线126°带号42）');
    expect(parsed(text).zone).toEqual({ widthDeg: 3, zone: 42, prefixed: false });
    expect(parsed(plainSample.replace('3°带，中央经线114°', '中央经线 114°')).epsg).toBe(4526);
  });
});

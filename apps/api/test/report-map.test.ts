import { describe, expect, it } from 'vitest';
import { ellipsoidalLengthM } from '@mpm/geo';
import { cornerTable } from '../src/plugins/app/reports/report-corners.ts';
import { mapWindow, reportMapSvg } from '../src/plugins/app/reports/report-map.ts';

/** A closed counter-clockwise lon/lat rectangle. */
const rect = (w: number, s: number, e: number, n: number): GeoJSON.Position[] => [[w, s], [e, s], [e, n], [w, n], [w, s]];

const block: GeoJSON.Polygon = { type: 'Polygon', coordinates: [rect(108.39, 35.34, 108.394, 35.343)] };
const twoParts: GeoJSON.MultiPolygon = {
  type: 'MultiPolygon',
  coordinates: [[rect(108.39, 35.34, 108.392, 35.341)], [rect(108.395, 35.34, 108.397, 35.341), rect(108.3955, 35.3402, 108.3965, 35.3408)]],
};

describe('report map and corner table', () => {
  it('frames the block with a margin, at the drawing aspect, measured in ground metres', () => {
    const window = mapWindow(block);
    const [w, s, e, n] = window.bbox;
    expect(w).toBeLessThan(108.39);
    expect(e).toBeGreaterThan(108.394);
    expect(s).toBeLessThan(35.34);
    expect(n).toBeGreaterThan(35.343);
    expect(window.widthM / window.heightM).toBeCloseTo(540 / 380, 6);
    const geodesicWidth = ellipsoidalLengthM({ type: 'LineString', coordinates: [[w, 35.3415], [e, 35.3415]] });
    expect(window.widthM / geodesicWidth).toBeCloseTo(1, 3);
  });

  it('numbers corners per block, holes after their outer ring, in the 3° zone with its prefix', () => {
    const table = cornerTable(twoParts);
    if (!table.ok) throw new Error(table.message.en);
    expect(table.epsg).toBe(4524);
    expect(table.rows.map((r) => `${r.block}.${r.ring}.${r.label}`)).toEqual([
      ...['1.1.1', '1.1.2', '1.1.3', '1.1.4'],
      ...['2.1.1', '2.1.2', '2.1.3', '2.1.4', '2.2.5', '2.2.6', '2.2.7', '2.2.8'],
    ]);
    for (const row of table.rows) {
      expect(row.y).toMatch(/^36\d{6}\.\d{2}$/);
      expect(row.x).toMatch(/^\d{7}\.\d{2}$/);
      expect(row.lon).toMatch(/^108°\d{2}′\d{2}\.\d{3}″E$/);
    }
  });

  it('draws zones in catalogue colours with a legend, and escapes every text it prints', () => {
    const table = cornerTable(block);
    if (!table.ok) throw new Error(table.message.en);
    const corners = table.rows.map(({ label, lonLat }) => ({ label, lonLat }));
    const features = [
      { collection: 'eco_redline' as const, geometry: { type: 'Polygon' as const, coordinates: [rect(108.392, 35.339, 108.4, 35.35)] } },
      { collection: 'roads' as const, geometry: { type: 'LineString' as const, coordinates: [[108.385, 35.3445], [108.4, 35.3445]] } },
    ];
    const svg = reportMapSvg(mapWindow(block), block, [...corners, { label: '<b>&', lonLat: [108.39, 35.34] }], features);
    expect(svg).toContain('stroke="#d7191c"');
    expect(svg).toContain('stroke="#b35806"');
    expect(svg).toContain('生态保护红线');
    expect(svg).toContain('重要交通干线（公路）');
    expect(svg).toMatch(/北 N/);
    expect(svg).toMatch(/比例尺 约 1:[\d,]+/);
    expect(svg).toContain('&lt;b&gt;&amp;');
    expect(svg).not.toContain('<b>');
  });
});

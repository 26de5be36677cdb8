import { describe, expect, it } from 'vitest';
import { cornerPolygonsInZone, pointTableColumns, readPointTable } from '../src/index.ts';

/** The licence block of the ecosystem notes (zone 38), as rows of a spreadsheet. */
const block = (name: string, dx = 0) => [
  { 地块编号: name, 点号: 'J1', X: '3153859.71', Y: String(38512086.86 + dx), 用途: '采矿用地' },
  { 地块编号: '', 点号: 'J2', X: '3153859.71', Y: String(38512486.86 + dx), 用途: '' },
  { 地块编号: '', 点号: 'J3', X: '3153559.71', Y: String(38512486.86 + dx), 用途: '' },
  { 地块编号: '', 点号: 'J4', X: '3153559.71', Y: String(38512086.86 + dx), 用途: '' },
];
const COLUMNS = ['地块编号', '点号', 'X', 'Y', '用途'];

describe('point-per-row coordinate tables (点号, X, Y)', () => {
  it('finds the columns by the names surveyors use, the feature column named or the usual one', () => {
    expect(pointTableColumns(['界址点号', '圈号', 'X(m)', 'Y（米）', '宗地号'])).toEqual({ point: '界址点号', ring: '圈号', x: 'X(m)', y: 'Y（米）', feature: '宗地号' });
    expect(pointTableColumns(['编号', '名称', 'x', 'y'])).toMatchObject({ feature: '编号' });
    expect(pointTableColumns(['编号', '名称', 'x', 'y'], '名称')).toMatchObject({ feature: '名称' });
    expect(pointTableColumns(['点号', 'X', 'Y'])).toMatchObject({ feature: undefined });
    expect(pointTableColumns(['WKT', '名称'])).toBeUndefined();
  });

  it('groups rows into features (a blank cell continues the one above), attributes from the first non-empty value', () => {
    const rows = [...block('A-1'), ...block('A-2', 1000)];
    const read = readPointTable(rows, { ...pointTableColumns(COLUMNS)!, feature: '地块编号' }, COLUMNS);
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    expect(read.value).toMatchObject({ epsg: 4526, swapped: false, attributeColumns: ['地块编号', '用途'] });
    expect(read.value.features.map((f) => [f.properties, f.firstRow])).toEqual([
      [{ 地块编号: 'A-1', 用途: '采矿用地' }, 2],
      [{ 地块编号: 'A-2', 用途: '采矿用地' }, 6],
    ]);
    expect(cornerPolygonsInZone(read.value.features[1].polygons)).toEqual({
      type: 'Polygon',
      coordinates: [[[38513086.86, 3153859.71], [38513486.86, 3153859.71], [38513486.86, 3153559.71], [38513086.86, 3153559.71], [38513086.86, 3153859.71]]],
    });
  });

  it('reads X and Y swapped in the whole table the right way round and says so', () => {
    const swapped = block('A-1').map((r) => ({ ...r, X: r.Y, Y: r.X }));
    const read = readPointTable(swapped, { ...pointTableColumns(COLUMNS)!, feature: '地块编号' }, COLUMNS);
    expect(read.ok && read.value.swapped).toBe(true);
    expect(read.ok && read.value.features[0].polygons[0].rings[0].points[0]).toMatchObject({ northingM: 3153859.71, eastingM: 38512086.86 });
  });

  it('makes holes of 圈号 2+ and a new part of a second 圈号 1; the closing repeat is optional', () => {
    const columns = ['编号', '圈号', 'X', 'Y'];
    const ring = (n: number, x0: number, y0: number, side: number, close = false) => {
      const pts = [[x0, y0], [x0, y0 + side], [x0 - side, y0 + side], [x0 - side, y0]];
      return [...pts, ...(close ? [pts[0]] : [])].map(([x, y]) => ({ 编号: 'P', 圈号: String(n), X: x.toFixed(2), Y: y.toFixed(2) }));
    };
    const rows = [...ring(1, 3153859.71, 512086.86, 400, true), ...ring(2, 3153759.71, 512186.86, 100), ...ring(1, 3153859.71, 513086.86, 200)];
    const read = readPointTable(rows, { ...pointTableColumns(columns)!, feature: '编号' }, columns, { zone: 38 });
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    expect(read.value.epsg).toBe(4547);
    expect(read.value.features).toHaveLength(1);
    expect(read.value.features[0].polygons.map((p) => p.rings.map((r) => r.points.length))).toEqual([[4, 4], [4]]);
    expect(cornerPolygonsInZone(read.value.features[0].polygons).type).toBe('MultiPolygon');
  });

  it('refuses, on its row, a table without a zone, a bad number, a hole outside its polygon', () => {
    const noZone = block('A', 0).map((r) => ({ ...r, Y: String(Number(r.Y) - 38_000_000) }));
    const columns = { ...pointTableColumns(COLUMNS)!, feature: '地块编号' };
    const first = (rows: Record<string, string>[], cols = columns, all = COLUMNS) => {
      const read = readPointTable(rows, cols, all);
      return read.ok ? undefined : read.errors[0];
    };
    expect(first(noZone)).toMatchObject({ reason: 'missingZonePrefix', line: 2 });
    const bad = block('A').map((r, i) => (i === 2 ? { ...r, X: '31535５9.71' } : r));
    expect(first(bad)).toMatchObject({ reason: 'notANumber', line: 4, message: { zh: expect.stringMatching(/^第 4 行/) } });
    const withRing = ['地块编号', '点号', '圈号', 'X', 'Y', '用途'];
    const outside = [...block('A'), ...block('A', 2000)].map((r, i) => ({ ...r, 圈号: i < 4 ? '1' : '2' }));
    expect(first(outside, { ...pointTableColumns(withRing)!, feature: '地块编号' }, withRing)).toMatchObject({
      reason: 'holeOutside',
      message: { zh: '“A”（自第 2 行起）第 1 块第 2 圈：内环不在外环之内', en: '"A" (from row 2), part 1, ring 2: this hole is not inside the outer ring' },
    });
    // A bow tie in the second feature: named by its key and first row.
    const bowTie = [...block('A-1'), ...block('A-2', 1000)].map((r, i) => (i === 6 ? { ...r, Y: block('A-2', 1000)[3].Y } : i === 7 ? { ...r, Y: block('A-2', 1000)[2].Y } : r));
    expect(first(bowTie)).toMatchObject({ reason: 'selfIntersection', message: { zh: expect.stringMatching(/^“A-2”（自第 6 行起）第 1 块第 1 圈：/) } });
  });
});

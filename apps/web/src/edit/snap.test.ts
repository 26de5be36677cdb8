import { describe, expect, it } from 'vitest';
import { SNAP_TOLERANCE_PX, containsPoint, snapIndex, snapPosition } from './snap.ts';

/** A flat projection: 1 px per 0.0001°, y down, as the map at a working zoom. */
const project = ([lon, lat]: GeoJSON.Position) => ({ x: (lon - 108) * 10_000, y: (36 - lat) * 10_000 });
const square: GeoJSON.Position[] = [
  [108.01, 35.99],
  [108.02, 35.99],
  [108.02, 35.98],
  [108.01, 35.98],
  [108.01, 35.99],
];

describe('snapPosition: a corner snaps to a neighbour within a few pixels', () => {
  it('snaps to a neighbour’s corner within the tolerance, to the corner exactly', () => {
    // The corner [108.02, 35.99] is at (200, 100); the pointer 6 px off.
    expect(snapPosition({ x: 204, y: 104 }, [square], project)).toEqual({ kind: 'vertex', position: [108.02, 35.99] });
  });

  it('prefers a corner to an edge it is also near', () => {
    expect(snapPosition({ x: 197, y: 101 }, [square], project)?.kind).toBe('vertex');
  });

  it('snaps to the nearest point of an edge when no corner is near', () => {
    // The top edge runs from (100, 100) to (200, 100); the pointer 5 px below its middle.
    const snapped = snapPosition({ x: 150, y: 105 }, [square], project);
    expect(snapped?.kind).toBe('edge');
    expect(snapped!.position[0]).toBeCloseTo(108.015, 9);
    expect(snapped!.position[1]).toBeCloseTo(35.99, 9);
  });

  it('leaves the corner where it is beyond the tolerance', () => {
    expect(SNAP_TOLERANCE_PX).toBe(10);
    expect(snapPosition({ x: 150, y: 100 + SNAP_TOLERANCE_PX + 1 }, [square], project)).toBeNull();
    expect(snapPosition({ x: 150, y: 100 + SNAP_TOLERANCE_PX + 1 }, [square], project, 12)?.kind).toBe('edge');
    expect(snapPosition({ x: 150, y: 150 }, [], project)).toBeNull();
  });

  it('takes the nearest of several neighbours', () => {
    const other = square.map(([x, y]) => [x + 0.0012, y]);
    // Corners at (200, 100) and (212, 100); the pointer at 207 is nearer the second.
    expect(snapPosition({ x: 207, y: 100 }, [square, other], project)?.position).toEqual(other[1]);
  });
});

describe('containsPoint', () => {
  it('finds a point inside a polygon and not in its hole', () => {
    const hole = [[108.014, 35.986], [108.016, 35.986], [108.016, 35.984], [108.014, 35.984], [108.014, 35.986]];
    const polygon: GeoJSON.Polygon = { type: 'Polygon', coordinates: [square, hole] };
    expect(containsPoint(polygon, [108.012, 35.985])).toBe(true);
    expect(containsPoint(polygon, [108.015, 35.985])).toBe(false);
    expect(containsPoint({ type: 'MultiPolygon', coordinates: [[square]] }, [108.03, 35.985])).toBe(false);
  });
});

describe('snapIndex: only the rings near the pointer are looked at', () => {
  it('gives the rings whose extent meets the box, and no others', () => {
    const far = square.map(([x, y]) => [x + 1, y]);
    const index = snapIndex([square, far]);
    expect(index.near([108.019, 35.985, 108.021, 35.995])).toEqual([square]);
    expect(index.near([109.015, 35.985, 109.016, 35.986])).toEqual([far]);
    expect(index.near([108.5, 35.5, 108.6, 35.6])).toEqual([]);
  });
});

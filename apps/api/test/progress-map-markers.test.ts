import { describe, expect, it } from 'vitest';
import { RESTORATION_STATUSES } from '@mpm/domain';
import { progressMapSvg } from '../src/plugins/app/reports/progress-map.ts';

const square = (lon: number, lat: number, d = 0.002): GeoJSON.Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon, lat],
      [lon + d, lat],
      [lon + d, lat + d],
      [lon, lat + d],
      [lon, lat],
    ],
  ],
});

/** Issue #12: on the printed restoration map, too, no status is told by colour alone. */
describe('the progress report’s parcel map', () => {
  it('marks each status with a shape of its own, on the map and in the legend', () => {
    const parcels = RESTORATION_STATUSES.map((_, i) => ({ id: i + 1, geometry: square(108.3 + i * 0.01, 35.4), centre: [108.301 + i * 0.01, 35.401] as [number, number] }));
    const statuses = new Map(RESTORATION_STATUSES.map((s, i) => [i + 1, s]));
    const svg = progressMapSvg({ county: { name: '县', geometry: square(108.2, 35.3, 0.3) }, townships: [], parcels }, statuses, '2022-12-31', 'zh')!;
    const markers = [...svg.matchAll(/<(circle|path|rect)\b[^>]*data-status-marker="(\w+)"[^>]*?(?: d="([^"]*)")?[^>]*>/g)];
    const shapeOf = (status: string) => {
      const marker = markers.find((m) => m[2] === status);
      return marker && `${marker[1]}:${(marker[3] ?? '').replace(/[\d.-]+/g, 'n')}`;
    };
    const shapes = RESTORATION_STATUSES.map(shapeOf);
    expect(shapes.every(Boolean), `markers: ${JSON.stringify(shapes)}`).toBe(true);
    expect(new Set(shapes).size).toBe(RESTORATION_STATUSES.length);
    // Each status's marker stands on the map and again in the legend.
    for (const status of RESTORATION_STATUSES) expect(markers.filter((m) => m[2] === status)).toHaveLength(2);
  });
});

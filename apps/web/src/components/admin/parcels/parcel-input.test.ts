import { describe, expect, it } from 'vitest';
import { boundaryOf, cuttingLineOf } from './parcel-input.ts';

describe('parcel boundaries and cutting lines as pasted', () => {
  it('takes GeoJSON, a Feature holding it, or a corner list', () => {
    const polygon = { type: 'Polygon', coordinates: [[[108, 35], [108.01, 35], [108.01, 35.01], [108, 35]]] };
    expect(boundaryOf(JSON.stringify(polygon))).toEqual({ geometry: polygon });
    expect(boundaryOf(JSON.stringify({ type: 'Feature', properties: {}, geometry: polygon }))).toEqual({ geometry: polygon });
    expect(boundaryOf('1,3900000.00,36500000.00\n2,3900010.00,36500000.00')).toEqual({ cornerList: { text: '1,3900000.00,36500000.00\n2,3900010.00,36500000.00' } });
    expect(boundaryOf('  \n')).toBeUndefined();
  });

  it('reads a line as lon, lat pairs or GeoJSON, and names a pair it cannot read', () => {
    expect(cuttingLineOf('108.1, 35.2\n108.2 35.3\n\n108.3，35.4')).toEqual({ type: 'LineString', coordinates: [[108.1, 35.2], [108.2, 35.3], [108.3, 35.4]] });
    const line = { type: 'LineString', coordinates: [[108, 35], [108.1, 35]] };
    expect(cuttingLineOf(JSON.stringify(line))).toEqual(line);
    expect(() => cuttingLineOf('108.1, 35.2\n108.2')).toThrow('2: 108.2');
  });
});

import { describe, expect, it } from 'vitest';
import { exportCrsChoices } from './export-crs.ts';

describe('the systems an export offers', () => {
  it('are CGCS2000 lon/lat and the county’s 3° and 6° zones, with and without the zone number', () => {
    // The demo county lies about 108.4°E: 3° zone 36 (CM 108°), 6° zone 19 (CM 111°).
    expect(exportCrsChoices([108.2, 35.3, 108.6, 35.7]).map((c) => c.code)).toEqual([
      'EPSG:4490',
      'EPSG:4524',
      'EPSG:4545',
      'EPSG:4497',
      'EPSG:4508',
    ]);
  });

  it('are lon/lat alone when the county has no extent yet', () => {
    expect(exportCrsChoices(null)).toEqual([{ code: 'EPSG:4490' }]);
  });
});

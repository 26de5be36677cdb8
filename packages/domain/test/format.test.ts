import { describe, expect, it } from 'vitest';
import { formatValue } from '../src/format.ts';
import { getLayer } from '../src/layers.ts';

const field = (layer: Parameters<typeof getLayer>[0], key: string) =>
  getLayer(layer).fields.find((f) => f.key === key)!;

describe('formatValue', () => {
  it('shows enum keys as their Chinese terms, or English on request', () => {
    expect(formatValue(field('mining_rights', 'mineral'), 'brickClay')).toBe('砖瓦用粘土');
    expect(formatValue(field('mining_rights', 'mineral'), 'brickClay', 'en')).toBe('Brick clay');
    expect(formatValue(field('mining_rights', 'scaleClass'), 'large')).toBe('大型');
  });

  it('joins enum lists with the Chinese enumeration comma', () => {
    expect(formatValue(field('mining_zoning', 'minerals'), 'coal,brickClay')).toBe('煤炭、砖瓦用粘土');
    expect(formatValue(field('mining_zoning', 'minerals'), 'coal,brickClay', 'en')).toBe('Coal, Brick clay');
  });

  it('adds units and formats numbers for the locale', () => {
    expect(formatValue(field('concentrated_zones', 'resources10kt'), 476)).toBe('476 万吨');
    expect(formatValue(field('restoration_parcels', 'areaMu'), 1234.5)).toBe('1,234.5 亩');
    expect(formatValue(field('concentrated_zones', 'areaKm2'), 0.28, 'en')).toBe('0.28 km²');
  });

  it('says 是/否 for booleans and nothing for missing values', () => {
    expect(formatValue(field('mining_rights', 'greenMine'), true)).toBe('是');
    expect(formatValue(field('mining_rights', 'greenMine'), false, 'en')).toBe('No');
    expect(formatValue(field('mining_rights', 'restorationFund10kYuan'), null)).toBe('');
  });

  it('leaves an unknown enum value as it is rather than hiding it', () => {
    expect(formatValue(field('mining_rights', 'mineral'), 'unobtainium')).toBe('unobtainium');
  });

  it('never groups years or codes (a parcel planned for 2019 reads 2019, not 2,019)', () => {
    expect(formatValue(field('restoration_parcels', 'plannedYear'), 2019)).toBe('2019');
    expect(formatValue(field('restoration_parcels', 'plannedYear'), 2019, 'en')).toBe('2019');
    expect(formatValue({ key: 'code', type: 'text', label: 'code' } as never, 610_425)).toBe('610425');
  });
});

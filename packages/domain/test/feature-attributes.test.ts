import { describe, expect, it } from 'vitest';
import { FEATURE_TEXT_MAX, featureAttributes, isEditableLayer } from '../src/index.ts';

describe('featureAttributes: a web edit checked against the catalogue’s fields', () => {
  it('takes each field’s values as the API serves them, text trimmed and empty text as null', () => {
    expect(featureAttributes('farmland', { name: '  周家塬  ', farmlandClass: 'cultivable' })).toEqual({ valid: true, value: { name: '周家塬', farmlandClass: 'cultivable' } });
    expect(featureAttributes('farmland', { name: '' })).toEqual({ valid: true, value: { name: null } });
    expect(featureAttributes('mining_zoning', { minerals: 'coal, iron,coal' })).toEqual({ valid: true, value: { minerals: 'coal,iron' } });
    expect(featureAttributes('concentrated_zones', { existingRights: 3, resources10kt: 12.5 })).toMatchObject({ valid: true });
  });

  it('names the first problem: an unknown or computed field, a value not of the field, text too long', () => {
    expect(featureAttributes('farmland', { colour: 'red' })).toMatchObject({ valid: false, reason: 'unknownField' });
    expect(featureAttributes('farmland', { areaMu: 3 })).toMatchObject({ valid: false, reason: 'computedField' });
    expect(featureAttributes('farmland', { farmlandClass: '永久基本农田' })).toMatchObject({ valid: false, reason: 'notAValue' });
    expect(featureAttributes('concentrated_zones', { existingRights: 1.5 })).toMatchObject({ valid: false, reason: 'notAValue' });
    expect(featureAttributes('concentrated_zones', { resources10kt: '12' })).toMatchObject({ valid: false, reason: 'notAValue' });
    expect(featureAttributes('mining_zoning', { minerals: 'coal,gravel' })).toMatchObject({ valid: false, reason: 'notAValue' });
    const long = featureAttributes('farmland', { name: '田'.repeat(FEATURE_TEXT_MAX + 1) });
    expect(long).toMatchObject({ valid: false, reason: 'textTooLong' });
    expect(!long.valid && long.message.en).toContain(`${FEATURE_TEXT_MAX + 1} characters`);
  });

  it('edits zones, protected areas and blocks, not the registers’ layers', () => {
    expect(['farmland', 'eco_redline', 'mining_zoning', 'mining_blocks', 'concentrated_zones'].every(isEditableLayer)).toBe(true);
    expect(['mining_rights', 'restoration_parcels', 'county', 'roads', 'change_patches'].some(isEditableLayer)).toBe(false);
  });
});

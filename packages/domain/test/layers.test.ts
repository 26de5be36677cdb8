import { describe, expect, it } from 'vitest';
import { COLLECTION_IDS, LAYERS, LAYER_GROUPS, getLayer, isCollectionId } from '../src/layers.ts';
import { GLOSSARY } from '../src/glossary.ts';

describe('layer catalogue', () => {
  it('has exactly one layer per collection id', () => {
    expect(LAYERS.map((l) => l.id).sort()).toEqual([...COLLECTION_IDS].sort());
  });

  it('names every layer, group, field, enum value and unit in the glossary, in both languages', () => {
    const keys = new Set<string>([...COLLECTION_IDS, ...LAYER_GROUPS]);
    for (const layer of LAYERS) {
      for (const field of layer.fields) {
        keys.add(field.key);
        if (field.unit) keys.add(field.unit);
        for (const value of field.values ?? []) keys.add(value);
      }
    }
    for (const key of keys) {
      const entry = (GLOSSARY as Record<string, { zh: string; en: string }>)[key];
      expect(entry, key).toBeDefined();
      expect(entry.zh, key).toMatch(/\p{Script=Han}/u);
      // Counter words (个) have no English equivalent: an empty English unit is deliberate.
      if (key !== 'unitCount') expect(entry.en, key).not.toBe('');
    }
  });

  it('keeps the red line, farmland and satellite patches from the public by default', () => {
    for (const id of ['eco_redline', 'farmland', 'water_sources', 'change_patches'] as const) {
      expect(getLayer(id).publicByDefault, id).toBe(false);
    }
    expect(getLayer('restoration_parcels').publicByDefault).toBe(true);
  });

  it('keeps holders’ contact data and fund balances staff-only', () => {
    const staffOnly = getLayer('mining_rights').fields.filter((f) => f.staffOnly).map((f) => f.key);
    expect(staffOnly).toEqual(['holderContact', 'restorationFund10kYuan', 'restorationFundProvisioned']);
  });

  it('recognises collection ids and nothing else', () => {
    expect(isCollectionId('mining_rights')).toBe(true);
    expect(isCollectionId('pg_user')).toBe(false);
    expect(() => getLayer('nope' as never)).toThrow(/unknown layer/);
  });
});

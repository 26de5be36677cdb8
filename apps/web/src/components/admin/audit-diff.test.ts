import { describe, expect, it } from 'vitest';
import { term } from '@mpm/domain';
import { auditSides, changedFields, fieldName, fieldText } from './audit-diff.ts';

describe('changedFields', () => {
  it('lists only the leaves that differ, by path, nested objects and lists included', () => {
    const before = { railwayM: 100, nationalRoadM: 100, byMineral: { coal: 2, brickClay: 5 }, hiddenFields: ['holder'] };
    const after = { railwayM: 150, nationalRoadM: 100, byMineral: { coal: 3, brickClay: 5 }, hiddenFields: ['holder', 'mineral'] };
    expect(changedFields(before, after)).toEqual([
      { path: 'railwayM', before: 100, after: 150 },
      { path: 'byMineral.coal', before: 2, after: 3 },
      { path: 'hiddenFields[1]', before: undefined, after: 'mineral' },
    ]);
  });

  it('lists every field of a created record as added, and an emptied list as a change of its own', () => {
    expect(changedFields(null, { id: 7, name: '甲' })).toEqual([
      { path: 'id', before: undefined, after: 7 },
      { path: 'name', before: undefined, after: '甲' },
    ]);
    expect(changedFields({ hiddenFields: ['holder'] }, { hiddenFields: [] })).toEqual([
      { path: 'hiddenFields[0]', before: 'holder', after: undefined },
      { path: 'hiddenFields', before: undefined, after: [] },
    ]);
  });

  it('finds nothing between equal records', () => {
    expect(changedFields({ a: { b: [1, 2] } }, { a: { b: [1, 2] } })).toEqual([]);
  });
});

describe('auditSides', () => {
  it('takes before and after out of the detail, keeping the rest', () => {
    expect(auditSides({ before: { a: 1 }, after: { a: 2 }, isPublic: false })).toEqual({
      before: { a: 1 },
      after: { a: 2 },
      extra: { isPublic: false },
    });
    expect(auditSides({ counts: { county: 1 } })).toEqual({ before: null, after: null, extra: { counts: { county: 1 } } });
  });
});

describe('fieldText', () => {
  it('says null as a dash and objects as JSON', () => {
    expect([fieldText(null), fieldText(false), fieldText({ a: 1 }), fieldText(undefined)]).toEqual(['—', 'false', '{"a":1}', '']);
  });

  it('names a changed field as the glossary does, by its path’s last name', () => {
    expect(fieldName('targets[0].holder', 'zh')).toBe(term('holder', 'zh'));
    expect(fieldName('isPublic.mystery', 'en')).toBeUndefined();
    expect(fieldName('', 'zh')).toBeUndefined();
  });
});

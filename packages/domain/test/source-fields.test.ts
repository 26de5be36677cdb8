import { describe, expect, it } from 'vitest';
import { getLayer, matchFields, sourceDate, sourceValue, type FieldDef } from '../src/index.ts';

const field = (key: string) => getLayer('mining_rights').fields.find((f) => f.key === key) as FieldDef;

describe('matching a file’s columns to a layer’s fields', () => {
  it('matches Chinese names, English keys and the codes of DZ/T 0226, whatever their case', () => {
    expect(matchFields(['许可证号', 'KSMC', 'holder', 'kz', '有效期止', '备注'], getLayer('mining_rights').fields)).toEqual({
      许可证号: 'licenceNo',
      KSMC: 'mineName',
      holder: 'holder',
      kz: 'mineral',
      有效期止: 'validTo',
      备注: null,
    });
    expect(matchFields(['GHQBH', 'GHQMC', 'QHQLB'], getLayer('mining_zoning').fields)).toMatchObject({
      GHQMC: 'name',
      QHQLB: 'zoningClass',
    });
  });

  it('never takes a computed field from a file, and gives each field one column', () => {
    expect(matchFields(['面积', '名称', 'MC'], getLayer('farmland').fields)).toEqual({ 面积: null, 名称: 'name', MC: null });
  });
});

describe('reading a file’s values as the layer stores them', () => {
  it.each([
    ['2019-12-20', '2019-12-20'],
    ['2019.12.20', '2019-12-20'],
    ['2019/1/5', '2019-01-05'],
    ['2019年12月20日', '2019-12-20'],
    ['20191220', '2019-12-20'],
    [43819, '2019-12-20'],
    ['43819', '2019-12-20'],
    ['2019-02-30', undefined],
    ['十二月', undefined],
  ])('reads the date %s as %s', (raw, expected) => {
    expect(sourceDate(raw)).toBe(expected);
  });

  it('maps enumerated values by key, term or alias, and names a value it does not know', () => {
    expect(sourceValue(field('mineral'), '煤')).toEqual({ ok: true, value: 'coal' });
    expect(sourceValue(field('mineral'), '砖瓦用粘土')).toEqual({ ok: true, value: 'brickClay' });
    expect(sourceValue(field('mineral'), 'brickclay')).toEqual({ ok: true, value: 'brickClay' });
    expect(sourceValue(field('mineral'), '金刚石矿')).toEqual({ ok: false, reason: 'notAValue' });
    const zoning = getLayer('mining_zoning').fields.find((f) => f.key === 'zoningClass')!;
    expect(sourceValue(zoning, '330103')).toEqual({ ok: true, value: 'prohibitedMining' });
    expect(sourceValue(zoning, 330101)).toEqual({ ok: true, value: 'keyMining' });
  });

  it('reads numbers with separators, yes and no words, and empty text as no value', () => {
    expect(sourceValue(field('capacity10ktPerYear'), '1,200')).toEqual({ ok: true, value: 1200 });
    expect(sourceValue(field('capacity10ktPerYear'), '十二')).toEqual({ ok: false, reason: 'notAValue' });
    expect(sourceValue(field('greenMine'), '是')).toEqual({ ok: true, value: true });
    expect(sourceValue(field('greenMine'), 'N')).toEqual({ ok: true, value: false });
    expect(sourceValue(field('holder'), '  ')).toEqual({ ok: true, value: null });
    expect(sourceValue(field('holder'), ' 示范煤业 ')).toEqual({ ok: true, value: '示范煤业' });
  });
});

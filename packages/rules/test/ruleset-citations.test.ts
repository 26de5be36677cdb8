import { describe, expect, it } from 'vitest';
import { registerRules } from '../src/index.ts';
import { ruleset } from './fixtures.ts';

const ZHENGNING = '《正宁县矿产资源总体规划（2021-2025年）》';
/** A section of the Zhengning plan as its text numbers them: 三（一）3, 四（二）1, 专栏二. */
const ZHENGNING_SECTION = /《正宁县矿产资源总体规划（2021-2025年）》(?:[一二三四五六]（[一二三四五六]）\d?|[^；]*专栏[一二])/;
const rules = registerRules(ruleset);

describe('the demo ruleset’s legal bases', () => {
  it('cite, for each rule, a document in both languages', () => {
    for (const rule of rules) {
      expect(rule.legalBasis.zh, rule.id).toMatch(/《.+》|自然资发/);
      expect(rule.legalBasis.en.length, rule.id).toBeGreaterThan(20);
    }
  });

  it('cite the Zhengning plan by its section wherever they rely on it', () => {
    const citing = rules.filter((r) => r.legalBasis.zh.includes(ZHENGNING) && !r.legalBasis.zh.startsWith('示范借用'));
    expect(citing.map((r) => r.id)).toEqual([
      'ecoRedline',
      'ecoRedlineExtension',
      'brickClayOnCultivableLand',
      'planZoning',
      'minimumScale.brickClay',
      'concentratedZoneScale',
      'concentratedZoneRights',
      'concentratedZoneExtraction',
      'oneHolderPerBlock',
      'indicators',
    ]);
    for (const rule of citing) expect(rule.legalBasis.zh, rule.id).toMatch(ZHENGNING_SECTION);
  });

  it('say so, in both languages, where the demo borrows a Xinbin campaign text the Zhengning plan does not have', () => {
    const borrowed = rules.filter((r) => r.legalBasis.zh.includes('新宾'));
    expect(borrowed.map((r) => r.id)).toEqual([
      'prohibitedMiningArea',
      'restrictedMiningArea',
      'scenicArea',
      'residentialArea',
      'roadVisibleRange',
      'riverVisibleRange',
    ]);
    for (const rule of borrowed) {
      expect(rule.legalBasis.zh, rule.id).toMatch(/^示范借用：《正宁县矿产资源总体规划（2021-2025年）》(未划定|没有)/);
      expect(rule.legalBasis.en, rule.id).toMatch(/^Borrowed by the demo: the Zhengning County Mineral Resources Master Plan \(2021–2025\) (draws no|has no)/);
      expect(rule.legalBasis.zh, rule.id).toMatch(/《新宾满族自治县开展(矿业结构优化|非煤矿山地质环境恢复治理)专项行动工作方案》一、工作目标/);
    }
  });

  it('say so, in both languages, where the demo borrows the Changjiang campaign text (seed 002) for 三区三线 and the land classes', () => {
    const borrowed = rules.filter((r) => r.legalBasis.zh.includes('昌江'));
    expect(borrowed.map((r) => r.id)).toEqual(['urbanDevelopmentBoundary', 'forestLand', 'grassland', 'wetland']);
    for (const rule of borrowed) {
      expect(rule.legalBasis.zh, rule.id).toMatch(/^示范借用：《正宁县矿产资源总体规划（2021-2025年）》没有/);
      expect(rule.legalBasis.en, rule.id).toMatch(/^Borrowed by the demo: the Zhengning County Mineral Resources Master Plan \(2021–2025\) has no/);
      expect(rule.legalBasis.zh, rule.id).toMatch(/《昌江区深入整治规范矿产资源保护开发利用专项行动实施方案》三（[一二]）/);
    }
    for (const id of ['forestLand', 'grassland', 'wetland']) {
      expect(borrowed.find((r) => r.id === id)!.legalBasis.zh, id).toContain('非法占用耕地、林地、草地、湿地和自然保护地');
    }
    expect(borrowed[0].legalBasis.zh).toContain('三区三线');
  });
});

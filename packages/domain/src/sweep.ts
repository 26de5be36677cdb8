import type { Bilingual, TermKey } from './glossary.ts';
import type { ViolationType } from './ledger.ts';

/** Levels of the green-mine directory (绿色矿山名录), highest first, as glossary keys. */
export const GREEN_MINE_LEVELS = ['nationalLevel', 'provincialLevel', 'municipalLevel'] as const;
export type GreenMineLevel = (typeof GREEN_MINE_LEVELS)[number];

/**
 * The levels that meet the plan's requirement for new and large/medium mines (004 “必须达到
 * 省级绿色矿山建设要求”): provincial or higher.
 */
export const GREEN_MINE_LEVELS_REQUIRED: readonly GreenMineLevel[] = ['nationalLevel', 'provincialLevel'];

/** Whether a listing (sanction or green mine) is in force on `day`: listed by then and not yet delisted. */
export const listingInForce = (listing: { listedOn: string; delistedOn: string | null }, day: string): boolean =>
  listing.listedOn <= day && (listing.delistedOn === null || listing.delistedOn > day);

/**
 * What the sweep of existing mines (存量矿山排查) looks for in every registered right, as
 * glossary keys: seeds 000, 002 and 004 name each one.
 */
export const SWEEP_PROBLEMS = [
  'belowMinimumScale',
  'inEcoRedline',
  'onPermanentFarmland',
  'inProhibitedArea',
  'inFourAreas',
  'inUrbanDevelopmentBoundary',
  'onForestGrassWetland',
  'noFundAccount',
  'fundNotProvisioned',
  'greenMineRequired',
  'greenMineInProtectedArea',
  'licenceExpiredProblem',
  'licenceExpiringProblem',
  'holderSanctioned',
] as const satisfies readonly TermKey[];
export type SweepProblem = (typeof SWEEP_PROBLEMS)[number];

/** The ledger's violation type of a lead made from a problem (null: not a violation yet, only a lead). */
export const SWEEP_VIOLATION_TYPES: Record<SweepProblem, ViolationType | null> = {
  belowMinimumScale: 'otherViolation',
  inEcoRedline: 'occupyingProtectedLand',
  onPermanentFarmland: 'occupyingProtectedLand',
  inProhibitedArea: 'occupyingProtectedLand',
  inFourAreas: 'occupyingProtectedLand',
  // Not unlawful in itself (the plan restricts, not forbids, mining there): a lead to review.
  inUrbanDevelopmentBoundary: null,
  onForestGrassWetland: 'occupyingProtectedLand',
  noFundAccount: 'noRestorationFund',
  fundNotProvisioned: 'fundNotAccrued',
  greenMineRequired: 'notGreenMine',
  greenMineInProtectedArea: 'notGreenMine',
  licenceExpiredProblem: 'expiredLicence',
  licenceExpiringProblem: null,
  holderSanctioned: 'otherViolation',
};

/** The seed documents, as the findings cite them. */
export const SEED_TITLES = {
  '000': { zh: '《新宾满族自治县开展矿业结构优化专项行动工作方案》', en: 'Xinbin County mining-structure optimisation campaign plan' },
  '001': { zh: '《新宾满族自治县开展非煤矿山地质环境恢复治理专项行动工作方案》', en: 'Xinbin County mine geological-environment restoration campaign plan' },
  '002': { zh: '《昌江区深入整治规范矿产资源保护开发利用专项行动实施方案》（昌府办字〔2023〕18号）', en: 'Changjiang District rectification of mineral-resource development (昌府办字〔2023〕18号)' },
  '003': { zh: '《新宾满族自治县开展非煤矿山违法行为整治专项行动工作方案》', en: 'Xinbin County illegal non-coal mining enforcement campaign plan' },
  '004': { zh: '《正宁县矿产资源总体规划（2021-2025年）》', en: 'Zhengning County Mineral Resources Master Plan (2021–2025)' },
} as const satisfies Record<string, Bilingual>;
export type SeedId = keyof typeof SEED_TITLES;

/** A legal basis: the seed it comes from and the article's own words. */
export interface SeedBasis {
  seed: SeedId;
  /** Where in the seed, and its words (Chinese as written; English as translated). */
  words: Bilingual;
}

const basis = (seed: SeedId, zh: string, en: string): SeedBasis => ({ seed, words: { zh, en } });

/** Each problem's legal basis in the seeds (zone problems add their ruleset rule's own basis). */
export const SWEEP_LEGAL_BASIS: Record<SweepProblem, SeedBasis> = {
  belowMinimumScale: basis('000', '一、工作目标：“到2020年底，全县非煤矿山均达到最低开采规模标准”', 'Part 1 (targets): "by the end of 2020 every non-coal mine in the county reaches the minimum mining scale"'),
  inEcoRedline: basis('002', '三（一）：“重点整治不符合‘三区三线’管控要求和矿产资源规划”', 'III(1): "rectify first what does not conform to the controls of the three zones and three lines and to the mineral plan"'),
  onPermanentFarmland: basis('002', '三（二）：“非法占用耕地、林地、草地、湿地和自然保护地等问题”', 'III(2): "illegal occupation of farmland, forest, grassland, wetland and protected areas"'),
  inProhibitedArea: basis('000', '二（二）1“加强规划分区管理”：科学划分重点、限制、禁止开采区域', 'II(2)1 "strengthen the management of plan zoning": key, restricted and prohibited mining areas'),
  inFourAreas: basis('001', '一、工作目标：“四区两线”（自然保护区、水源地保护区、景观区、居民集中生活区……）有突出影响的矿山环境问题基本得到整治', 'Part 1 (targets): mines with a prominent impact in the four areas (nature reserves, water sources, scenic areas, residential areas…) are dealt with first'),
  inUrbanDevelopmentBoundary: basis('002', '三（一）：“重点整治不符合‘三区三线’管控要求和矿产资源规划”', 'III(1): "rectify first what does not conform to the controls of the three zones and three lines and to the mineral plan"'),
  onForestGrassWetland: basis('002', '三（二）：“非法占用耕地、林地、草地、湿地和自然保护地等问题”', 'III(2): "illegal occupation of farmland, forest, grassland, wetland and protected areas"'),
  noFundAccount: basis('002', '三（四）：“重点整治矿山未设立生态修复基金账户”', 'III(4): "rectify first mines that have set up no restoration-fund account"'),
  fundNotProvisioned: basis('002', '三（四）：“未按基金管理制度计提和使用”', 'III(4): "the fund not provisioned and used as its rules require"'),
  greenMineRequired: basis('004', '四（三）4 绿色矿山建设准入条件：“新建及大中型矿山，必须达到省级绿色矿山建设要求”', 'IV(3)4 (green-mine admission): "new and large or medium mines must meet the provincial green-mine requirements"'),
  greenMineInProtectedArea: basis('002', '三（五）：“建立绿色矿山动态监管和退出机制，动态管理绿色矿山名录。重点整治……已建成绿色矿山未按绿色矿山标准进行生产管理等问题”', 'III(5): "set up dynamic supervision of green mines and an exit mechanism, manage the directory dynamically; rectify first … built green mines not run to the green-mine standard"'),
  licenceExpiredProblem: basis('002', '三（二）：“重点整治无证和证照过期……开采”', 'III(2): "rectify first mining without a licence or on an expired one"'),
  licenceExpiringProblem: basis('003', '二（二）全面整治阶段：“对……待办延续、证照过期……的非煤矿山企业，加大监管力度和巡查频次”', 'II(2) (rectification phase): "watch more closely the non-coal mines awaiting renewal or with expired permits"'),
  holderSanctioned: basis('004', '五（四）1“生产矿山”：“列入矿业权人异常名录或严重违法名单……不得批准其申请新的采矿许可证或者采矿许可证延续、变更”', 'V(4)1 (producing mines): "a holder on the abnormal list or the list of serious violators … is granted no new mining licence, renewal or change"'),
};

/** A seed basis as one text: the document's title, then the article's words. */
export const seedBasisText = (b: SeedBasis): Bilingual => ({
  zh: `${SEED_TITLES[b.seed].zh}${b.words.zh}`,
  en: `${SEED_TITLES[b.seed].en}, ${b.words.en}`,
});

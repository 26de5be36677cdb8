import type { MineCategory } from '@mpm/domain';
import type { RestorationCampaignPlan, RestorationPeriod, RestorationTarget, StatedTotal } from '@mpm/contracts';

const SEED = 'seed 001《新宾满族自治县开展非煤矿山地质环境恢复治理专项行动工作方案》';
const PRODUCTION: MineCategory[] = ['production'];
/**
 * 闭坑、政策性关闭、废弃矿山等: the seed counts these as the historical legacy (历史遗留) mines
 * (三（二）), so a `historical` parcel belongs to this column too.
 */
const CLOSED: MineCategory[] = ['policyClosed', 'abandoned', 'historical'];
const ALL: MineCategory[] = ['production', ...CLOSED];

/** The plan the campaign carries out: 《新宾满族自治县矿山地质环境恢复和综合治理规划（2018-2022年）》. */
export const XINBIN_PERIOD: RestorationPeriod = {
  fromYear: 2018,
  toYear: 2022,
  source: `${SEED}：《新宾满族自治县矿山地质环境恢复和综合治理规划（2018-2022年）》；专项行动自 2018 年末至 2022 年底`,
};

/** The yearly targets in mu, as the seed's sections 二（二） and 二（三） state them. */
export const XINBIN_TARGETS: RestorationTarget[] = [
  { year: 2019, categories: PRODUCTION, targetMu: 40.4, source: `${SEED} 二（二）1` },
  { year: 2020, categories: PRODUCTION, targetMu: 41.6, source: `${SEED} 二（二）1` },
  { year: 2019, categories: CLOSED, targetMu: 96, source: `${SEED} 二（二）2` },
  { year: 2020, categories: CLOSED, targetMu: 96, source: `${SEED} 二（二）2` },
  { year: 2021, categories: PRODUCTION, targetMu: 106, source: `${SEED} 二（三）1` },
  { year: 2022, categories: PRODUCTION, targetMu: 106, source: `${SEED} 二（三）1` },
  { year: 2021, categories: CLOSED, targetMu: 36, source: `${SEED} 二（三）2` },
  { year: 2022, categories: CLOSED, targetMu: 45, source: `${SEED} 二（三）2` },
];

/**
 * The totals the seed states, kept as stated so that the disagreements show: 697 mu over five
 * years against 567 from the yearly rows, 404 mu by end-2020 against 274, and 212 mu of
 * production mines by end-2020 against 82 (212 is the 2021–2022 production figure).
 */
export const XINBIN_STATED_TOTALS: StatedTotal[] = [
  {
    label: { zh: '五年治理面积合计', en: 'Five-year total' },
    fromYear: 2018,
    toYear: 2022,
    categories: ALL,
    statedMu: 697,
    source: `${SEED} 一、工作目标：计划用5年时间完成治理面积697亩`,
  },
  {
    label: { zh: '2020年底治理面积', en: 'Restored by the end of 2020' },
    fromYear: 2018,
    toYear: 2020,
    categories: ALL,
    statedMu: 404,
    source: `${SEED} 一、工作目标：2020年底……治理面积404亩`,
  },
  {
    label: { zh: '2020年底生产矿山治理面积', en: 'Production mines by the end of 2020' },
    fromYear: 2018,
    toYear: 2020,
    categories: PRODUCTION,
    statedMu: 212,
    source: `${SEED} 一、工作目标：404亩（生产矿山212亩、政策性关闭和废弃矿山192亩）`,
  },
  {
    label: { zh: '2020年底政策性关闭和废弃矿山治理面积', en: 'Policy-closed and abandoned mines by the end of 2020' },
    fromYear: 2018,
    toYear: 2020,
    categories: CLOSED,
    statedMu: 192,
    source: `${SEED} 一、工作目标：404亩（生产矿山212亩、政策性关闭和废弃矿山192亩）`,
  },
  {
    label: { zh: '2021—2022年治理面积', en: 'Restored in 2021–2022' },
    fromYear: 2021,
    toYear: 2022,
    categories: ALL,
    statedMu: 293,
    source: `${SEED} 一、工作目标：到2022年底……治理面积293亩`,
  },
  {
    label: { zh: '2021—2022年生产矿山治理面积', en: 'Production mines in 2021–2022' },
    fromYear: 2021,
    toYear: 2022,
    categories: PRODUCTION,
    statedMu: 212,
    source: `${SEED} 一、工作目标：293亩（生产矿山212亩，政策性关闭和废弃矿山81亩）`,
  },
  {
    label: { zh: '2021—2022年政策性关闭和废弃矿山治理面积', en: 'Policy-closed and abandoned mines in 2021–2022' },
    fromYear: 2021,
    toYear: 2022,
    categories: CLOSED,
    statedMu: 81,
    source: `${SEED} 一、工作目标：293亩（生产矿山212亩，政策性关闭和废弃矿山81亩）`,
  },
  {
    label: { zh: '全面整治阶段（2019—2020年）总治理面积', en: 'Full rectification stage (2019–2020)' },
    fromYear: 2019,
    toYear: 2020,
    categories: ALL,
    statedMu: 274,
    source: `${SEED} 二（二）：总治理面积274亩`,
  },
  {
    label: { zh: '2019—2020年度生产矿山治理和土地复垦任务', en: 'Production mines in 2019–2020' },
    fromYear: 2019,
    toYear: 2020,
    categories: PRODUCTION,
    statedMu: 82,
    source: `${SEED} 二（二）1：任务82亩`,
  },
];

/**
 * The campaign's 四区两线 deadlines and policy-closed mine counts (一、工作目标; 二（二）3, 二（三）3).
 * The seed says 基本得到整治 for both years of the 四区两线; the county's brief reads the second as
 * all of them ("到2022年底，实现'四区两线'的矿山地质环境问题基本得到整治" after the first year's
 * "有突出影响的"), so end-2022 asks for every tagged parcel.
 */
export const XINBIN_CAMPAIGN: RestorationCampaignPlan = {
  milestones: [
    {
      deadline: '2020-12-31',
      requirement: 'basically',
      label: { zh: '2020年底“四区两线”有突出影响的矿山环境问题基本得到整治', en: 'End of 2020: the four areas and two lines basically restored' },
      source: `${SEED} 一、工作目标：2020年底，实现“四区两线”……有突出影响的矿山环境问题基本得到整治`,
    },
    {
      deadline: '2022-12-31',
      requirement: 'all',
      label: { zh: '2022年底“四区两线”矿山地质环境问题全部整治', en: 'End of 2022: the four areas and two lines all restored' },
      source: `${SEED} 一、工作目标：到2022年底，实现“四区两线”的矿山地质环境问题基本得到整治`,
    },
  ],
  closedMineTargets: [
    { fromYear: 2018, toYear: 2020, approxMines: 12, source: `${SEED} 二（二）3：完成2018-2020年政策性关闭的12个左右非煤矿山地质环境恢复治理任务` },
    { fromYear: 2021, toYear: 2022, approxMines: 9, source: `${SEED} 二（三）3：完成2021-2022年政策性关闭的9个左右非煤矿山地质环境恢复治理任务` },
  ],
};

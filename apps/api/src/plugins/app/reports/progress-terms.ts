import type { Language, MineCategory } from '@mpm/domain';
import type { Bilingual } from '../../../http/errors.ts';
import { fillTemplate } from './html.ts';

/**
 * The progress report's own words in both languages (domain terms come from the glossary).
 * `{name}` placeholders are filled by {@link say}.
 */
export const PROGRESS_TEXT = {
  campaign: { zh: '矿山地质环境恢复治理', en: 'mine geological-environment restoration' },
  county: { zh: '县（区）', en: 'County' },
  noCounty: { zh: '未载入县界', en: 'no county loaded' },
  period: { zh: '报告期', en: 'Period' },
  asOf: { zh: '数据截至', en: 'Figures as of' },
  generatedAt: { zh: '生成时间', en: 'Generated at' },
  ruleset: { zh: '规划', en: 'Plan' },
  underWayNote: {
    zh: '本报告期尚未结束：数据截至 {asOf}，“本期完成”为报告期开始至该日的完成面积。',
    en: 'The period is not over: figures are as of {asOf}, and "done in the period" runs from its first day to that day.',
  },
  summary: { zh: '一、总体情况', en: '1. Summary' },
  byYear: { zh: '二、分年度、分类别完成情况', en: '2. Progress by year and mine category' },
  chart: { zh: '三、目标与完成情况对比图', en: '3. Targets and progress' },
  byTownship: { zh: '四、分乡镇完成情况', en: '4. Progress by township' },
  map: { zh: '五、恢复治理图斑分布图', en: '5. Map of the restoration parcels' },
  discrepancies: { zh: '六、目标数据核对', en: '6. Stated totals checked against their parts' },
  indicators: { zh: '七、规划约束性指标', en: '7. Binding plan indicators' },
  yearTarget: { zh: '{year}年目标', en: 'Target for {year}' },
  yearDone: { zh: '{year}年目标累计完成', en: 'Done against the {year} target' },
  doneInPeriod: { zh: '本期完成', en: 'Done in the period' },
  allTargets: { zh: '全部年度目标 / 累计完成', en: 'All target years: target / done' },
  parcelsFinished: { zh: '本期完成治理图斑', en: 'Parcels finished in the period' },
  discrepancyCount: { zh: '目标数据不一致', en: 'Target totals that disagree' },
  parcelsUnit: { zh: '个', en: '' },
  itemsUnit: { zh: '处', en: '' },
  year: { zh: '年度', en: 'Year' },
  category: { zh: '矿山类别', en: 'Mine category' },
  targetMu: { zh: '目标（亩）', en: 'Target (mu)' },
  plannedMu: { zh: '计划图斑面积（亩）', en: 'Planned parcels (mu)' },
  doneInPeriodMu: { zh: '本期完成（亩）', en: 'Done in period (mu)' },
  doneToDateMu: { zh: '累计完成（亩）', en: 'Done to date (mu)' },
  percentOfTarget: { zh: '完成率（%）', en: '% of target' },
  total: { zh: '合计', en: 'Total' },
  township: { zh: '乡镇', en: 'Township' },
  parcels: { zh: '图斑数', en: 'Parcels' },
  noTargets: { zh: '尚未录入恢复治理目标。', en: 'No restoration targets have been entered.' },
  noParcels: { zh: '尚无恢复治理图斑。', en: 'There are no restoration parcels.' },
  yearNote: {
    zh: '“累计完成”为截至 {asOf} 已完成治理的面积（按进展记录）；“本期完成”为其与 {dayBefore} 的差。',
    en: '"Done to date" is the area restored by {asOf} (from the progress records); "done in the period" is its increase since {dayBefore}.',
  },
  townshipNote: {
    zh: '各年度合计；目标按县下达，不分乡镇，此表列计划图斑面积。',
    en: 'All target years together; targets are set for the county, not per township, so this table gives the planned parcels.',
  },
  chartDone: { zh: '累计完成', en: 'Done to date' },
  chartTarget: { zh: '目标', en: 'Target' },
  chartInPeriod: { zh: '本期完成', en: 'Done in period' },
  chartAxis: { zh: '面积（亩）', en: 'Area (mu)' },
  statedTotal: { zh: '文件所列合计（亩）', en: 'Stated (mu)' },
  sumOfParts: { zh: '分项之和（亩）', en: 'Sum of parts (mu)' },
  difference: { zh: '差额（亩）', en: 'Difference (mu)' },
  years: { zh: '年度范围', en: 'Years' },
  item: { zh: '核对项', en: 'Total' },
  source: { zh: '来源', en: 'Source' },
  disagrees: { zh: '不一致', en: 'disagrees' },
  agreeingTotals: {
    zh: '另有 {n} 项文件所列合计与分项之和一致。',
    en: '{n} more stated totals agree with the sum of their parts.',
  },
  noStatedTotals: { zh: '文件未列合计数。', en: 'The documents state no totals.' },
  discrepancyNote: {
    zh: '文件所列合计与其分年度、分类别目标之和不符的，如实列出，不作调整。',
    en: 'Where a document\'s total and the sum of its yearly targets disagree, both are shown as stated, not adjusted.',
  },
  indicator: { zh: '约束性指标', en: 'Indicator' },
  planTarget: { zh: '规划目标', en: 'Plan target' },
  currentValue: { zh: '现状值', en: 'Value' },
  state: { zh: '状态', en: 'State' },
  atMost: { zh: '不超过', en: 'at most' },
  atLeast: { zh: '不低于', en: 'at least' },
  byEndOf: { zh: '（到{year}年底）', en: ' (by the end of {year})' },
  byPlanEnd: { zh: '（到规划期末）', en: ' (by the end of the plan)' },
  indicatorsAsOf: { zh: '按截至 {asOf} 的矿业权数据计算（规则集 {ruleset}）。', en: 'From the rights data as of {asOf} (ruleset {ruleset}).' },
  planPeriodEnded: { zh: '规划期已结束：未达到的下限指标按“未满足”计。', en: 'The plan period is over: minimum indicators not reached count as missed.' },
  noIndicators: { zh: '规则集未设约束性指标。', en: 'The ruleset sets no binding indicators.' },
  mapLegend: { zh: '图例', en: 'Legend' },
  mapCounty: { zh: '县界', en: 'County boundary' },
  mapTownships: { zh: '乡镇界', en: 'Township boundary' },
  mapStatusAsOf: { zh: '治理状态截至 {asOf}', en: 'Status on {asOf}' },
  mapScale: { zh: '比例尺 约 1:{n}', en: 'Scale about 1:{n}' },
  mapCrs: { zh: 'CGCS2000 经纬度', en: 'CGCS2000 lon/lat' },
  mapNote: {
    zh: '图斑按报告期末的治理状态着色；为便于辨认，每个图斑另以同色圆点标出。',
    en: 'Parcels are coloured by their status at the end of the period; each also has a dot of its colour so that small ones show.',
  },
  closing: {
    zh: '本报告由系统依据恢复治理目标、图斑及进展记录自动生成，供工作调度参考；数据以主管部门审定为准。',
    en: 'Generated by the system from the restoration targets, parcels and progress records, for work planning; the bureau\'s approved figures prevail.',
  },
  page: { zh: '第 {page} 页，共 {pages} 页', en: 'Page {page} of {pages}' },
} satisfies Record<string, Bilingual>;

export type ProgressTextKey = keyof typeof PROGRESS_TEXT;

/** A report phrase in `lang` with its `{name}` placeholders filled (values are not escaped). */
export function say(key: ProgressTextKey, lang: Language, values: Record<string, string | number> = {}): string {
  return fillTemplate(PROGRESS_TEXT[key][lang], values);
}

/** Short names of the mine categories for chart axes (the tables use the glossary's full terms). */
export const CATEGORY_SHORT: Record<MineCategory, Bilingual> = {
  production: { zh: '生产', en: 'Production' },
  policyClosed: { zh: '政策性关闭', en: 'Policy-closed' },
  abandoned: { zh: '废弃', en: 'Abandoned' },
  historical: { zh: '历史遗留', en: 'Historical' },
};


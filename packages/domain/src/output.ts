import type { Bilingual } from './glossary.ts';

/**
 * Why output above the licensed capacity is a finding: the plan's order to verify each mine's
 * production capacity every year and forbid over-capacity production (seed 004), and the
 * campaign's check of output and sales against the licence (seed 003).
 */
export const OVER_CAPACITY_BASIS: Bilingual = {
  zh: '《正宁县矿产资源总体规划（2021-2025年）》：按年度核实矿山生产能力，严禁超能力生产（seed 004）；《新宾满族自治县开展非煤矿山违法行为整治专项行动工作方案》：对照产量、销量核查超能力开采（seed 003）',
  en: 'Zhengning County Mineral Resources Master Plan (2021–2025): verify each mine’s production capacity yearly, no over-capacity production (seed 004); Xinbin non-coal mine enforcement campaign: check output and sales for over-capacity mining (seed 003)',
};

/** Whether a year's output (万吨) exceeds the licensed capacity (万吨/年); false when either is unknown. */
export const isOverCapacity = (output10kt: number, capacity10ktPerYear: number | null | undefined): boolean =>
  capacity10ktPerYear !== null && capacity10ktPerYear !== undefined && capacity10ktPerYear > 0 && output10kt > capacity10ktPerYear;

/** The earliest year an output may be recorded for (before it, no licence in the register reaches). */
export const FIRST_OUTPUT_YEAR = 1950;

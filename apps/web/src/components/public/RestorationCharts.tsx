import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import EChartsReactCore from 'echarts-for-react/esm/core';
import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { RestorationSummaryResponse } from '@mpm/contracts';
import { MINE_CATEGORIES, term, type Language, type MineCategory } from '@mpm/domain';
import { categoriesLabel, targetGroups, townshipFigures } from './figures.ts';

// Only what these bar charts use, so the chunk stays small; the ZH and EN locales are built in.
echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent, CanvasRenderer]);

/** One hue per target group (done), its light tint for the target beside it. */
const GROUP_COLORS = [
  { done: '#1b7837', target: '#b8dcb8' },
  { done: '#b35806', target: '#f6cf9f' },
  { done: '#5e3c99', target: '#d4c8ea' },
  { done: '#2166ac', target: '#bcd5ec' },
];
const CATEGORY_COLORS: Record<MineCategory, string> = {
  production: '#1b7837',
  policyClosed: '#b35806',
  abandoned: '#e08214',
  historical: '#5e3c99',
};

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * The restoration figures as bar charts (ECharts, loaded with this chunk only): per year, the
 * target against the area done by the chosen day for each target group; and per township, the
 * area planned against the area done, by mine category. They resize with the panel.
 */
export default function RestorationCharts({ summary, lang }: { summary: RestorationSummaryResponse; lang: Language }) {
  const { t } = useTranslation();
  const opts = useMemo(() => ({ locale: lang === 'zh' ? 'ZH' : 'EN', renderer: 'canvas' as const }), [lang]);
  const unit = term('unitMu', lang);

  const yearly = useMemo(() => {
    const groups = targetGroups(summary.rows);
    const years = [...new Set(summary.rows.map((row) => row.year))].sort((a, b) => a - b);
    const value = (year: number, key: string, pick: 'targetMu' | 'doneToDateMu') =>
      round2(summary.rows.find((row) => row.year === year && row.category === key)?.[pick] ?? 0);
    const series = groups.flatMap((group, i) => {
      const colors = GROUP_COLORS[i % GROUP_COLORS.length];
      const name = categoriesLabel(group.categories, lang);
      return [
        { type: 'bar', name: `${name} · ${term('target', lang)}`, itemStyle: { color: colors.target }, data: years.map((y) => value(y, group.key, 'targetMu')) },
        { type: 'bar', name: `${name} · ${term('done', lang)}`, itemStyle: { color: colors.done }, data: years.map((y) => value(y, group.key, 'doneToDateMu')) },
      ];
    });
    return {
      aria: { enabled: true },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v} ${unit}` },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 8, right: 8, top: 56, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: years.map(String) },
      yAxis: { type: 'value', name: unit },
      series,
      // What the target bars were given, per group and year (for people reading the page's data, and tests).
      targets: JSON.stringify(Object.fromEntries(groups.map((group) => [group.key, years.map((y) => value(y, group.key, 'targetMu'))]))),
    };
  }, [summary, lang, unit]);

  const townships = useMemo(() => {
    const figures = townshipFigures(summary.details);
    const names = [...new Map(figures.map((f) => [f.townshipCode, f.townshipName])).entries()];
    const categories = MINE_CATEGORIES.filter((category) => figures.some((f) => f.category === category));
    const sum = (code: string, pick: (f: (typeof figures)[number]) => number, category?: MineCategory) =>
      round2(figures.filter((f) => f.townshipCode === code && (!category || f.category === category)).reduce((s, f) => s + pick(f), 0));
    return {
      aria: { enabled: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => `${v} ${unit}` },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'value', name: unit },
      yAxis: { type: 'category', data: names.map(([, name]) => name), inverse: true },
      series: [
        {
          type: 'bar',
          name: t('Planned'),
          itemStyle: { color: '#d9d9d9' },
          barGap: '-100%',
          z: 1,
          data: names.map(([code]) => sum(code, (f) => f.plannedMu)),
        },
        ...categories.map((category) => ({
          type: 'bar',
          stack: 'done',
          z: 2,
          name: `${term(category, lang)} · ${term('done', lang)}`,
          itemStyle: { color: CATEGORY_COLORS[category] },
          data: names.map(([code]) => sum(code, (f) => f.doneToDateMu, category)),
        })),
      ],
      height: Math.max(160, names.length * 34),
    };
  }, [summary, lang, unit, t]);

  const { targets, ...yearlyOption } = yearly;
  const { height: townshipHeight, ...townshipOption } = townships;
  return (
    <div className="restoration-charts">
      <figure className="chart" data-chart="yearly" data-targets={targets}>
        <figcaption>{t('Target and done by year ({{unit}})', { unit })}</figcaption>
        <EChartsReactCore echarts={echarts} option={yearlyOption} opts={opts} notMerge style={{ height: 280 }} />
      </figure>
      <figure className="chart" data-chart="townships">
        <figcaption>{t('Planned and done by township ({{unit}})', { unit })}</figcaption>
        <EChartsReactCore echarts={echarts} option={townshipOption} opts={opts} notMerge style={{ height: townshipHeight + 56 }} />
      </figure>
    </div>
  );
}

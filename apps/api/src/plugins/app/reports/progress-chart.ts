import type * as Echarts from 'echarts';
import type { Language } from '@mpm/domain';
import type { ProgressRow } from './progress-figures.ts';
import { CATEGORY_SHORT, say } from './progress-terms.ts';
import { REPORT_FONTS } from './report-html.ts';

/** Drawing size in SVG units; the page scales it to the text width. */
const CHART_SIZE = { width: 720, height: 330 };

/** Bar colours: the target in slate, done to date in the accepted parcels' green, done in the period in amber. */
const COLORS = { target: '#8da0b6', done: '#1b7837', inPeriod: '#e08214' };

/** Height of one axis label line in SVG units. */
const LINE_HEIGHT = 13;

/** The year, then one category a line: a group of three fits under its bars that way. */
const label = (row: ProgressRow, lang: Language) => [row.year, ...row.categories.map((c) => CATEGORY_SHORT[c][lang])].join('\n');

/**
 * Grouped bars of each target row (year × category): target, done to date and done in the
 * period, in mu. Rendered on the server by ECharts' SSR SVG renderer (no DOM, no canvas); the
 * SVG names the page's CJK font stack, so Chromium draws its Chinese with Noto Sans CJK.
 */
export async function progressChartSvg(rows: readonly ProgressRow[], lang: Language): Promise<string> {
  // Loaded on first use: ECharts takes about a second to load, which most starts never need.
  const echarts: typeof Echarts = await import('echarts');
  const labelLines = 1 + Math.max(1, ...rows.map((r) => r.categories.length));
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, ...CHART_SIZE, height: CHART_SIZE.height + LINE_HEIGHT * (labelLines - 2) });
  try {
    const bar = (name: string, color: string, data: number[], showLabel: boolean) => ({
      name,
      type: 'bar' as const,
      data,
      itemStyle: { color },
      barGap: '10%',
      label: { show: showLabel, position: 'top' as const, fontSize: 9, color: '#333', formatter: ({ value }: { value: unknown }) => trim(Number(value)) },
    });
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      // ECharts writes the family into a double-quoted style attribute without escaping it.
      textStyle: { fontFamily: REPORT_FONTS.replaceAll('"', "'"), fontSize: 11, color: '#111' },
      legend: { top: 4, itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 11 } },
      grid: { left: 56, right: 16, top: 40, bottom: 14 + LINE_HEIGHT * labelLines },
      xAxis: {
        type: 'category',
        data: rows.map((r) => label(r, lang)),
        axisLabel: { fontSize: 10, interval: 0, lineHeight: LINE_HEIGHT },
        axisTick: { alignWithLabel: true },
      },
      yAxis: {
        type: 'value',
        name: say('chartAxis', lang),
        nameTextStyle: { fontSize: 10, align: 'left' },
        axisLabel: { fontSize: 10 },
        splitLine: { lineStyle: { color: '#e3e6ea' } },
      },
      series: [
        bar(say('chartTarget', lang), COLORS.target, rows.map((r) => r.targetMu), true),
        bar(say('chartDone', lang), COLORS.done, rows.map((r) => r.doneToDateMu), true),
        bar(say('chartInPeriod', lang), COLORS.inPeriod, rows.map((r) => r.doneInPeriodMu), false),
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** At most one decimal, none when whole: `106`, `40.4`. */
const trim = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));

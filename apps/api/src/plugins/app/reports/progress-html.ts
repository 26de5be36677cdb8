import { REPORT_PERIOD_TERMS, term, type Language } from '@mpm/domain';
import type { IndicatorsResponse } from '@mpm/contracts';
import { chinaDateTime } from './china-time.ts';
import { e } from './html.ts';
import type { ProgressFigures } from './progress-figures.ts';
import { periodName, type PeriodSpan } from './progress-period.ts';
import { discrepancySection, headlineSection, indicatorSection, townshipSection, yearSection } from './progress-sections.ts';
import { say } from './progress-terms.ts';
import { ledgerSection } from './progress-ledger.ts';
import type { LedgerReportFigures } from '../ledger/ledger-repository.ts';
import { sweepSection } from './progress-sweep.ts';
import type { RunRow } from '../sweep/sweep-repository.ts';
import type { SweepFinding } from '@mpm/contracts';
import { BASE_STYLE, REPORT_FONTS } from './report-html.ts';

/** Everything one printed progress report shows. */
export interface ProgressReportContent {
  lang: Language;
  county: string | null;
  period: PeriodSpan;
  /** The day the figures are as of: the period's last day, or today while it runs. */
  asOf: string;
  generatedAt: Date;
  rulesetTitle: string;
  figures: ProgressFigures;
  /** The bar chart drawn by `progressChartSvg`. */
  chartSvg: string;
  /** The parcels map drawn by `progressMapSvg`, or null without anything to draw. */
  mapSvg: string | null;
  indicators: IndicatorsResponse;
  /** The problem ledger as of `asOf`. */
  ledger: LedgerReportFigures;
  /** The latest sweep of the existing mines by `asOf`, with its findings (none before the first). */
  sweep: (RunRow & { findings: readonly SweepFinding[] }) | undefined;
}

const STYLE =
  BASE_STYLE +
  `
  h1 { font-size: 16pt; letter-spacing: 0.02em; }
  .headline { table-layout: fixed; margin-bottom: 2mm; }
  .headline td { background: #f3f6f9; text-align: center; padding: 2mm 1mm; }
  .headline .label { font-size: 8.5pt; color: #444; }
  .headline .value { font-size: 13pt; font-weight: bold; color: #1f3a5f; }
  .figures { font-size: 9pt; table-layout: fixed; }
  .figures thead th { padding: 1mm 0.8mm; }
  .c-year { width: 12mm; } .c-township { width: 34mm; } .c-years { width: 22mm; } .c-mu { width: 20mm; } .c-pct { width: 15mm; }
  .source { color: #666; }
  .figures .current td { background: #eef6ee; }
  .figures .total td { font-weight: bold; background: #f3f5f8; }
  .flag { color: #b2182b; font-weight: bold; }
  .chart svg { width: 180mm; height: auto; display: block; margin: 0 auto; }
`;

/** `正宁县（示范）矿山地质环境恢复治理 2022年6月进展报告`; in English `…: progress report, June 2022`. */
export function progressTitle(county: string | null, period: PeriodSpan, lang: Language): string {
  const name = periodName(period, lang);
  if (lang === 'en') {
    const what = { month: `progress report, ${name}`, halfYear: `summary of the ${name}`, year: `annual summary ${name}` }[period.kind];
    return `${county ? `${county}: ` : ''}Mine geological-environment restoration, ${what}`;
  }
  const what = { month: '进展报告', halfYear: '总结', year: '总结' }[period.kind];
  return `${county ?? ''}${say('campaign', 'zh')} ${name}${what}`;
}

/** The footer on every page (Chromium's footer template: inline styles only). */
export function progressFooter(title: string, lang: Language): string {
  const page = say('page', lang, { page: '<span class="pageNumber"></span>', pages: '<span class="totalPages"></span>' });
  return (
    `<div style="font-family:${e(REPORT_FONTS)};font-size:7.5pt;color:#555;width:100%;padding:0 14mm;display:flex;justify-content:space-between">` +
    `<span>${e(title)}</span><span>${page}</span></div>`
  );
}

/**
 * The progress report as one self-contained HTML page (no script, no external resource):
 * title, period and dates, the headline figures, the year × category table, the chart, the
 * township table, the parcels map, the stated totals checked, the plan indicators and the
 * problem ledger (statuses, sources, types, hand-overs) and the latest sweep of the existing
 * mines by problem. All
 * text from data is escaped.
 */
export function progressReportHtml(c: ProgressReportContent): string {
  const { lang, period, figures } = c;
  const title = progressTitle(c.county, period, lang);
  const [to, colon] = lang === 'zh' ? [' 至 ', '：'] : [' to ', ': '];
  const meta =
    '<table class="meta"><tr>' +
    `<td>${e(say('county', lang))}${colon}${e(c.county ?? say('noCounty', lang))}</td>` +
    `<td>${e(say('period', lang))}${colon}${e(period.from + to + period.to)}</td></tr><tr>` +
    `<td>${e(say('ruleset', lang))}${colon}${e(c.rulesetTitle)}</td>` +
    `<td>${e(say('generatedAt', lang))}${colon}${e(chinaDateTime(c.generatedAt))}${lang === 'en' ? ' (UTC+8)' : ''}</td>` +
    '</tr></table>';
  const underWay = c.asOf < period.to ? `<p class="note">${e(say('underWayNote', lang, { asOf: c.asOf }))}</p>` : '';
  const map = c.mapSvg
    ? `${c.mapSvg}<p class="note">${e(say('mapNote', lang))}</p>`
    : `<p>${e(say('noParcels', lang))}</p>`;
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${e(title)}</title><style>${STYLE}</style></head>
<body>
<h1>${e(title)}</h1>
<p class="subtitle">${e(term(REPORT_PERIOD_TERMS[period.kind], lang))} · ${e(say('asOf', lang))} ${e(c.asOf)}</p>
${meta}
${underWay}
<h2>${e(say('summary', lang))}</h2>
${headlineSection(figures.headline, lang)}
<h2>${e(say('byYear', lang))}</h2>
${yearSection(figures.rows, period.year, lang)}
<p class="note">${e(say('yearNote', lang, { asOf: c.asOf, dayBefore: period.dayBefore }))}</p>
<div class="figure"><h2>${e(say('chart', lang))}</h2>
<div class="chart">${figures.rows.length ? c.chartSvg : `<p>${e(say('noTargets', lang))}</p>`}</div></div>
<h2>${e(say('byTownship', lang))}</h2>
${townshipSection(figures.townships, lang)}
<p class="note">${e(say('townshipNote', lang))}</p>
<div class="figure"><h2>${e(say('map', lang))}</h2>
${map}</div>
<h2>${e(say('discrepancies', lang))}</h2>
${discrepancySection(figures.discrepancies, lang)}
<h2>${e(say('indicators', lang))}</h2>
${indicatorSection(c.indicators, lang)}
${ledgerSection(c.ledger, c.asOf, lang)}
${sweepSection(c.sweep, c.asOf, lang)}
<p class="closing">${e(say('closing', lang))}</p>
</body></html>`;
}

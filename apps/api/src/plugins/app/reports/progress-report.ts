import { attachment } from '../../../http/attachment.ts';
import type { Language } from '@mpm/domain';
import type { ProgressReportQuery, RestorationSummaryResponse } from '@mpm/contracts';
import type { Repositories } from '../repositories.plugin.ts';
import type { LoadedRuleset } from '../checks/ruleset.ts';
import { chinaToday } from '../reports/china-time.ts';
import { planIndicators } from '../restoration/plan-indicators.ts';
import { restorationSummary } from '../restoration/restoration-summary.ts';
import type { PdfPrinter } from './pdf-printer.ts';
import { progressChartSvg } from './progress-chart.ts';
import { progressFigures } from './progress-figures.ts';
import { progressFooter, progressReportHtml, progressTitle } from './progress-html.ts';
import { progressMapSvg } from './progress-map.ts';
import { checkPeriodDates, periodKey, resolvePeriod, type PlanYears } from './progress-period.ts';

/** What printing a progress report needs from the app (or the command line). */
export interface ProgressReportContext {
  repos: Repositories;
  ruleset: LoadedRuleset;
  printer: PdfPrinter;
  now: Date;
}

/** A printed progress report and the names to save it under. */
export interface PrintedProgressReport {
  pdf: Buffer;
  title: string;
  /** The title as a file name (Chinese in a Chinese report). */
  filename: string;
  /** An ASCII name for clients that cannot read `filename*`: `restoration-progress-2022-06.pdf`. */
  asciiFilename: string;
}

/**
 * The restoration plan's years: the county's restoration period, else the span of its targets,
 * else the mineral plan's period.
 */
function planYears(summary: RestorationSummaryResponse, ruleset: LoadedRuleset): PlanYears {
  if (summary.period) return { from: summary.period.fromYear, to: summary.period.toYear };
  const years = summary.rows.map((r) => r.year);
  if (years.length) return { from: Math.min(...years), to: Math.max(...years) };
  return { from: ruleset.planPeriod.from, to: ruleset.planPeriod.to };
}

/**
 * Prints the restoration progress report of a month, half-year or year as an A4 PDF in `lang`.
 * Figures are as of the period's last day (or today, while the period runs); done in the period
 * is that minus what was done the day before it began. A query naming no valid period, a period
 * not yet begun or a year outside the restoration plan is a 400. Reads only.
 */
export async function renderProgressReport(
  context: ProgressReportContext,
  query: ProgressReportQuery,
  lang: Language,
): Promise<PrintedProgressReport> {
  const { repos, ruleset, now } = context;
  const period = resolvePeriod(query);
  const today = chinaToday(now);
  const asOf = period.to < today ? period.to : today;
  const end = await restorationSummary(repos, { asOf });
  checkPeriodDates(period, today, planYears(end, ruleset));

  const [before, statesBefore, statesEnd, indicators, shapes, county, ledger] = await Promise.all([
    restorationSummary(repos, { asOf: period.dayBefore }),
    repos.restoration.parcelStates(period.dayBefore),
    repos.restoration.parcelStates(asOf),
    // The indicators at the end of the report's day: its staged target, and the register as it stood then.
    planIndicators({ repos, ruleset }, now, asOf),
    repos.reports.restorationMap(),
    repos.reports.countyName(),
    repos.ledger.reportFigures(period.from, asOf),
  ]);
  const sweepRun = await repos.sweep.runOn(asOf);
  const sweep = sweepRun && { ...sweepRun, findings: await repos.sweep.findings(sweepRun.id) };
  const figures = progressFigures(period.year, before, end, { before: statesBefore, end: statesEnd });
  const statuses = new Map(statesEnd.map((p) => [p.id, p.status]));
  const title = progressTitle(county, period, lang);
  const html = progressReportHtml({
    lang,
    county,
    period,
    asOf,
    generatedAt: now,
    rulesetTitle: ruleset.title[lang],
    figures,
    chartSvg: await progressChartSvg(figures.rows, lang),
    mapSvg: progressMapSvg(shapes, statuses, asOf, lang),
    indicators,
    ledger,
    sweep,
  });
  const pdf = await context.printer.print(html, progressFooter(title, lang));
  return {
    pdf,
    title,
    filename: `${title.replace(/[\\/:*?"<>|,\s]+/g, lang === 'zh' ? '' : '-')}.pdf`,
    asciiFilename: `restoration-progress-${periodKey(period)}.pdf`,
  };
}

/** A `Content-Disposition` header value offering the report for download under its own name. */
export const contentDisposition = (report: Pick<PrintedProgressReport, 'filename' | 'asciiFilename'>): string =>
  attachment(report.filename, report.asciiFilename);

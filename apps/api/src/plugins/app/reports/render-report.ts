import type { CheckResponse, Proposal } from '@mpm/contracts';
import type { Repositories } from '../repositories.plugin.ts';
import type { LoadedRuleset } from '../checks/ruleset.ts';
import type { PdfPrinter } from './pdf-printer.ts';
import { cornerTable } from './report-corners.ts';
import { reportFooter, reportHtml } from './report-html.ts';
import { mapWindow, reportMapSvg } from './report-map.ts';
import type { SavedVersion } from './report-sections.ts';

/** What printing a report needs from the app. */
export interface ReportContext {
  repos: Pick<Repositories, 'reports'>;
  ruleset: LoadedRuleset;
  printer: PdfPrinter;
  now: Date;
}

/** A check to print, with what was proposed and, for a saved proposal, which version. */
export interface ReportSubject {
  check: CheckResponse;
  proposal: Proposal;
  fromCornerList: boolean;
  saved?: SavedVersion;
}

/** Map simplification: a thousandth of the window's width, well below a printed pixel. */
const SIMPLIFY_SHARE = 1 / 1000;

/**
 * Prints the review report of one check as an A4 PDF: the map's zones come from the features
 * the findings name, fetched only within the map window; the rest is the check itself.
 */
export async function renderReport(context: ReportContext, subject: ReportSubject): Promise<Buffer> {
  const { check } = subject;
  const window = mapWindow(check.geometry);
  const refs = check.findings.flatMap((f) => (f.collection && f.featureId !== undefined ? [{ collection: f.collection, featureId: f.featureId }] : []));
  const toleranceDeg = (window.bbox[2] - window.bbox[0]) * SIMPLIFY_SHARE;
  const features = await context.repos.reports.mapFeatures(window.bbox, refs, toleranceDeg);
  const county = await context.repos.reports.countyName();
  const corners = cornerTable(check.geometry);
  const mapCorners = corners.ok ? corners.rows.map(({ label, lonLat }) => ({ label, lonLat })) : [];
  const html = reportHtml({
    ...subject,
    county,
    rulesetTitle: context.ruleset.title.zh,
    printedAt: context.now,
    corners,
    mapSvg: reportMapSvg(window, check.geometry, mapCorners, features),
  });
  return context.printer.print(html, reportFooter(county));
}

import { term, type Language, type ReportKind } from '@mpm/domain';

/** A campaign report as a reader names it: its kind and period (2020-06, 2020-H1, 2020; the plan has none). */
export const reportLabel = (report: { kind: ReportKind; period: string }, lang: Language): string =>
  report.kind === 'implementationPlan' ? term(report.kind, lang) : `${term(report.kind, lang)} ${report.period}`;

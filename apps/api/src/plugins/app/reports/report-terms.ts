import type { Bilingual } from '@mpm/domain';
import type { Outcome } from '@mpm/rules';

/** Print colour of each rule outcome (the words themselves are in the glossary). */
export const OUTCOME_COLORS: Record<Outcome, string> = {
  forbidden: '#b2182b',
  restricted: '#d6604d',
  conditional: '#b8860b',
  advisory: '#4d7ea8',
};

/** The report's title. */
export const REPORT_TITLE: Bilingual = { zh: '拟设采矿权审查报告', en: 'Review report of a proposed mining right' };

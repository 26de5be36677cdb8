import { HANDOVER_DEPARTMENTS, LEDGER_SOURCES, LEDGER_SOURCE_TERMS, LEDGER_STATUSES, VIOLATION_TYPES, term, type Language } from '@mpm/domain';
import type { Bilingual } from '../../../http/errors.ts';
import type { LedgerReportFigures } from '../ledger/ledger-repository.ts';
import { e, fillTemplate } from './html.ts';

/** The ledger section's own words (domain terms come from the glossary). */
const TEXT = {
  title: { zh: '八、问题台账', en: '8. Problem ledger' },
  note: {
    zh: '截至 {asOf} 的台账记录（状态按当日办理记录）；“本期新增”为报告期内登记的记录。依据：002 四（二）建立工作台账，明确整改措施，落实责任单位和责任人员；003 二（二）4 移交应急管理、环保、公安依法查处。',
    en: 'Ledger entries as of {asOf} (each status as its history stood that day); "new" counts those made in the period. Basis: 002 4(2) a ledger with measures, units and persons; 003 2(2)4 hand-over to emergency management, environment and public security.',
  },
  count: { zh: '记录数', en: 'Entries' },
  newInPeriod: { zh: '本期新增', en: 'New' },
  none: { zh: '（未定）', en: '(not decided)' },
  empty: { zh: '截至该日台账无记录。', en: 'The ledger had no entries by then.' },
  handedOver: { zh: '已移交', en: 'Handed over' },
  concluded: { zh: '已办结', en: 'Concluded' },
  open: { zh: '未办结', en: 'Open' },
  byStatus: { zh: '按办理状态', en: 'By status' },
  bySource: { zh: '按来源', en: 'By source' },
  byType: { zh: '按违法类型', en: 'By violation type' },
  handovers: { zh: '移交情况', en: 'Hand-overs' },
} satisfies Record<string, Bilingual>;

const say = (key: keyof typeof TEXT, lang: Language, values: Record<string, string> = {}) => fillTemplate(TEXT[key][lang], values);

/** Sums `entries` by `key`, in `order`, leaving out the keys with nothing. */
function tally<K extends string | null>(
  entries: LedgerReportFigures['entries'],
  key: (row: LedgerReportFigures['entries'][number]) => K,
  order: readonly K[],
): [K, number, number][] {
  return order
    .map((k): [K, number, number] => {
      const rows = entries.filter((r) => key(r) === k);
      return [k, rows.reduce((s, r) => s + r.count, 0), rows.reduce((s, r) => s + r.newInPeriod, 0)];
    })
    .filter(([, count]) => count > 0);
}

/** A small table: label, count, new in the period. */
const table = (caption: string, rows: [string, number, number][], lang: Language) =>
  `<table class="figures"><caption>${e(caption)}</caption><thead><tr><th></th><th>${e(say('count', lang))}</th><th>${e(say('newInPeriod', lang))}</th></tr></thead><tbody>` +
  rows.map(([label, n, fresh]) => `<tr><td>${e(label)}</td><td class="num">${n}</td><td class="num">${fresh}</td></tr>`).join('') +
  '</tbody></table>';

/** The periodic report's ledger section: counts by status, source and type, and the hand-overs by department. */
export function ledgerSection(figures: LedgerReportFigures, asOf: string, lang: Language): string {
  const heading = `<h2>${e(say('title', lang))}</h2>`;
  const note = `<p class="note">${e(say('note', lang, { asOf }))}</p>`;
  if (figures.entries.length === 0) return `${heading}<p>${e(say('empty', lang))}</p>${note}`;
  const { entries } = figures;
  const byStatus = tally(entries, (r) => r.status, LEDGER_STATUSES).map(([k, n, f]): [string, number, number] => [term(k, lang), n, f]);
  const bySource = tally(entries, (r) => r.source, LEDGER_SOURCES).map(([k, n, f]): [string, number, number] => [term(LEDGER_SOURCE_TERMS[k], lang), n, f]);
  const byType = tally(entries, (r) => r.violationType, [...VIOLATION_TYPES, null]).map(([k, n, f]): [string, number, number] => [
    k === null ? say('none', lang) : term(k, lang),
    n,
    f,
  ]);
  const handovers =
    `<table class="figures"><caption>${e(say('handovers', lang))}</caption><thead><tr><th>${e(term('handover', lang))}</th>` +
    `<th>${e(say('handedOver', lang))}</th><th>${e(say('concluded', lang))}</th><th>${e(say('open', lang))}</th><th>${e(say('newInPeriod', lang))}</th></tr></thead><tbody>` +
    HANDOVER_DEPARTMENTS.map((d) => {
      const row = figures.handovers.find((h) => h.department === d) ?? { handedOver: 0, concluded: 0, inPeriod: 0 };
      return `<tr data-department="${d}"><td>${e(term(d, lang))}</td><td class="num">${row.handedOver}</td><td class="num">${row.concluded}</td><td class="num">${row.handedOver - row.concluded}</td><td class="num">${row.inPeriod}</td></tr>`;
    }).join('') +
    '</tbody></table>';
  return heading + table(say('byStatus', lang), byStatus, lang) + table(say('bySource', lang), bySource, lang) + table(say('byType', lang), byType, lang) + handovers + note;
}

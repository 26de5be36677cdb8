import { term, type Language, type LedgerStatus } from '@mpm/domain';
import type { LedgerEvent } from '@mpm/contracts';
import { chinaDateTime } from '../reports/china-time.ts';

/** One event of an entry's history as read from the database. */
export type HistoryEvent = Omit<LedgerEvent, 'at'> & { at: Date };

const status = (value: LedgerStatus | null, lang: Language) => (value ? term(value, lang) : '');

/** What happened at one step, in `lang`: 登记, 待核查 → 核查中, 备注, 上传照片, 修改信息, 移交, 移交 · 已办结. */
export function historyWhat(event: HistoryEvent, lang: Language): string {
  switch (event.kind) {
    case 'created':
      return term('entryRecorded', lang);
    case 'transition':
      return `${status(event.from, lang)} → ${status(event.to, lang)}`;
    case 'note':
      return term('ledgerNotes', lang);
    case 'photo':
      return term('photoAdded', lang);
    case 'edit':
      return term('entryEdited', lang);
    case 'handover':
      return term('handover', lang);
    case 'handoverResult':
      return `${term('handover', lang)} · ${term('concluded', lang)}`;
  }
}

/** When, labelled as China time: `2025-11-23 16:20（北京时间）`, `2025-11-23 16:20 (China time)`. */
export const labelledChinaTime = (at: Date, lang: Language): string =>
  lang === 'zh' ? `${chinaDateTime(at)}（${term('chinaTime', 'zh')}）` : `${chinaDateTime(at)} (${term('chinaTime', 'en')})`;

/** Who took a step: a display name, or 公众 for a tip-off's reporter. */
export const historyWho = (event: HistoryEvent, lang: Language): string => (event.by === 'public' ? term('public', lang) : event.by);

/** One step as a line: when (China time, labelled), who, what, and its note. */
export function historyLine(event: HistoryEvent, lang: Language): string {
  const note = event.note ? `${lang === 'zh' ? '：' : ': '}${event.note}` : '';
  return `${labelledChinaTime(event.at, lang)} ${historyWho(event, lang)} ${historyWhat(event, lang)}${note}`;
}

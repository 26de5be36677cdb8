import type { TFunction } from 'i18next';
import { GLOSSARY, LEDGER_SOURCE_TERMS, PATCH_CLASS_TERMS, term, type Language, type LedgerSource, type LedgerStatus, type LicenceState, type PatchClass, type TermKey } from '@mpm/domain';
import { LEDGER_STATUS_COLORS, PATCH_CLASS_COLORS } from '../../map/inspect-overlay.ts';

/** The glossary term for a key the server sends as text, or the text itself when it is no key. */
export const termOr = (key: string, lang: Language): string => (key in GLOSSARY ? term(key as TermKey, lang) : key);

/** How long a licence has left, or how long ago it expired. */
export const daysLeftText = (daysLeft: number, t: TFunction): string =>
  daysLeft < 0 ? t('expired {{days}} days ago', { days: -daysLeft }) : t('{{days}} days left', { days: daysLeft });

/** A licence's standing: 有效 / 即将到期 / 已过期 / 暂停 / 注销. */
export function LicenceStateBadge({ state, lang }: { state: LicenceState; lang: Language }) {
  return (
    <span className="state-badge" data-state={state}>
      {term(state, lang)}
    </span>
  );
}

/** A patch class in its map colour, always with its name. */
export function PatchClassChip({ value, lang }: { value: PatchClass; lang: Language }) {
  return (
    <span className="class-chip" data-class={value}>
      <span className="class-swatch" style={{ background: PATCH_CLASS_COLORS[value] }} aria-hidden="true" />
      {term(PATCH_CLASS_TERMS[value], lang)}
    </span>
  );
}

/** A ledger status in its map colour, always with its name. */
export function LedgerStatusBadge({ status, lang }: { status: LedgerStatus; lang: Language }) {
  return (
    <span className="status-badge" data-status={status} style={{ borderColor: LEDGER_STATUS_COLORS[status], color: LEDGER_STATUS_COLORS[status] }}>
      {term(status, lang)}
    </span>
  );
}

/** Where a ledger entry came from: 卫片图斑 / 现场核查 / 群众举报 / 其他线索. */
export const sourceTerm = (source: LedgerSource, lang: Language): string => term(LEDGER_SOURCE_TERMS[source], lang);

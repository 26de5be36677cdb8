import { term, type Language } from '@mpm/domain';
import type { Outcome } from '@mpm/rules';
import { OUTCOME_COLORS } from '../../map/plan-overlay.ts';

/** A shape per outcome, so the badge reads without its colour too (the name is always there). */
const SYMBOLS: Record<Outcome, string> = { forbidden: '×', restricted: '▲', conditional: '◆', advisory: '●' };

/** The outcome of a finding: symbol and name (禁止, 限制, 需论证, 提示) on its colour. */
export function OutcomeBadge({ outcome, lang }: { outcome: Outcome; lang: Language }) {
  return (
    <span className="outcome-badge" data-outcome={outcome} style={{ background: OUTCOME_COLORS[outcome] }}>
      <span aria-hidden="true">{SYMBOLS[outcome]}</span> {term(outcome, lang)}
    </span>
  );
}

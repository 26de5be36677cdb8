import { PROPOSAL_STATUS_TERMS, term, type Language, type ProposalStatus } from '@mpm/domain';

/** A proposal's workflow status as a small coloured tag (草稿, 已送审, 已同意…). */
export function ProposalStatusBadge({ status, lang }: { status: ProposalStatus; lang: Language }) {
  return (
    <span className={`proposal-status-badge status-${status}`} data-status={status}>
      {term(PROPOSAL_STATUS_TERMS[status], lang)}
    </span>
  );
}

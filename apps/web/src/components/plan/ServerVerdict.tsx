import { useTranslation } from 'react-i18next';
import type { Language } from '@mpm/domain';
import { proposalsApi } from '../../api/proposals.ts';
import { checkBodyOf, readProposal, usePlan } from '../../state/plan-store.ts';
import { useLocalEdits, useProposalSession } from '../../state/proposals-session.ts';
import type { AreaUnit } from '../../state/session-store.ts';
import { useSession } from '../../state/session-store.ts';
import { AsOfField } from '../AsOfField.tsx';
import { ProblemNotice } from '../ProblemNotice.tsx';
import { AreaFigures } from './AreaFigures.tsx';
import { FindingsList } from './FindingsList.tsx';
import { OutcomeBadge } from './OutcomeBadge.tsx';
import { PdfButton } from './PdfButton.tsx';
import { chinaTime } from '../data/china-time.ts';

/**
 * The 正式审查 button with its 截至日期 (the licence register of a past day), the PDF report, and
 * the server's verdict: the authoritative areas and findings, and the day whose register it read.
 */
export function ServerVerdict({ lang, unit }: { lang: Language; unit: AreaUnit }) {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const block = usePlan((s) => s.block);
  const proposalOk = usePlan((s) => readProposal(s.proposal) !== null);
  const proposalRevision = usePlan((s) => s.proposalRevision);
  const check = usePlan((s) => s.check);
  const runCheck = usePlan((s) => s.runCheck);
  const asOf = usePlan((s) => s.asOf);
  const setAsOf = usePlan((s) => s.setAsOf);
  const stale =
    check.status === 'done' && (check.blockRevision !== block?.revision || check.proposalRevision !== proposalRevision || check.asOf !== asOf);

  return (
    <section className="plan-section server-verdict" aria-labelledby="server-verdict-title">
      <div className="verdict-actions">
        <button
          type="button"
          className="primary-button"
          disabled={!block || !proposalOk || check.status === 'pending'}
          onClick={() => void runCheck(language)}
        >
          {check.status === 'pending' ? t('Checking…') : t('Formal check')}
        </button>
        <AsOfField name="check-as-of" value={asOf} onChange={setAsOf} />
        <ReportButton disabled={!block || !proposalOk} />
        {(!block || !proposalOk) && <span className="plan-note">{t('Give the block and the planned capacity first.')}</span>}
      </div>
      {check.status === 'problem' && <ProblemNotice problem={check.problem} />}
      {check.status === 'done' && (
        <div className="verdict" data-stale={stale}>
          <h3 id="server-verdict-title">{t('Server check result')}</h3>
          {stale && <p className="stale-note">{t('The block, the proposal or the day changed since this check: check again.')}</p>}
          <p className="plan-note verdict-as-of" role="status">
            {t('Checked against the licence register as it stood at the end of {{day}}.', { day: check.result.asOf })}
          </p>
          <AreaFigures area={check.result} lang={lang} approximate={false} />
          <p className="worst-outcome">
            {check.result.worstOutcome ? (
              <>
                {t('Worst outcome')} <OutcomeBadge outcome={check.result.worstOutcome} lang={lang} />
              </>
            ) : (
              t('No conflict found.')
            )}
          </p>
          <FindingsList findings={check.result.findings} lang={lang} unit={unit} />
          <p className="plan-note verdict-meta">
            {t('Ruleset {{id}} version {{version}}, checked {{time}}', {
              id: check.result.rulesetId,
              version: check.result.rulesetVersion,
              time: chinaTime(check.result.checkedAt, language),
            })}
          </p>
        </div>
      )}
    </section>
  );
}

/**
 * The review report as PDF: of the saved version when block and form are exactly that version
 * and no past day is chosen, else of the block and form as they stand, as of the day chosen
 * (`POST /api/check/report`, not saved anywhere).
 */
function ReportButton({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const open = useProposalSession((s) => s.open);
  const asOf = usePlan((s) => s.asOf);
  // A saved version's report reads the register of the day it was saved; a past day chosen goes as an unsaved block.
  const saved = !useLocalEdits() && open && !asOf ? open : null;
  return saved ? (
    <PdfButton
      label={t('Download PDF report (version {{version}})', { version: saved.shownVersion })}
      filename={`proposal-${saved.id}-v${saved.shownVersion}.pdf`}
      fetchPdf={() => proposalsApi.versionReport(saved.id, saved.shownVersion, language)}
      disabled={disabled}
    />
  ) : (
    <PdfButton
      label={t('Download PDF report')}
      filename="check-report.pdf"
      fetchPdf={() => proposalsApi.checkReport(checkBodyOf(usePlan.getState())!, language, asOf || undefined)}
      disabled={disabled}
    />
  );
}

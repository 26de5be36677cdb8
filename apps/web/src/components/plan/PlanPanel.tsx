import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { domainLanguage } from '../../i18n/languages.ts';
import { planTerm } from '../../plan/plan-terms.ts';
import { useLiveCheck } from '../../state/live-check.ts';
import { useProposalSession } from '../../state/proposals-session.ts';
import { useServerData } from '../../state/server-store.ts';
import { useSession } from '../../state/session-store.ts';
import { UnitSwitch } from './AreaFigures.tsx';
import { BlockInput } from './BlockInput.tsx';
import { LiveCheckView } from './LiveCheckView.tsx';
import { ProposalBar } from './ProposalBar.tsx';
import { ProposalForm } from './ProposalForm.tsx';
import { ProposalList } from './ProposalList.tsx';
import { ProposalVersions } from './ProposalVersions.tsx';
import { ProposalWorkflow } from './ProposalWorkflow.tsx';
import { SaveProposal } from './SaveProposal.tsx';
import { ServerVerdict } from './ServerVerdict.tsx';
import './proposals.css';
import { ProblemNotice } from '../ProblemNotice.tsx';

/**
 * Plan mode's panel (规划): the saved proposals, the proposal and its review (送审, 同意, 退回…),
 * the block (drawn, pasted, uploaded or saved), the live check in the browser, the server's formal
 * check and its PDF, saving, and the open proposal's versions. Loads the rules and layer features once.
 */
export function PlanPanel() {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const lang = domainLanguage(language);
  const unit = useSession((s) => s.areaUnit);
  const plan = useServerData((s) => s.plan);
  const loadPlanData = useServerData((s) => s.loadPlanData);
  const live = useLiveCheck();
  const loadSerial = useProposalSession((s) => s.loadSerial);

  useEffect(() => {
    if (useServerData.getState().plan.status === 'idle') void loadPlanData(useSession.getState().language);
  }, [loadPlanData, plan.status]);

  return (
    <aside className="plan-panel" aria-label={t('Plan check')}>
      <header className="plan-panel-head">
        <h2 className="panel-title">{t('Plan check')}</h2>
        <UnitSwitch lang={lang} />
      </header>
      {plan.data && (
        <p className="plan-note ruleset-title">
          {planTerm(plan.data.ruleset.title, lang)} · {t('Ruleset version {{version}}', { version: plan.data.rulesetVersion })}
        </p>
      )}
      {plan.status === 'loading' && (
        <p className="plan-note" role="status">
          {t('Loading the rules and layers…')}
        </p>
      )}
      <ProblemNotice
        problem={plan.problem}
        sentence={(message) => t('Could not load the rules and layers: {{message}}', { message })}
        onRetry={() => void loadPlanData(language)}
      />

      <ProposalList lang={lang} />
      <ProposalBar />
      <ProposalWorkflow lang={lang} />

      <section className="plan-section" aria-labelledby="proposal-title">
        <h3 id="proposal-title">{t('Proposal')}</h3>
        <ProposalForm lang={lang} />
      </section>

      <section className="plan-section" aria-labelledby="block-title">
        <h3 id="block-title">{t('Block')}</h3>
        {/* A new key whenever a saved proposal (or a new block) replaces the block: the inputs start from it. */}
        <BlockInput key={loadSerial} lang={lang} />
      </section>

      {live && <LiveCheckView live={live} lang={lang} unit={unit} />}
      <ServerVerdict lang={lang} unit={unit} />
      <SaveProposal />
      <ProposalVersions lang={lang} />
    </aside>
  );
}

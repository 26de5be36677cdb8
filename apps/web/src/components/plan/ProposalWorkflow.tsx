import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PROPOSAL_STEP_TERMS, term, type Language } from '@mpm/domain';
import { useLocalEdits, useProposalSession, type WebStep } from '../../state/proposals-session.ts';
import { stepsOf, useProposalData } from '../../state/proposals-store.ts';
import { useSession } from '../../state/session-store.ts';
import { ProblemNotice } from '../ProblemNotice.tsx';
import { ProposalStatusBadge } from './ProposalStatusBadge.tsx';
import { chinaTime } from '../data/china-time.ts';

/** The steps the web offers, in the order their buttons show. */
const BUTTONS: readonly WebStep[] = ['submit', 'withdraw', 'approve', 'return', 'delete'];

/**
 * The open proposal's workflow (审批): where it stands, the steps this user may take now (送审,
 * 撤回, 同意, 退回 with its comment, 删除草稿 after a confirmation), how the last one ended (a
 * refusal in the server's words, naming who changed the proposal meanwhile), and its history of
 * steps with who, when, on which version and why.
 */
export function ProposalWorkflow({ lang }: { lang: Language }) {
  const { t } = useTranslation();
  const id = useId();
  const language = useSession((s) => s.language);
  const open = useProposalSession((s) => s.open);
  const state = useProposalSession((s) => s.step);
  const takeStep = useProposalSession((s) => s.takeStep);
  const steps = useProposalData((s) => stepsOf(s, open?.id));
  const edited = useLocalEdits();
  const [comment, setComment] = useState('');
  const [confirmDelete, setConfirmDelete] = useState(false);
  if (!open) return null;
  const { workflow } = open;
  const allowed = BUTTONS.filter((step) => workflow.allowedSteps.includes(step));
  const deciding = allowed.includes('approve') || allowed.includes('return');
  const pending = state.status === 'pending';
  const stepName = (step: WebStep) => term(PROPOSAL_STEP_TERMS[step], lang);

  function take(step: WebStep) {
    setConfirmDelete(false);
    void takeStep(step, step === 'approve' || step === 'return' ? comment : '', language).then(() => {
      if (useProposalSession.getState().step.status === 'done') setComment('');
    });
  }

  return (
    <section className="plan-section proposal-workflow" aria-labelledby={`${id}-title`} data-status={workflow.status} data-revision={workflow.revision}>
      <h3 id={`${id}-title`}>{t('Review')}</h3>
      <p className="workflow-status">
        {t('Review status')}: <ProposalStatusBadge status={workflow.status} lang={lang} />{' '}
        <span className="plan-note">{t('created by {{name}}', { name: workflow.ownerName })}</span>
        {workflow.grantedLicenceNo && <span className="plan-note"> · {t('licence {{number}}', { number: workflow.grantedLicenceNo })}</span>}
      </p>
      {allowed.includes('submit') && edited && (
        <p className="plan-note">{t('There are unsaved changes: submitting sends the saved version {{version}}.', { version: open.baseVersion })}</p>
      )}
      {deciding && (
        <>
          <label htmlFor={`${id}-comment`}>
            {t('Review comment')}
            <span className="optional">{t('(needed to return)')}</span>
          </label>
          <textarea id={`${id}-comment`} className="note-input" rows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
        </>
      )}
      {allowed.length > 0 && (
        <div className="workflow-actions">
          {allowed.map((step) => (
            <button
              key={step}
              type="button"
              className={step === 'submit' || step === 'approve' ? 'primary-button' : 'secondary-button'}
              disabled={pending || (step === 'return' && comment.trim() === '')}
              onClick={() => (step === 'delete' ? setConfirmDelete(true) : take(step))}
            >
              {pending && state.step === step ? t('Working…') : stepName(step)}
            </button>
          ))}
        </div>
      )}
      {confirmDelete && (
        <div className="discard-confirm" role="alertdialog" aria-label={t('Delete this draft?')}>
          <p>
            <strong>{t('Delete this draft?')}</strong> {t('It leaves the list; its versions stay in the record.')}
          </p>
          <div className="discard-actions">
            <button type="button" className="primary-button danger-button" onClick={() => take('delete')}>
              {t('Delete the draft')}
            </button>
            <button type="button" className="secondary-button" onClick={() => setConfirmDelete(false)}>
              {t('Cancel')}
            </button>
          </div>
        </div>
      )}
      {state.status === 'done' && (
        <p className="save-done" role="status">
          {t('Done: {{step}}.', { step: stepName(state.step) })}
        </p>
      )}
      {state.status === 'problem' && (
        <ProblemNotice problem={state.problem} sentence={(message) => t('Not done ({{step}}): {{message}}', { step: stepName(state.step), message })} />
      )}
      {steps && steps.length > 0 && (
        <ol className="workflow-history" aria-label={t('Review history')}>
          {[...steps].reverse().map((s, index) => (
            <li key={steps.length - index} className="workflow-step" data-step={s.step}>
              <span className="workflow-step-head">
                {t('{{time}} {{name}}: {{step}} (version {{version}})', {
                  time: chinaTime(s.at, language),
                  name: s.by,
                  step: term(PROPOSAL_STEP_TERMS[s.step], lang),
                  version: s.version,
                })}
              </span>
              {s.comment && <span className="workflow-comment">{s.comment}</span>}
              {s.licenceNo && <span className="plan-note">{t('licence {{number}}', { number: s.licenceNo })}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

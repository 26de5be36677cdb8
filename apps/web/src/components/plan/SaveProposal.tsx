import { useId, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EDITABLE_PROPOSAL_STATUSES } from '@mpm/domain';
import { checkBodyOf, usePlan } from '../../state/plan-store.ts';
import { useProposalSession } from '../../state/proposals-session.ts';
import { useServerData } from '../../state/server-store.ts';
import { useSession } from '../../state/session-store.ts';
import { ProblemNotice } from '../ProblemNotice.tsx';
import { DiscardConfirm } from './DiscardConfirm.tsx';

/**
 * Saving (planners and admins): the proposal's name and a note on this version; a new proposal,
 * or the open one's next version while it is a draft, returned or withdrawn. A save refused
 * because someone else saved first shows who, and offers the latest version.
 */
export function SaveProposal() {
  const { t } = useTranslation();
  const id = useId();
  const language = useSession((s) => s.language);
  const ready = usePlan((s) => checkBodyOf(s) !== null);
  const open = useProposalSession((s) => s.open);
  const name = useProposalSession((s) => s.name);
  const note = useProposalSession((s) => s.note);
  const save = useProposalSession((s) => s.save);
  const setName = useProposalSession((s) => s.setName);
  const setNote = useProposalSession((s) => s.setNote);
  const saveNew = useProposalSession((s) => s.saveNew);
  const saveVersion = useProposalSession((s) => s.saveVersion);
  const writer = useServerData((s) => s.user?.role === 'planner' || s.user?.role === 'admin');
  const canSave = ready && name.trim() !== '' && save.status !== 'pending';
  // Submitted, decided or deleted: no new version (the server refuses it too), only a new proposal.
  const locked = open !== null && !EDITABLE_PROPOSAL_STATUSES.includes(open.workflow.status);
  // The same save would be refused again: the latest version must be loaded first (or save anew).
  const conflicted = open !== null && save.status === 'conflict';

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!conflicted && !locked) void (open ? saveVersion(language) : saveNew(language));
  }
  if (!writer) return null;

  return (
    <section className="plan-section save-proposal" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{open ? t('Save a new version') : t('Save as a proposal')}</h3>
      <form className="save-form" onSubmit={submit}>
        <label htmlFor={`${id}-name`}>{t('Proposal name')}</label>
        <input id={`${id}-name`} value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
        <label htmlFor={`${id}-note`}>
          {t('Note on this version')}
          <span className="optional">{t('(optional)')}</span>
        </label>
        <textarea id={`${id}-note`} className="note-input" rows={2} maxLength={4000} value={note} onChange={(e) => setNote(e.target.value)} />
        <div className="save-actions">
          <button type="submit" className="primary-button" disabled={!canSave || conflicted || locked}>
            {save.status === 'pending' ? t('Saving…') : open ? t('Save as version {{version}}', { version: open.baseVersion + 1 }) : t('Save proposal')}
          </button>
          {open && (
            <button type="button" className="secondary-button" disabled={!canSave} onClick={() => void saveNew(language)}>
              {t('Save as a new proposal')}
            </button>
          )}
        </div>
        {locked && <p className="plan-note">{t('This proposal is submitted or decided: it takes no new version. Save your changes as a new proposal.')}</p>}
        {!ready && <p className="plan-note">{t('Give the block and the planned capacity first.')}</p>}
        {ready && name.trim() === '' && <p className="plan-note">{t('Give the proposal a name to save it.')}</p>}
      </form>
      <SaveOutcome />
    </section>
  );
}

/** How the last save ended. */
function SaveOutcome() {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const save = useProposalSession((s) => s.save);
  const open = useProposalSession((s) => s.open);
  const request = useProposalSession((s) => s.request);
  if (save.status === 'saved') {
    return (
      <p className="save-done" role="status">
        {save.created ? t('Saved as a new proposal (version 1).') : t('Saved as version {{version}}.', { version: save.version })}
      </p>
    );
  }
  if (save.status === 'problem') {
    return <ProblemNotice problem={save.problem} sentence={(message) => t('Not saved: {{message}}', { message })} />;
  }
  if (save.status !== 'conflict' || !open) return null;
  return (
    <div className="conflict-notice" role="alert">
      <p className="conflict-title">{t('Not saved: someone else saved this proposal first.')}</p>
      <p className="conflict-message">{save.message}</p>
      <p className="plan-note">
        {t('Reload the latest version and make your changes again, or keep yours by saving them as a new proposal.')}
      </p>
      <button type="button" className="primary-button" onClick={() => request({ kind: 'open', id: open.id }, 'conflict', language)}>
        {t('Reload the latest version')}
      </button>
      <DiscardConfirm source="conflict" />
    </div>
  );
}

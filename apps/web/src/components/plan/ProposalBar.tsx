import { useTranslation } from 'react-i18next';
import { useLocalEdits, useProposalSession } from '../../state/proposals-session.ts';
import { useSession } from '../../state/session-store.ts';
import { ProblemNotice } from '../ProblemNotice.tsx';
import { DiscardConfirm } from './DiscardConfirm.tsx';

/**
 * What the planner is working on: a saved proposal and the version shown (with a tag when there
 * are unsaved changes), or a new block; and the action to start a new block.
 */
export function ProposalBar() {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const open = useProposalSession((s) => s.open);
  const opening = useProposalSession((s) => s.opening);
  const openProblem = useProposalSession((s) => s.openProblem);
  const request = useProposalSession((s) => s.request);
  const edited = useLocalEdits();

  return (
    <section className="plan-section proposal-bar" aria-label={t('Current proposal')}>
      <div className="proposal-bar-row">
        <p
          className="proposal-status"
          role="status"
          data-proposal-id={open?.id}
          data-version={open?.shownVersion}
          data-edited={edited}
        >
          {open ? (
            <>
              {t('Proposal “{{name}}”, version {{version}}', { name: open.name, version: open.shownVersion })}
              {edited && <span className="edited-tag">{t('Unsaved changes')}</span>}
            </>
          ) : (
            t('New block, not saved yet')
          )}
          {opening && <span className="plan-note"> {t('Opening…')}</span>}
        </p>
        <button type="button" className="secondary-button" onClick={() => request({ kind: 'new' }, 'bar', language)}>
          {t('New block')}
        </button>
      </div>
      {open && open.shownVersion < open.baseVersion && (
        <p className="earlier-version-note">
          {t(
            'This is an earlier version ({{shown}}); the latest is version {{latest}}. You may edit it: saving makes it version {{next}}, and every version stays in the history.',
            { shown: open.shownVersion, latest: open.baseVersion, next: open.baseVersion + 1 },
          )}
        </p>
      )}
      <ProblemNotice problem={openProblem} sentence={(message) => t('Could not open the proposal: {{message}}', { message })} />
      <DiscardConfirm source="bar" />
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import { useProposalSession, type IntentSource } from '../../state/proposals-session.ts';
import { useSession } from '../../state/session-store.ts';

/**
 * Asks before block and form are replaced (opening a proposal or version, a new block, reloading
 * after a conflict) while they hold unsaved work; shown beside the button that asked.
 */
export function DiscardConfirm({ source }: { source: IntentSource }) {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const pending = useProposalSession((s) => s.pending);
  const open = useProposalSession((s) => s.open);
  const confirmPending = useProposalSession((s) => s.confirmPending);
  const cancelPending = useProposalSession((s) => s.cancelPending);
  if (!pending || pending.source !== source) return null;
  const { intent } = pending;
  const action =
    intent.kind === 'new'
      ? t('Start a new block?')
      : intent.version !== undefined
        ? t('Open version {{version}}?', { version: intent.version })
        : intent.name !== undefined
          ? t('Open “{{name}}”?', { name: intent.name })
          : t('Load the latest version?');
  return (
    <div className="discard-confirm" role="alertdialog" aria-label={t('Discard unsaved changes?')}>
      <p>
        <strong>{action}</strong>{' '}
        {open
          ? t('Your changes to the block, the attributes or the name are not saved and will be lost.')
          : t('The current block is not saved as a proposal and will be lost.')}
      </p>
      <div className="discard-actions">
        <button type="button" className="primary-button danger-button" onClick={() => confirmPending(language)}>
          {t('Discard my changes')}
        </button>
        <button type="button" className="secondary-button" onClick={cancelPending}>
          {t('Keep editing')}
        </button>
      </div>
    </div>
  );
}

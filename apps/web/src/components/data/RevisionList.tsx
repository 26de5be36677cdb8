import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LayerRevision } from '@mpm/contracts';
import { term, type Language } from '@mpm/domain';
import { useDataSession } from '../../state/data-session.ts';
import { useSession } from '../../state/session-store.ts';
import { useTransferData } from '../../state/transfer-store.ts';
import { ProblemNotice } from '../ProblemNotice.tsx';
import { chinaTime } from './china-time.ts';
import { editText } from './edit-text.ts';

/**
 * The chosen layer's revisions (each import, restore and edit in the web: who, when in China time, which file,
 * what it changed), newest first, each with a restore of the layer as it stood before it.
 */
export function RevisionList({ lang }: { lang: Language }) {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const layer = useDataSession((s) => s.layer);
  const revisions = useTransferData((s) => s.revisions);
  const written = useTransferData((s) => s.written);
  const loadRevisions = useTransferData((s) => s.loadRevisions);
  const restore = useTransferData((s) => s.restore);
  const [confirming, setConfirming] = useState<number | null>(null);

  useEffect(() => {
    void loadRevisions(layer, useSession.getState().language);
    setConfirming(null);
  }, [layer, loadRevisions]);

  const list = revisions.key === layer ? (revisions.data ?? []) : [];
  const newestFirst = [...list].sort((a, b) => b.revision - a.revision);
  const restoring = written.status === 'loading' && written.key?.startsWith('restore:');
  const restored = written.status === 'ready' && written.key?.startsWith(`restore:${layer}:`) ? written.data : null;
  const kindText = (r: LayerRevision) => {
    if (r.kind === 'import') return t('Imported from a file');
    if (r.kind === 'restore') return t('Restore to before revision {{revision}}', { revision: r.restoredRevision });
    return r.edit ? editText(r.edit, t) : '';
  };

  return (
    <section className="plan-section revision-list" aria-labelledby="revisions-title">
      <h3 id="revisions-title">{t('Revisions of {{layer}}', { layer: term(layer, lang) })}</h3>
      {revisions.status === 'loading' && list.length === 0 && (
        <p className="plan-note" role="status">
          {t('Loading the revisions…')}
        </p>
      )}
      <ProblemNotice
        problem={revisions.problem}
        sentence={(message) => t('Could not load the revisions: {{message}}', { message })}
        onRetry={() => void loadRevisions(layer, language)}
      />
      {revisions.status === 'ready' && list.length === 0 && (
        <p className="plan-note">{t('No imports yet: the layer is as it was set up.')}</p>
      )}
      {restored && (
        <p className="plan-note" role="status">
          {t('Restored as revision {{revision}}: {{added}} added, {{changed}} changed, {{removed}} removed.', restored)}
        </p>
      )}
      {written.key?.startsWith('restore:') && (
        <ProblemNotice problem={written.problem} sentence={(message) => t('Could not restore: {{message}}', { message })} />
      )}
      <ol className="revisions">
        {newestFirst.map((r) => (
          <li key={r.revision} className="revision" data-revision={r.revision}>
            <div className="revision-head">
              <strong>{t('Revision {{revision}}', { revision: r.revision })}</strong> · {kindText(r)}
            </div>
            <div className="data-meta">
              {r.by ?? t('unknown')} · {chinaTime(r.at, language)}
              {r.fileName && ` · ${r.fileName}`}
            </div>
            <div className="data-meta">
              {t('{{added}} added, {{changed}} changed, {{removed}} removed', r)}
            </div>
            {confirming === r.revision ? (
              <div className="data-confirm" role="alertdialog" aria-label={t('Restore the layer?')}>
                <p>{t('The layer goes back to how it stood before revision {{revision}}; the restore is itself a new revision.', r)}</p>
                <div className="data-actions">
                  <button
                    type="button"
                    className="primary-button data-danger"
                    onClick={() => {
                      setConfirming(null);
                      void restore(layer, r.revision, language);
                    }}
                  >
                    {t('Restore')}
                  </button>
                  <button type="button" className="secondary-button" onClick={() => setConfirming(null)}>
                    {t('Cancel')}
                  </button>
                </div>
              </div>
            ) : (
              <button type="button" className="secondary-button" disabled={restoring} onClick={() => setConfirming(r.revision)}>
                {t('Restore to before this revision')}
              </button>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

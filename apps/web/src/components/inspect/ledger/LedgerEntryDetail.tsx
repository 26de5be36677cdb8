import { useTranslation } from 'react-i18next';
import { ledgerReportUrl } from '../../../api/inspect.ts';
import type { LedgerEntryView, LedgerEvent } from '@mpm/contracts';
import { term, type Language } from '@mpm/domain';
import { domainLanguage } from '../../../i18n/languages.ts';
import { bboxOf, useInspectSession } from '../../../state/inspect-session.ts';
import { useLedger } from '../../../state/ledger-store.ts';
import { useSession } from '../../../state/session-store.ts';
import { ProblemNotice, problemText } from '../../ProblemNotice.tsx';
import { LedgerStatusBadge, sourceTerm } from '../terms.tsx';
import { EntryEditForm } from './EntryEditForm.tsx';
import { EntryHandovers } from './EntryHandovers.tsx';
import { EntryNotes, EntryPhotos } from './EntryNotesPhotos.tsx';
import { EntryWorkflow } from './EntryWorkflow.tsx';
import { chinaTime } from '../../data/china-time.ts';

/** One ledger entry: its workflow steps, details, notes, photos and history. */
export function LedgerEntryDetail() {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const lang = domainLanguage(language);
  const entry = useLedger((s) => s.entry)!;
  const closeEntry = useLedger((s) => s.closeEntry);
  const openEntry = useLedger((s) => s.openEntry);
  const focusOn = useInspectSession((s) => s.focusOn);
  const view = entry.data;

  return (
    <article className="ledger-entry" aria-labelledby="ledger-entry-title" data-entry-id={entry.id} data-status={view?.status}>
      <button type="button" className="link-button back-link" onClick={closeEntry}>
        ← {t('Back to the list')}
      </button>
      {entry.status === 'loading' && (
        <p className="plan-note" role="status">
          {t('Loading the entry…')}
        </p>
      )}
      <ProblemNotice problem={entry.problem} onRetry={() => void openEntry(entry.id, language)} />
      {entry.actionProblem && (
        <div className="form-error entry-problem" role="alert" data-stale={entry.actionProblem.stale}>
          {entry.actionProblem.stale
            ? t('Someone else changed this entry after you opened it, so your change was not saved. Reload it, then try again.')
            : problemText(entry.actionProblem, t)}{' '}
          {entry.actionProblem.stale && (
            <button type="button" className="secondary-button" onClick={() => void openEntry(entry.id, language)}>
              {t('Reload')}
            </button>
          )}
        </div>
      )}
      {view && (
        <>
          <header className="ledger-entry-head">
            <h3 id="ledger-entry-title">{view.title}</h3>
            <LedgerStatusBadge status={view.status} lang={lang} />
          </header>
          <p className="plan-note">
            #{view.id} · {sourceTerm(view.source, lang)}
            {view.townshipName && ` · ${view.townshipName}`}
            {view.tipOffReceipt && ` · ${term('receiptCode', lang)} ${view.tipOffReceipt}`}
            {view.reporterContact && ` · ${view.reporterContact}`}
          </p>
          <p className="export-links">
            <button type="button" className="secondary-button" onClick={() => focusOn(bboxOf(view.geometry))}>
              {t('Show on the map')}
            </button>
            <a className="secondary-button" href={ledgerReportUrl(view.id, lang)} target="_blank" rel="noopener">
              {t('Print as PDF (one page)')}
            </a>
          </p>
          <EntryWorkflow view={view} busy={entry.busy} />
          {view.violationBasis && (
            <p className="plan-note violation-basis">
              {t('Legal basis of the type')}: {view.violationBasis}
            </p>
          )}
          <EntryEditForm key={`${view.id}/${view.revision}`} view={view} busy={entry.busy} />
          <EntryHandovers view={view} busy={entry.busy} />
          <EntryNotes busy={entry.busy} />
          <EntryPhotos view={view} busy={entry.busy} />
          <EntryHistory view={view} lang={lang} />
        </>
      )}
    </article>
  );
}

function EntryHistory({ view, lang }: { view: LedgerEntryView; lang: Language }) {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const what = (event: LedgerEvent): string => {
    switch (event.kind) {
      case 'created':
        return t('Created');
      case 'transition':
        return `${event.from ? term(event.from, lang) : ''} → ${event.to ? term(event.to, lang) : ''}`;
      case 'note':
        return t('Note');
      case 'photo':
        return t('Photo added');
      case 'edit':
        return t('Details changed');
      case 'handover':
        return term('handover', lang);
      case 'handoverResult':
        return `${term('handover', lang)} · ${term('concluded', lang)}`;
    }
  };
  return (
    <section className="plan-section" aria-labelledby="entry-history-title">
      <h4 id="entry-history-title">{t('History')}</h4>
      <ol className="entry-history">
        {view.history.map((event, i) => (
          <li key={i} data-kind={event.kind}>
            <span className="history-what">{what(event)}</span>
            <span className="history-who">
              {event.by === 'public' ? term('public', lang) : event.by} · {chinaTime(event.at, language)}
            </span>
            {event.note && <span className="history-note">{event.note}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}

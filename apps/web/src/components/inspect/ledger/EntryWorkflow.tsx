import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LedgerEntryView } from '@mpm/contracts';
import { FINAL_LEDGER_STATUSES, LEDGER_STATUSES, LEDGER_TRANSITIONS, term, type LedgerStatus } from '@mpm/domain';
import { domainLanguage } from '../../../i18n/languages.ts';
import { useLedger } from '../../../state/ledger-store.ts';
import { useServerData } from '../../../state/server-store.ts';
import { useSession } from '../../../state/session-store.ts';

/** A step needs a note when it declares the lead unfounded or sends the entry back a stage. */
const needsNote = (from: LedgerStatus, to: LedgerStatus) =>
  to === 'unfounded' || LEDGER_STATUSES.indexOf(to) < LEDGER_STATUSES.indexOf(from);

/** The workflow steps this user may take from the entry's status (`LEDGER_TRANSITIONS`), with a note. */
export function EntryWorkflow({ view, busy }: { view: LedgerEntryView; busy: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const language = useSession((s) => s.language);
  const lang = domainLanguage(language);
  const role = useServerData((s) => s.user?.role);
  const transition = useLedger((s) => s.transition);
  const [note, setNote] = useState('');
  const [missingNote, setMissingNote] = useState<LedgerStatus | null>(null);
  const steps = LEDGER_TRANSITIONS.filter((step) => step.from === view.status && role !== undefined && step.roles.includes(role));

  if (FINAL_LEDGER_STATUSES.includes(view.status)) {
    return <p className="plan-note entry-final">{t('This entry is finished: {{status}}.', { status: term(view.status, lang) })}</p>;
  }

  async function take(to: LedgerStatus) {
    if (needsNote(view.status, to) && note.trim() === '') {
      setMissingNote(to);
      return;
    }
    setMissingNote(null);
    if (await transition(to, note, language)) setNote('');
  }

  return (
    <section className="plan-section entry-workflow" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t('Next step')}</h4>
      {steps.length === 0 ? (
        <p className="plan-note">{t('Your role cannot move this entry on from here; an administrator can.')}</p>
      ) : (
        <>
          <label htmlFor={`${id}-note`}>{t('Note for the step (required to declare it unfounded or send it back)')}</label>
          <textarea id={`${id}-note`} rows={2} value={note} maxLength={4000} onChange={(e) => setNote(e.target.value)} />
          <div className="action-row">
            {steps.map((step) => (
              <button
                key={step.to}
                type="button"
                className={needsNote(step.from, step.to) ? 'secondary-button' : 'primary-button'}
                data-to={step.to}
                disabled={busy}
                onClick={() => void take(step.to)}
              >
                {t('Move to {{status}}', { status: term(step.to, lang) })}
              </button>
            ))}
          </div>
          {missingNote && (
            <p className="form-error" role="alert">
              {t('Write a note saying why before moving it to {{status}}.', { status: term(missingNote, lang) })}
            </p>
          )}
        </>
      )}
    </section>
  );
}

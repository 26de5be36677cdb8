import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LedgerEntryView } from '@mpm/contracts';
import { FINAL_LEDGER_STATUSES, ROLE_TERMS, ledgerStepsFrom, term, type LedgerStatus, type LedgerTransition } from '@mpm/domain';
import { domainLanguage } from '../../../i18n/languages.ts';
import { useLedger } from '../../../state/ledger-store.ts';
import { useServerData } from '../../../state/server-store.ts';
import { useSession } from '../../../state/session-store.ts';

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
  const all = ledgerStepsFrom(view.status, role);
  const steps = all.filter((step) => step.allowed);
  /** Steps from here this user cannot take, said as such with who can (销号 is an admin's). */
  const others = all.filter((step) => !step.allowed);
  const whoCan = (step: LedgerTransition) =>
    step.roles
      .filter((r): r is keyof typeof ROLE_TERMS => r in ROLE_TERMS)
      .map((r) => term(ROLE_TERMS[r], lang))
      .join(lang === 'zh' ? '、' : ', ');

  if (FINAL_LEDGER_STATUSES.includes(view.status)) {
    return <p className="plan-note entry-final">{t('This entry is finished: {{status}}.', { status: term(view.status, lang) })}</p>;
  }

  async function take(step: LedgerTransition) {
    if (step.needsNote && note.trim() === '') {
      setMissingNote(step.to);
      return;
    }
    setMissingNote(null);
    if (await transition(step.to, note, language)) setNote('');
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
                className={step.needsNote ? 'secondary-button' : 'primary-button'}
                data-to={step.to}
                disabled={busy}
                onClick={() => void take(step)}
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
      {others.length > 0 && (
        <ul className="plan-note steps-not-yours">
          {others.map((step) => (
            <li key={step.to} data-to={step.to}>
              {t('{{status}}: taken by {{roles}}, not your role', { status: term(step.to, lang), roles: whoCan(step) })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

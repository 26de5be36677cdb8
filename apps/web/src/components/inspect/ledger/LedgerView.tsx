import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LedgerEntrySummary } from '@mpm/contracts';
import { LEDGER_SOURCES, LEDGER_STATUSES, term, VIOLATION_TYPES, type Language } from '@mpm/domain';
import { ledgerExportUrl, type LedgerFilters } from '../../../api/inspect.ts';
import { domainLanguage } from '../../../i18n/languages.ts';
import { useInspectSession } from '../../../state/inspect-session.ts';
import { useLedger } from '../../../state/ledger-store.ts';
import { useSession } from '../../../state/session-store.ts';
import { ProblemNotice } from '../../ProblemNotice.tsx';
import { LedgerStatusBadge, sourceTerm } from '../terms.tsx';
import { LedgerEntryDetail } from './LedgerEntryDetail.tsx';

/** The problem ledger (问题台账): filters, export links and the list; or the entry opened from it. */
export function LedgerView() {
  const open = useLedger((s) => s.entry !== null);
  const loadList = useLedger((s) => s.loadList);
  const loadTownships = useLedger((s) => s.loadTownships);

  useEffect(() => {
    const language = useSession.getState().language;
    if (useLedger.getState().list.status === 'idle') void loadList(language);
    void loadTownships(language);
  }, [loadList, loadTownships]);

  if (open) return <LedgerEntryDetail />;
  return (
    <>
      <Filters />
      <EntryList />
    </>
  );
}

function Filters() {
  const { t } = useTranslation();
  const id = useId();
  const language = useSession((s) => s.language);
  const lang = domainLanguage(language);
  const filters = useInspectSession((s) => s.ledgerFilters);
  const setLedgerFilters = useInspectSession((s) => s.setLedgerFilters);
  const townships = useLedger((s) => s.townships);
  const loadList = useLedger((s) => s.loadList);
  // Whether the export links add the notes and history columns: a choice for this screen only.
  const [details, setDetails] = useState(false);

  function change(patch: Partial<LedgerFilters>) {
    const next = { ...filters, ...patch };
    for (const key of Object.keys(next) as (keyof LedgerFilters)[]) if (next[key] === undefined || next[key] === '') delete next[key];
    setLedgerFilters(next);
    void loadList(language);
  }

  const select = <K extends 'status' | 'violationType' | 'source' | 'townshipCode'>(
    key: K,
    label: string,
    options: readonly { value: string; label: string }[],
  ) => (
    <label className="inline-field" htmlFor={`${id}-${key}`}>
      <span>{label}</span>
      <select
        id={`${id}-${key}`}
        value={filters[key] ?? ''}
        onChange={(e) => change({ [key]: e.target.value === '' ? undefined : e.target.value } as Partial<LedgerFilters>)}
      >
        <option value="">{t('All')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <section className="plan-section ledger-filters" aria-label={t('Filters')}>
      {select(
        'status',
        term('ledgerStatus', lang),
        LEDGER_STATUSES.map((s) => ({ value: s, label: term(s, lang) })),
      )}
      {select(
        'violationType',
        term('violationType', lang),
        VIOLATION_TYPES.map((v) => ({ value: v, label: term(v, lang) })),
      )}
      {select(
        'townshipCode',
        term('township', lang),
        (townships ?? []).map((tw) => ({ value: tw.code, label: tw.name })),
      )}
      {select(
        'source',
        t('Source'),
        LEDGER_SOURCES.map((s) => ({ value: s, label: sourceTerm(s, lang) })),
      )}
      <label className="check-field">
        <input type="checkbox" checked={filters.overdue === true} onChange={(e) => change({ overdue: e.target.checked ? true : undefined })} />
        <span>{t('Overdue only')}</span>
      </label>
      <label className="check-field">
        <input type="checkbox" checked={details} onChange={(e) => setDetails(e.target.checked)} />
        <span>{t('Export with notes and history')}</span>
      </label>
      <p className="export-links">
        <a className="secondary-button" href={ledgerExportUrl('xlsx', filters, lang, details)} download>
          {t('Export Excel')}
        </a>
        <a className="secondary-button" href={ledgerExportUrl('csv', filters, lang, details)} download>
          {t('Export CSV')}
        </a>
      </p>
    </section>
  );
}

function EntryList() {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const lang = domainLanguage(language);
  const list = useLedger((s) => s.list);
  const loadList = useLedger((s) => s.loadList);
  const openEntry = useLedger((s) => s.openEntry);
  return (
    <section className="plan-section" aria-label={t('Entries')}>
      <ProblemNotice
        problem={list.problem}
        sentence={(message) => t('Could not load the ledger: {{message}}', { message })}
        onRetry={() => void loadList(language)}
      />
      {list.data && (
        <p className="plan-note" role="status">
          {t('{{count}} entries', { count: list.data.total })}
        </p>
      )}
      <ul className="ledger-list">
        {list.data?.entries.map((entry) => (
          <li key={entry.id}>
            <button type="button" className="ledger-row" data-entry-id={entry.id} onClick={() => void openEntry(entry.id, language)}>
              <span className="ledger-row-head">
                <span className="ledger-title">{entry.title}</span>
                <LedgerStatusBadge status={entry.status} lang={lang} />
              </span>
              <span className="ledger-row-meta">{rowMeta(entry, lang)}</span>
              {entry.deadline && (
                <span className="ledger-row-meta">
                  {term('deadline', lang)} {entry.deadline}
                  {entry.overdue && <span className="tag tag-danger">{t('Overdue')}</span>}
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The entry's number, source, type, township and responsible unit, as one line. */
const rowMeta = (entry: LedgerEntrySummary, lang: Language) =>
  [`#${entry.id}`, sourceTerm(entry.source, lang), entry.violationType && term(entry.violationType, lang), entry.townshipName, entry.responsibleUnit]
    .filter(Boolean)
    .join(' · ');

import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LICENCE_STATES, MINERALS, RIGHT_COLLECTIONS, term } from '@mpm/domain';
import { domainLanguage } from '../../../i18n/languages.ts';
import { useLedger } from '../../../state/ledger-store.ts';
import { useLicencesData, type LicenceFilters } from '../../../state/licences-store.ts';
import { useSearchSession } from '../../../state/search-session.ts';
import { useSession } from '../../../state/session-store.ts';
import { ProblemNotice } from '../../ProblemNotice.tsx';
import { LicenceCard } from './LicenceCard.tsx';
import { RegisterLicenceForm } from './RegisterLicenceForm.tsx';
import { TermOptions } from './licence-fields.tsx';
import './licences.css';
import { draftFields } from '../draft-fields.ts';

/**
 * 矿业权台账: the register searched by licence number, holder or mine name, filtered by register,
 * state, mineral and township, as it stands or as it stood on a past day; a right opened shows its life and takes
 * the next act; a new right is registered from an approved proposal or a corner list.
 */
export function LicencesView() {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const lang = domainLanguage(language);
  const { filters, list, opened, search, open } = useLicencesData();
  const goTo = useSearchSession((s) => s.goTo);
  const [draft, setDraft] = useState<LicenceFilters>(filters);
  const townships = useLedger((s) => s.townships);

  useEffect(() => {
    void useLicencesData.getState().search(useLicencesData.getState().filters, language);
    void useLedger.getState().loadTownships(language);
  }, [language]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void search(draft, language);
  };
  const field = draftFields(draft, setDraft);
  const rows = list.data?.licences ?? [];

  return (
    <div className="admin-licences">
      <RegisterLicenceForm />
      <form className="admin-form licence-filters" onSubmit={submit} aria-label={t('Search the register')}>
        <label>
          {t('Licence no., holder or mine')}
          <input name="licence-q" type="search" {...field('q')} />
        </label>
        <label>
          {t('Type of right')}
          <select name="licence-collection" {...field('collection')}>
            <option value="">{t('All')}</option>
            <TermOptions values={RIGHT_COLLECTIONS} />
          </select>
        </label>
        <label>
          {t('State')}
          <select name="licence-state" {...field('state')}>
            <option value="">{t('All')}</option>
            <TermOptions values={LICENCE_STATES} />
          </select>
        </label>
        <label>
          {term('mineral', lang)}
          <select name="licence-mineral" {...field('mineral')}>
            <option value="">{t('All')}</option>
            <TermOptions values={MINERALS} />
          </select>
        </label>
        <label>
          {term('township', lang)}
          <select name="licence-township" {...field('township')}>
            <option value="">{t('All')}</option>
            {(townships ?? []).map((township) => (
              <option key={township.code} value={township.code}>
                {township.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('As of')}
          <input name="licence-as-of" type="date" {...field('asOf')} />
        </label>
        <div className="admin-form-actions">
          <button type="submit" className="primary-button">
            {t('Search')}
          </button>
        </div>
      </form>
      <ProblemNotice problem={list.problem} onRetry={() => void search(filters, language)} />
      <section className="plan-section" aria-labelledby="licence-list-title">
        <h3 id="licence-list-title">
          {list.data && filters.asOf
            ? t('Rights as of {{day}} ({{number}})', { day: list.data.asOf, number: rows.length })
            : t('Rights ({{number}})', { number: rows.length })}
        </h3>
        <ul className="licence-list" aria-label={t('Rights')}>
          {rows.map((right) => (
            <li key={`${right.collection}/${right.featureId}`}>
              <button
                type="button"
                className={`licence-row${opened?.collection === right.collection && opened.id === right.featureId ? ' selected' : ''}`}
                onClick={() => {
                  void open(right.collection, right.featureId, language);
                  goTo({ kind: 'licence', layer: right.collection, id: right.featureId, label: right.licenceNo, bbox: right.bbox });
                }}
              >
                <span className="licence-no">{right.licenceNo}</span>
                <span className={`licence-state state-${right.state}`}>{term(right.state, lang)}</span>
                {right.overCapacityYear !== null && (
                  <span className="licence-state flag-danger over-capacity">
                    {term('overCapacity', lang)} ({right.overCapacityYear})
                  </span>
                )}
                <span className="admin-muted">
                  {right.mineName ?? term(right.collection, lang)} · {right.holder} · {t('valid to {{day}}', { day: right.validTo })}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </section>
      {opened && <LicenceCard />}
    </div>
  );
}

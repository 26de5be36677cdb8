import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RESTORATION_STATUS_COLORS, term } from '@mpm/domain';
import { domainLanguage } from '../../../i18n/languages.ts';
import { useParcelsData, type ParcelFilters } from '../../../state/parcels-store.ts';
import { useSession } from '../../../state/session-store.ts';
import { ProblemNotice } from '../../ProblemNotice.tsx';
import { MergeParcelsForm } from './ParcelActions.tsx';
import { ParcelCard } from './ParcelCard.tsx';
import { AddParcelForm } from './ParcelForms.tsx';
import './parcels.css';

/**
 * 恢复治理图斑台账: the parcels searched by code or name, current ones or the retired too; a
 * parcel opened shows its lineage and history and takes an edit, a split or a withdrawal; parcels
 * ticked are merged; a new one is added with a pasted boundary. Progress records are appended in
 * inspect mode, as before: the register never changes them.
 */
export function ParcelsView() {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const lang = domainLanguage(language);
  const { filters, list, opened, ticked, search, open, tick } = useParcelsData();
  const [draft, setDraft] = useState<ParcelFilters>(filters);

  useEffect(() => {
    void useParcelsData.getState().search(useParcelsData.getState().filters, language);
  }, [language]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void search(draft, language);
  };
  const rows = list.data?.parcels ?? [];

  return (
    <div className="admin-parcels">
      <AddParcelForm />
      <form className="admin-form parcel-filters" onSubmit={submit} aria-label={t('Search the parcels')}>
        <label>
          {t('Code or name')}
          <input name="parcel-q" type="search" value={draft.q} onChange={(event) => setDraft({ ...draft, q: event.target.value })} />
        </label>
        <label>
          {t('Parcels')}
          <select name="parcel-lifecycle" value={draft.lifecycle} onChange={(event) => setDraft({ ...draft, lifecycle: event.target.value as ParcelFilters['lifecycle'] })}>
            <option value="current">{term('parcelCurrent', lang)}</option>
            <option value="retired">{term('parcelRetiredState', lang)}</option>
            <option value="all">{t('All')}</option>
          </select>
        </label>
        <div className="admin-form-actions">
          <button type="submit" className="primary-button">
            {t('Search')}
          </button>
        </div>
      </form>
      <ProblemNotice problem={list.problem} onRetry={() => void search(filters, language)} />
      <MergeParcelsForm />
      <section className="plan-section" aria-labelledby="parcel-list-title">
        <h3 id="parcel-list-title">{t('Parcels ({{number}})', { number: rows.length })}</h3>
        <ul className="parcel-list" aria-label={t('Parcels')}>
          {rows.map((row) => (
            <li key={row.id} className={opened === row.id ? 'selected' : undefined}>
              {row.lifecycle === 'current' && (
                <input
                  type="checkbox"
                  aria-label={t('Tick {{code}} to merge', { code: row.code })}
                  checked={ticked.some((r) => r.id === row.id)}
                  onChange={(event) => tick(row, event.target.checked)}
                />
              )}
              <button type="button" className="parcel-row" onClick={() => void open(row.id, language)}>
                <span className="parcel-code">{row.code}</span>
                <span className="parcel-status" style={{ background: RESTORATION_STATUS_COLORS[row.status] }}>
                  {term(row.status, lang)}
                </span>
                {row.lifecycle === 'retired' && <span className="parcel-lifecycle lifecycle-retired">{term('parcelRetiredState', lang)}</span>}
                <span className="admin-muted">
                  {row.name} · {row.township} · {row.plannedYear} · {row.areaMu.toFixed(2)} {term('unitMu', lang)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </section>
      {opened !== null && <ParcelCard />}
    </div>
  );
}

import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MINERALS, PROPOSAL_STATUSES, PROPOSAL_STATUS_TERMS, term, type Language, type Mineral, type ProposalStatus } from '@mpm/domain';
import { useProposalData } from '../../state/proposals-store.ts';
import { useSession } from '../../state/session-store.ts';

/** The same empty list every render (a new one would make the store's selector loop). */
const NO_OWNERS: { id: number; name: string }[] = [];

/**
 * The proposal list's filters: status, mineral, the planner who created it, the days of its last
 * change and a text searched in the name, holder and licence numbers. Selects and days apply at
 * once; the text when searched.
 */
export function ProposalFilters({ lang }: { lang: Language }) {
  const { t } = useTranslation();
  const id = useId();
  const language = useSession((s) => s.language);
  const filter = useProposalData((s) => s.filter);
  const owners = useProposalData((s) => s.list.data?.owners ?? NO_OWNERS);
  const setFilter = useProposalData((s) => s.setFilter);
  const [text, setText] = useState(filter.q ?? '');
  const apply = (patch: Parameters<typeof setFilter>[0]) => void setFilter(patch, language);

  function search(event: FormEvent) {
    event.preventDefault();
    apply({ q: text.trim() || undefined });
  }

  return (
    <form className="proposal-filters" role="search" aria-label={t('Filter the proposals')} onSubmit={search}>
      <label htmlFor={`${id}-status`}>{t('By status')}</label>
      <select
        id={`${id}-status`}
        value={filter.status?.[0] ?? ''}
        onChange={(e) => apply({ status: e.target.value ? [e.target.value as ProposalStatus] : undefined })}
      >
        <option value="">{t('All but deleted')}</option>
        {PROPOSAL_STATUSES.map((status) => (
          <option key={status} value={status}>
            {term(PROPOSAL_STATUS_TERMS[status], lang)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-mineral`}>{t('By mineral')}</label>
      <select id={`${id}-mineral`} value={filter.mineral ?? ''} onChange={(e) => apply({ mineral: (e.target.value || undefined) as Mineral | undefined })}>
        <option value="">{t('All')}</option>
        {MINERALS.map((mineral) => (
          <option key={mineral} value={mineral}>
            {term(mineral, lang)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-owner`}>{t('By planner')}</label>
      <select id={`${id}-owner`} value={filter.ownerId ?? ''} onChange={(e) => apply({ ownerId: e.target.value ? Number(e.target.value) : undefined })}>
        <option value="">{t('All')}</option>
        {owners.map((owner) => (
          <option key={owner.id} value={owner.id}>
            {owner.name}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-from`}>{t('Changed from')}</label>
      <input id={`${id}-from`} type="date" value={filter.from ?? ''} onChange={(e) => apply({ from: e.target.value || undefined })} />
      <label htmlFor={`${id}-to`}>{t('Changed until')}</label>
      <input id={`${id}-to`} type="date" value={filter.to ?? ''} onChange={(e) => apply({ to: e.target.value || undefined })} />
      <label htmlFor={`${id}-q`}>{t('Search proposals')}</label>
      <span className="proposal-search">
        <input
          id={`${id}-q`}
          type="search"
          maxLength={100}
          placeholder={t('Name, holder or licence number')}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="secondary-button">
          {t('Find')}
        </button>
      </span>
    </form>
  );
}

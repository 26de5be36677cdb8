import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { MINERALS, RIGHT_KINDS, SCALE_CLASSES, term, type Language, type Mineral } from '@mpm/domain';
import { readProposal, usePlan, type ProposalDraft } from '../../state/plan-store.ts';

/** What the planner proposes: mineral, capacity, kind of right, and the optional holder, scale and licence. */
export function ProposalForm({ lang }: { lang: Language }) {
  const { t } = useTranslation();
  const id = useId();
  const draft = usePlan((s) => s.proposal);
  const setProposal = usePlan((s) => s.setProposal);
  const capacityMissing = readProposal(draft) === null;
  const field = (key: keyof ProposalDraft) => `${id}-${key}`;

  return (
    <form className="proposal-form" aria-label={t('Proposal')} onSubmit={(event) => event.preventDefault()}>
      <label htmlFor={field('mineral')}>{term('mineral', lang)}</label>
      <select id={field('mineral')} value={draft.mineral} onChange={(e) => setProposal({ mineral: e.target.value as Mineral })}>
        {MINERALS.map((mineral) => (
          <option key={mineral} value={mineral}>
            {term(mineral, lang)}
          </option>
        ))}
      </select>

      <label htmlFor={field('capacity')}>
        {t('Planned capacity')}<span className="unit">{t('({{unit}})', { unit: term('unit10ktPerYear', lang) })}</span>
      </label>
      <input
        id={field('capacity')}
        type="number"
        inputMode="decimal"
        min="0"
        step="any"
        value={draft.capacity}
        aria-invalid={draft.capacity !== '' && capacityMissing}
        onChange={(e) => setProposal({ capacity: e.target.value })}
      />

      <fieldset className="right-kinds">
        <legend>{t('Kind of right')}</legend>
        {RIGHT_KINDS.map((kind) => (
          <label key={kind} className="radio">
            <input
              type="radio"
              name={field('rightKind')}
              value={kind}
              checked={draft.rightKind === kind}
              onChange={() => setProposal({ rightKind: kind })}
            />
            {term(kind, lang)}
          </label>
        ))}
      </fieldset>

      {draft.rightKind !== 'new' && (
        <>
          <label htmlFor={field('licenceNo')}>{term('licenceNo', lang)}</label>
          <input id={field('licenceNo')} value={draft.licenceNo} onChange={(e) => setProposal({ licenceNo: e.target.value })} />
        </>
      )}

      <label htmlFor={field('holder')}>
        {term('holder', lang)}
        <span className="optional">{t('(optional)')}</span>
      </label>
      <input id={field('holder')} value={draft.holder} onChange={(e) => setProposal({ holder: e.target.value })} />

      <label htmlFor={field('scaleClass')}>
        {term('scaleClass', lang)}
        <span className="optional">{t('(optional)')}</span>
      </label>
      <select
        id={field('scaleClass')}
        value={draft.scaleClass}
        onChange={(e) => setProposal({ scaleClass: e.target.value as ProposalDraft['scaleClass'] })}
      >
        <option value="">{t('Not stated (counted as small)')}</option>
        {SCALE_CLASSES.map((scale) => (
          <option key={scale} value={scale}>
            {term(scale, lang)}
          </option>
        ))}
      </select>
    </form>
  );
}

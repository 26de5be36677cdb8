import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LedgerEntryView, UpdateLedgerEntryBody } from '@mpm/contracts';
import { FINAL_LEDGER_STATUSES, term, VIOLATION_TYPES, type ViolationType } from '@mpm/domain';
import { domainLanguage } from '../../../i18n/languages.ts';
import { useLedger } from '../../../state/ledger-store.ts';
import { useSession } from '../../../state/session-store.ts';

/** The entry's details as typed; empty text means "none". */
interface Draft {
  title: string;
  violationType: ViolationType | '';
  responsibleUnit: string;
  responsiblePerson: string;
  rectificationMeasures: string;
  deadline: string;
}

const draftOf = (view: LedgerEntryView): Draft => ({
  title: view.title,
  violationType: view.violationType ?? '',
  responsibleUnit: view.responsibleUnit ?? '',
  responsiblePerson: view.responsiblePerson ?? '',
  rectificationMeasures: view.rectificationMeasures ?? '',
  deadline: view.deadline ?? '',
});

/** Only what changed, as `PATCH /api/ledger/:id` takes it (null clears a detail). */
function changes(view: LedgerEntryView, draft: Draft): Omit<UpdateLedgerEntryBody, 'baseRevision'> {
  const patch: Omit<UpdateLedgerEntryBody, 'baseRevision'> = {};
  const unit = draft.responsibleUnit.trim();
  if (draft.title.trim() !== view.title) patch.title = draft.title.trim();
  if ((draft.violationType || null) !== view.violationType) patch.violationType = draft.violationType || null;
  if ((unit || null) !== view.responsibleUnit) patch.responsibleUnit = unit || null;
  const person = draft.responsiblePerson.trim();
  if ((person || null) !== view.responsiblePerson) patch.responsiblePerson = person || null;
  const measures = draft.rectificationMeasures.trim();
  if ((measures || null) !== view.rectificationMeasures) patch.rectificationMeasures = measures || null;
  if ((draft.deadline || null) !== view.deadline) patch.deadline = draft.deadline || null;
  return patch;
}

/** Edits the title, violation type, responsible unit and person, rectification measures and deadline; sent with the revision it was read at. */
export function EntryEditForm({ view, busy }: { view: LedgerEntryView; busy: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const language = useSession((s) => s.language);
  const lang = domainLanguage(language);
  const update = useLedger((s) => s.update);
  const [draft, setDraft] = useState<Draft>(() => draftOf(view));
  const patch = changes(view, draft);
  const changed = Object.keys(patch).length > 0;
  const final = FINAL_LEDGER_STATUSES.includes(view.status);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  function save(event: FormEvent) {
    event.preventDefault();
    if (changed && draft.title.trim() !== '') void update(patch, language);
  }

  return (
    <form className="plan-section entry-edit" onSubmit={save} aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t('Details')}</h4>
      <fieldset disabled={final || busy}>
        <label htmlFor={`${id}-name`}>{t('Title')}</label>
        <input id={`${id}-name`} value={draft.title} maxLength={200} aria-invalid={draft.title.trim() === ''} onChange={(e) => set('title', e.target.value)} />
        <label htmlFor={`${id}-type`}>{term('violationType', lang)}</label>
        <select id={`${id}-type`} value={draft.violationType} onChange={(e) => set('violationType', e.target.value as ViolationType | '')}>
          <option value="">{t('Not decided')}</option>
          {VIOLATION_TYPES.map((v) => (
            <option key={v} value={v}>
              {term(v, lang)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-unit`}>{term('responsibleUnit', lang)}</label>
        <input id={`${id}-unit`} value={draft.responsibleUnit} maxLength={200} onChange={(e) => set('responsibleUnit', e.target.value)} />
        <label htmlFor={`${id}-person`}>{term('responsiblePerson', lang)}</label>
        <input id={`${id}-person`} value={draft.responsiblePerson} maxLength={200} onChange={(e) => set('responsiblePerson', e.target.value)} />
        <label htmlFor={`${id}-measures`}>{term('rectificationMeasures', lang)}</label>
        <textarea id={`${id}-measures`} rows={2} value={draft.rectificationMeasures} maxLength={4000} onChange={(e) => set('rectificationMeasures', e.target.value)} />
        <label htmlFor={`${id}-deadline`}>{term('deadline', lang)}</label>
        <input id={`${id}-deadline`} type="date" value={draft.deadline} onChange={(e) => set('deadline', e.target.value)} />
        <button type="submit" className="primary-button" disabled={!changed || draft.title.trim() === ''}>
          {t('Save details')}
        </button>
      </fieldset>
    </form>
  );
}

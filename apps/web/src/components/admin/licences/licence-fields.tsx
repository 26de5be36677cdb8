import { useTranslation } from 'react-i18next';
import type { CornerListInput } from '@mpm/contracts';
import { term, type TermKey } from '@mpm/domain';
import { domainLanguage } from '../../../i18n/languages.ts';
import { useSession } from '../../../state/session-store.ts';
import { draftFields } from '../draft-fields.ts';

/** The document an act rests on, as typed: its number (文号), effective day (empty: today) and a note. */
export interface DocumentDraft {
  documentNo: string;
  effectiveOn: string;
  note: string;
}

export const EMPTY_DOCUMENT: DocumentDraft = { documentNo: '', effectiveOn: '', note: '' };

/** The document members of a register body (empty ones left out). */
export function documentOf(draft: DocumentDraft): { documentNo: string; effectiveOn?: string; note?: string } {
  return {
    documentNo: draft.documentNo.trim(),
    ...(draft.effectiveOn && { effectiveOn: draft.effectiveOn }),
    ...(draft.note.trim() && { note: draft.note.trim() }),
  };
}

/** A pasted corner list as the API takes it; undefined when the box is empty. */
export const cornerListOf = (text: string): CornerListInput | undefined => (text.trim() ? { text } : undefined);

/** 文号, 生效日期 and a note: what every act of the register carries. */
export function DocumentFields({ draft, onChange }: { draft: DocumentDraft; onChange(draft: DocumentDraft): void }) {
  const { t } = useTranslation();
  const lang = domainLanguage(useSession((s) => s.language));
  const field = draftFields(draft, onChange);
  return (
    <>
      <label>
        {term('documentNo', lang)}
        <input name="document-no" required maxLength={100} {...field('documentNo')} />
      </label>
      <label>
        {term('effectiveOn', lang)}
        <input name="effective-on" type="date" {...field('effectiveOn')} />
        <span className="admin-muted">{t('Empty: today.')}</span>
      </label>
      <label>
        {t('Note')}
        <textarea name="document-note" rows={2} maxLength={2000} {...field('note')} />
      </label>
    </>
  );
}

/** A box to paste a corner-point list (拐点坐标) into. */
export function CornerListField({ name, label, value, onChange }: { name: string; label: string; value: string; onChange(event: { target: { value: string } }): void }) {
  const { t } = useTranslation();
  return (
    <label>
      {label}
      <textarea name={name} rows={4} value={value} onChange={onChange} placeholder={t('One corner per line: number, X, Y (CGCS2000 Gauss–Krüger) or lon, lat')} />
    </label>
  );
}

/** The options of a select over glossary words (registers, minerals, scales…), in the UI language. */
export function TermOptions({ values }: { values: readonly TermKey[] }) {
  const lang = domainLanguage(useSession((s) => s.language));
  return (
    <>
      {values.map((value) => (
        <option key={value} value={value}>
          {term(value, lang)}
        </option>
      ))}
    </>
  );
}

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_LEGAL_BASIS_CHARS, MAX_MIN_SCALE_10KT, MAX_RULESET_NOTE_CHARS, MAX_TOLERANCE_M2, type RegisterRule, type RuleChange } from '@mpm/contracts';
import { OUTCOMES, type Language, type Outcome } from '@mpm/domain';
import { useRulesData } from '../../../state/admin-rules-store.ts';
import { useSession } from '../../../state/session-store.ts';
import { FormActions } from '../FormActions.tsx';
import { TermOptions } from '../licences/licence-fields.tsx';

/** The change the form's values make to the rule (only what differs), or why they cannot be sent. */
type Draft = { outcome: Outcome; tolerance: string; scale: string; zh: string; en: string };

/**
 * One rule's editor: its outcome, its tolerance (only a rule that turns on an overlapped area has
 * one), its scale (only a minimum mining scale) and its legal basis in both languages, with a note
 * saying why; saved as the next version of the register. With `adding`, the rule is a mineral's
 * minimum scale the table lacks, and everything is sent. What the server refuses (a stale version,
 * a bad value) is said under the rule.
 */
export function RuleForm({ rule, lang, onClose, adding = false }: { rule: RegisterRule; lang: Language; onClose(): void; adding?: boolean }) {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const saveRule = useRulesData((s) => s.saveRule);
  const saving = useRulesData((s) => s.save?.status === 'pending');
  const [draft, setDraft] = useState<Draft>({
    outcome: rule.outcome,
    tolerance: rule.toleranceM2 === undefined ? '' : String(rule.toleranceM2),
    scale: rule.min10ktPerYear === undefined || adding ? '' : String(rule.min10ktPerYear),
    zh: rule.legalBasis.zh,
    en: rule.legalBasis.en,
  });
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const edit = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });

  /** The change to send, or a problem said before anything is sent. */
  function change(): RuleChange | string {
    const result: RuleChange = { id: rule.id };
    if (draft.outcome !== rule.outcome || adding) result.outcome = draft.outcome;
    if (rule.min10ktPerYear !== undefined) {
      const value = Number(draft.scale);
      if (draft.scale.trim() === '' || !(value > 0 && value <= MAX_MIN_SCALE_10KT)) {
        return t('Minimum scale: give a figure above 0 and at most {{max}} (10 kt a year).', { max: MAX_MIN_SCALE_10KT });
      }
      if (value !== rule.min10ktPerYear || adding) result.min10ktPerYear = value;
    }
    if (rule.toleranceM2 !== undefined) {
      const value = Number(draft.tolerance);
      if (draft.tolerance.trim() === '' || !Number.isFinite(value) || value < 0 || value > MAX_TOLERANCE_M2) {
        return t('Tolerance: give an area from 0 to {{max}} m².', { max: MAX_TOLERANCE_M2 });
      }
      if (value !== rule.toleranceM2) result.toleranceM2 = value;
    }
    const basis = { zh: draft.zh.trim(), en: draft.en.trim() };
    for (const [key, label] of [
      ['zh', t('Legal basis (Chinese)')],
      ['en', t('Legal basis (English)')],
    ] as const) {
      if (basis[key] === '') return t('{{field}}: name the document and its article.', { field: label });
      if ([...basis[key]].length > MAX_LEGAL_BASIS_CHARS) return t('{{field}}: at most {{max}} characters.', { field: label, max: MAX_LEGAL_BASIS_CHARS });
    }
    if (basis.zh !== rule.legalBasis.zh || basis.en !== rule.legalBasis.en || adding) result.legalBasis = basis;
    return Object.keys(result).length > 1 ? result : t('Nothing changed.');
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const made = change();
    if (typeof made === 'string') {
      setProblem(made);
      return;
    }
    setProblem(null);
    if (await saveRule(made, note, language)) onClose();
  }

  return (
    <form className="admin-form rule-form" onSubmit={submit} noValidate aria-label={t('Edit rule {{rule}}', { rule: rule.title[lang] })}>
      <label>
        <span>{t('Outcome')}</span>
        <select value={draft.outcome} onChange={(event) => edit({ outcome: event.target.value as Outcome })}>
          <TermOptions values={OUTCOMES} />
        </select>
      </label>
      {rule.toleranceM2 !== undefined && (
        <label>
          <span>{t('Tolerance (m²)')}</span>
          <input inputMode="decimal" value={draft.tolerance} onChange={(event) => edit({ tolerance: event.target.value })} />
        </label>
      )}
      {rule.min10ktPerYear !== undefined && (
        <label>
          <span>{t('Minimum scale (10 kt a year)')}</span>
          <input name="min-scale" inputMode="decimal" value={draft.scale} onChange={(event) => edit({ scale: event.target.value })} />
        </label>
      )}
      <label>
        <span>{t('Legal basis (Chinese)')}</span>
        <textarea rows={3} value={draft.zh} onChange={(event) => edit({ zh: event.target.value })} />
      </label>
      <label>
        <span>{t('Legal basis (English)')}</span>
        <textarea rows={3} value={draft.en} onChange={(event) => edit({ en: event.target.value })} />
      </label>
      <label>
        <span>{t('Why (kept with the version)')}</span>
        <input value={note} maxLength={MAX_RULESET_NOTE_CHARS} onChange={(event) => setNote(event.target.value)} />
      </label>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <FormActions submitLabel={t('Save as a new version')} saving={saving} onCancel={onClose} />
    </form>
  );
}

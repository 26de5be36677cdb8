import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RestorationTargetsBody } from '@mpm/contracts';
import { MINE_CATEGORIES, term, type MineCategory } from '@mpm/domain';
import { domainLanguage } from '../../i18n/languages.ts';
import { useSettingsData } from '../../state/admin-settings-store.ts';
import { useSession } from '../../state/session-store.ts';
import { ProblemNotice } from '../ProblemNotice.tsx';
import { bodyOf, draftOf, isDraftProblem, type DraftProblem, type RestorationDraft, type TargetDraft, type TotalDraft } from './restoration-draft.ts';
import { SaveOutcome, useSaving } from './SaveOutcome.tsx';

/** 恢复治理目标: the plan period, the yearly targets by mine category, and the totals the document states. */
export function SettingsRestoration() {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const restoration = useSettingsData((s) => s.restoration);
  const loadAll = useSettingsData((s) => s.loadAll);
  return (
    <section className="plan-section" aria-labelledby="settings-restoration-title">
      <h3 id="settings-restoration-title">{t('Restoration targets')}</h3>
      <ProblemNotice problem={restoration.problem} onRetry={() => void loadAll(language)} />
      {restoration.data && <RestorationForm key={JSON.stringify(restoration.data)} stored={restoration.data} />}
    </section>
  );
}

/** The members of a draft row that hold text. */
type TextKey<R> = { [K in keyof R]: R[K] extends string ? K : never }[keyof R];

/** A labelled text box bound to one text member of a draft row (a target, a stated total). */
function RowField<R>(props: { label: string; row: R; name: TextKey<R>; inputMode?: 'numeric' | 'decimal'; onChange(row: R): void }) {
  const { row, name } = props;
  return (
    <label>
      {props.label}
      <input inputMode={props.inputMode} value={row[name] as string} onChange={(e) => props.onChange({ ...row, [name]: e.target.value })} />
    </label>
  );
}

function RestorationForm({ stored }: { stored: RestorationTargetsBody }) {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const saveRestoration = useSettingsData((s) => s.saveRestoration);
  const saving = useSaving('restoration');
  const [draft, setDraft] = useState<RestorationDraft>(() => draftOf(stored));
  const [problem, setProblem] = useState<string | null>(null);

  const problemText = (p: DraftProblem): string => {
    const where = p.part === 'period' ? t('Plan period') : t(p.part === 'target' ? 'Target {{row}}' : 'Stated total {{row}}', { row: p.row });
    const what = {
      year: t('give a year such as 2024.'),
      area: t('give an area in mu from 0 to 1,000,000.'),
      categories: t('tick at least one mine category.'),
      label: t('give its label in Chinese and in English.'),
    }[p.kind];
    return `${where}: ${what}`;
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = bodyOf(draft);
    if (isDraftProblem(body)) return setProblem(problemText(body));
    setProblem(null);
    await saveRestoration(body, language);
  }

  const setTarget = (i: number, row: TargetDraft) => setDraft({ ...draft, targets: draft.targets.map((r, j) => (j === i ? row : r)) });
  const setTotal = (i: number, row: TotalDraft) => setDraft({ ...draft, totals: draft.totals.map((r, j) => (j === i ? row : r)) });
  const period = (name: keyof RestorationDraft['period']) => ({
    value: draft.period[name],
    onChange: (event: { target: { value: string } }) => setDraft({ ...draft, period: { ...draft.period, [name]: event.target.value } }),
  });

  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-label={t('Restoration targets')}>
      <fieldset className="settings-fields">
        <legend>{t('Plan period')}</legend>
        <div className="settings-row">
          <label>
            {t('From year')}
            <input name="period-from" inputMode="numeric" {...period('fromYear')} />
          </label>
          <label>
            {t('To year')}
            <input name="period-to" inputMode="numeric" {...period('toYear')} />
          </label>
        </div>
        <label>
          {t('Source document')}
          <input name="period-source" {...period('source')} />
        </label>
      </fieldset>

      <details className="settings-fields">
        <summary>{t('Targets by year ({{number}})', { number: draft.targets.length })}</summary>
        {draft.targets.map((row, i) => (
          <div key={i} className="settings-record" role="group" aria-label={t('Target {{row}}', { row: i + 1 })}>
            <div className="settings-row">
              <RowField label={t('Year')} row={row} name="year" inputMode="numeric" onChange={(r) => setTarget(i, r)} />
              <RowField label={t('Target (mu)')} row={row} name="targetMu" inputMode="decimal" onChange={(r) => setTarget(i, r)} />
            </div>
            <Categories value={row.categories} onChange={(categories) => setTarget(i, { ...row, categories })} />
            <RowField label={t('Source document')} row={row} name="source" onChange={(r) => setTarget(i, r)} />
            <button type="button" className="link-button" onClick={() => setDraft({ ...draft, targets: draft.targets.filter((_, j) => j !== i) })}>
              {t('Remove')}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="secondary-button"
          onClick={() => setDraft({ ...draft, targets: [...draft.targets, { year: draft.period.toYear, categories: [], targetMu: '', source: '' }] })}
        >
          {t('Add a target')}
        </button>
      </details>

      <details className="settings-fields">
        <summary>{t('Stated totals ({{number}})', { number: draft.totals.length })}</summary>
        {draft.totals.map((row, i) => (
          <div key={i} className="settings-record" role="group" aria-label={t('Stated total {{row}}', { row: i + 1 })}>
            <div className="settings-row">
              <RowField label={t('Label (Chinese)')} row={row} name="labelZh" onChange={(r) => setTotal(i, r)} />
              <RowField label={t('Label (English)')} row={row} name="labelEn" onChange={(r) => setTotal(i, r)} />
            </div>
            <div className="settings-row">
              <RowField label={t('From year')} row={row} name="fromYear" inputMode="numeric" onChange={(r) => setTotal(i, r)} />
              <RowField label={t('To year')} row={row} name="toYear" inputMode="numeric" onChange={(r) => setTotal(i, r)} />
              <RowField label={t('Stated (mu)')} row={row} name="statedMu" inputMode="decimal" onChange={(r) => setTotal(i, r)} />
            </div>
            <Categories value={row.categories} onChange={(categories) => setTotal(i, { ...row, categories })} />
            <RowField label={t('Source document')} row={row} name="source" onChange={(r) => setTotal(i, r)} />
            <button type="button" className="link-button" onClick={() => setDraft({ ...draft, totals: draft.totals.filter((_, j) => j !== i) })}>
              {t('Remove')}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="secondary-button"
          onClick={() =>
            setDraft({
              ...draft,
              totals: [...draft.totals, { labelZh: '', labelEn: '', fromYear: draft.period.fromYear, toYear: draft.period.toYear, categories: [], statedMu: '', source: '' }],
            })
          }
        >
          {t('Add a stated total')}
        </button>
      </details>

      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <SaveOutcome section="restoration" />
      <div className="admin-form-actions">
        <button type="submit" className="primary-button" disabled={saving}>
          {t('Save restoration targets')}
        </button>
        <button type="button" className="secondary-button" onClick={() => setDraft(draftOf(stored))}>
          {t('Undo changes')}
        </button>
      </div>
    </form>
  );
}

/** The mine categories a row covers, as checkboxes. */
function Categories({ value, onChange }: { value: MineCategory[]; onChange(value: MineCategory[]): void }) {
  const { t } = useTranslation();
  const lang = domainLanguage(useSession((s) => s.language));
  return (
    <div className="settings-categories" role="group" aria-label={t('Mine categories')}>
      {MINE_CATEGORIES.map((category) => (
        <label key={category} className="settings-check">
          <input
            type="checkbox"
            checked={value.includes(category)}
            onChange={(event) => onChange(event.target.checked ? MINE_CATEGORIES.filter((c) => c === category || value.includes(c)) : value.filter((c) => c !== category))}
          />
          {term(category, lang)}
        </label>
      ))}
    </div>
  );
}

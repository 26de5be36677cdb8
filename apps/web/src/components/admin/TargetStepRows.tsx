import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { MAX_TARGET_SOURCE_CHARS, type TargetStep } from '@mpm/contracts';

/** One step as typed: year (blank: the end of the plan), percent and source. */
export type StepRow = { year: string; percent: string; source: string };

export const stepRows = (steps: readonly TargetStep[]): StepRow[] =>
  steps.map((s) => ({ year: s.year === undefined ? '' : String(s.year), percent: String(s.percent), source: s.source }));

/**
 * The steps as the server keeps them, or a sentence naming the first step that is wrong: a year
 * 1949–2100 or blank (the end of the plan, last only), years going up, a percent 0–100, a source.
 */
export function parseSteps(rows: readonly StepRow[], t: TFunction): TargetStep[] | string {
  if (rows.length === 0) return t('Give at least one step.');
  const steps: TargetStep[] = [];
  for (const [i, row] of rows.entries()) {
    const n = i + 1;
    const year = row.year.trim() === '' ? undefined : Number(row.year);
    if (year !== undefined && !(Number.isInteger(year) && year >= 1949 && year <= 2100)) return t('Step {{n}}: give a year from 1949 to 2100, or leave it blank for the end of the plan.', { n });
    const percent = Number(row.percent);
    if (row.percent.trim() === '' || !(percent >= 0 && percent <= 100)) return t('Step {{n}}: give a percentage from 0 to 100.', { n });
    if (row.source.trim() === '') return t('Step {{n}}: give its source (the document and its words).', { n });
    const previous = steps[i - 1];
    if (previous && (previous.year === undefined || (year !== undefined && year <= previous.year))) return t('Step {{n}}: years go up, each once; a step without a year comes last.', { n });
    steps.push({ ...(year !== undefined && { year }), percent, source: row.source.trim() });
  }
  return steps;
}

/** The staged target's steps: one row each (year, percent, source), add and remove. */
export function TargetStepRows({ legend, rows, onChange }: { legend: string; rows: StepRow[]; onChange(rows: StepRow[]): void }) {
  const { t } = useTranslation();
  const edit = (i: number, patch: Partial<StepRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="settings-fields target-steps" aria-label={legend}>
      <legend>{legend}</legend>
      {rows.map((row, i) => (
        <div key={i} className="settings-row" data-step={i + 1}>
          <label>
            {t('By the end of (year)')}
            <input name={`step-year-${i + 1}`} inputMode="numeric" placeholder={t('end of plan')} value={row.year} onChange={(event) => edit(i, { year: event.target.value })} />
          </label>
          <label>
            {t('Share (%)')}
            <input name={`step-percent-${i + 1}`} inputMode="decimal" value={row.percent} onChange={(event) => edit(i, { percent: event.target.value })} />
          </label>
          <label>
            {t('Source (the document’s words)')}
            <input name={`step-source-${i + 1}`} maxLength={MAX_TARGET_SOURCE_CHARS} value={row.source} onChange={(event) => edit(i, { source: event.target.value })} />
          </label>
          <button type="button" className="link-button" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
            {t('Remove')}
          </button>
        </div>
      ))}
      <button type="button" className="link-button" onClick={() => onChange([...rows, { year: '', percent: '', source: '' }])}>
        {t('Add a step')}
      </button>
    </fieldset>
  );
}

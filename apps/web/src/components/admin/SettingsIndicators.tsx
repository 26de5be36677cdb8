import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { IndicatorSettingsResponse, IndicatorTargets } from '@mpm/contracts';
import { MINERALS, term, type Mineral } from '@mpm/domain';
import { domainLanguage } from '../../i18n/languages.ts';
import { useSettingsData } from '../../state/admin-settings-store.ts';
import { useSession } from '../../state/session-store.ts';
import { ProblemNotice } from '../ProblemNotice.tsx';
import { SaveOutcome, useSaving } from './SaveOutcome.tsx';
import { TargetStepRows, parseSteps, stepRows } from './TargetStepRows.tsx';

type Scalar = 'maxMines' | 'maxSandGravelClayMines' | 'expectedExtraction10kt';
type ByMineral = 'maxMinesByMineral' | 'expectedExtraction10ktByMineral';

/** Each number target: its label (a translation key), whether it counts mines (whole numbers), its largest value. */
const SCALARS: readonly { key: Scalar; label: string; whole: boolean; max?: number }[] = [
  { key: 'maxMines', label: 'Most mines, all minerals', whole: true },
  { key: 'maxSandGravelClayMines', label: 'Most sand, gravel and clay mines', whole: true },
  { key: 'expectedExtraction10kt', label: 'Extraction to reach (10 kt a year)', whole: false },
];
const BY_MINERAL: readonly { key: ByMineral; label: string; whole: boolean }[] = [
  { key: 'maxMinesByMineral', label: 'Most mines by mineral', whole: true },
  { key: 'expectedExtraction10ktByMineral', label: 'Extraction to reach by mineral (10 kt a year)', whole: false },
];

type Rows = { mineral: Mineral; text: string }[];

/** 规划指标: the plan's binding targets (mine counts, the large-and-medium share, extraction caps) the indicators are checked against. */
export function SettingsIndicators() {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const indicators = useSettingsData((s) => s.indicators);
  const loadAll = useSettingsData((s) => s.loadAll);
  return (
    <section className="plan-section" aria-labelledby="settings-indicators-title">
      <h3 id="settings-indicators-title">{t('Indicator targets')}</h3>
      <ProblemNotice problem={indicators.problem} onRetry={() => void loadAll(language)} />
      {indicators.data && (
        <>
          <p className="plan-note">{indicators.data.legalBasis[domainLanguage(language)]}</p>
          <IndicatorsForm key={indicators.data.version} settings={indicators.data} />
        </>
      )}
    </section>
  );
}

function IndicatorsForm({ settings }: { settings: IndicatorSettingsResponse }) {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const lang = domainLanguage(language);
  const saveIndicators = useSettingsData((s) => s.saveIndicators);
  const saving = useSaving('indicators');
  const current = settings.indicators;
  const [scalars, setScalars] = useState(() => Object.fromEntries(SCALARS.map(({ key }) => [key, String(current[key])])) as Record<Scalar, string>);
  const [maps, setMaps] = useState(
    () =>
      Object.fromEntries(
        BY_MINERAL.map(({ key }) => [key, Object.entries(current[key]).map(([mineral, value]) => ({ mineral: mineral as Mineral, text: String(value) }))]),
      ) as Record<ByMineral, Rows>,
  );
  const [ratioSteps, setRatioSteps] = useState(() => stepRows(current.largeMediumRatioSteps));
  const [sandGravelClay, setSandGravelClay] = useState<Mineral[]>(current.sandGravelClayMinerals);
  const [problem, setProblem] = useState<string | null>(null);

  /** The value of `text`, or a sentence saying what is wrong with it. */
  const parse = (text: string, label: string, whole: boolean, max?: number): number | string => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value) || value < 0 || (whole && !Number.isInteger(value)) || (max !== undefined && value > max)) {
      return whole ? t('{{field}}: give a whole number of 0 or more.', { field: label }) : t('{{field}}: give a number from 0 to {{max}}.', { field: label, max: max ?? '∞' });
    }
    return value;
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const next: Partial<IndicatorTargets> = {};
    for (const { key, label, whole, max } of SCALARS) {
      const value = parse(scalars[key], t(label), whole, max);
      if (typeof value === 'string') return setProblem(value);
      next[key] = value;
    }
    for (const { key, label, whole } of BY_MINERAL) {
      const map: Partial<Record<Mineral, number>> = {};
      for (const row of maps[key]) {
        const value = parse(row.text, `${t(label)} · ${term(row.mineral, lang)}`, whole);
        if (typeof value === 'string') return setProblem(value);
        map[row.mineral] = value;
      }
      next[key] = map;
    }
    const steps = parseSteps(ratioSteps, t);
    if (typeof steps === 'string') return setProblem(`${t('Least share of large and medium mines (%)')}: ${steps}`);
    next.largeMediumRatioSteps = steps;
    next.sandGravelClayMinerals = MINERALS.filter((m) => sandGravelClay.includes(m));
    const patch = Object.fromEntries(
      Object.entries(next).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(current[key as keyof IndicatorTargets])),
    );
    if (Object.keys(patch).length === 0) return setProblem(t('Nothing changed.'));
    setProblem(null);
    await saveIndicators(patch, language);
  }

  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-label={t('Indicator targets')}>
      <div className="settings-grid">
        {SCALARS.map(({ key, label }) => (
          <label key={key}>
            <span>
              {t(label)} <span className="admin-muted">{t('(plan: {{value}})', { value: settings.defaults[key] })}</span>
            </span>
            <input name={key} inputMode="decimal" value={scalars[key]} onChange={(event) => setScalars({ ...scalars, [key]: event.target.value })} />
          </label>
        ))}
      </div>
      <TargetStepRows legend={t('Least share of large and medium mines (%)')} rows={ratioSteps} onChange={setRatioSteps} />
      <p className="admin-muted">{t('(plan: {{value}})', { value: settings.defaults.largeMediumRatioSteps.map((s) => `${s.year ?? t('end of plan')}: ${s.percent}%`).join('; ') })}</p>
      {BY_MINERAL.map(({ key, label }) => (
        <MineralRows key={key} legend={t(label)} rows={maps[key]} onChange={(rows) => setMaps({ ...maps, [key]: rows })} />
      ))}
      <fieldset className="settings-fields">
        <legend>{t('Sand, gravel and clay minerals')}</legend>
        {MINERALS.map((mineral) => (
          <label key={mineral} className="settings-check">
            <input
              type="checkbox"
              checked={sandGravelClay.includes(mineral)}
              onChange={(event) => setSandGravelClay(event.target.checked ? [...sandGravelClay, mineral] : sandGravelClay.filter((m) => m !== mineral))}
            />
            {term(mineral, lang)}
          </label>
        ))}
      </fieldset>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <SaveOutcome section="indicators" />
      <div className="admin-form-actions">
        <button type="submit" className="primary-button" disabled={saving}>
          {t('Save indicator targets')}
        </button>
      </div>
    </form>
  );
}

/** A target per mineral: a row for each mineral that has one, a select to add another. */
function MineralRows({ legend, rows, onChange }: { legend: string; rows: Rows; onChange(rows: Rows): void }) {
  const { t } = useTranslation();
  const lang = domainLanguage(useSession((s) => s.language));
  const free = MINERALS.filter((m) => !rows.some((row) => row.mineral === m));
  return (
    <fieldset className="settings-fields">
      <legend>{legend}</legend>
      {rows.map((row, i) => (
        <div key={row.mineral} className="settings-row">
          <label>
            {term(row.mineral, lang)}
            <input inputMode="decimal" value={row.text} onChange={(event) => onChange(rows.map((r, j) => (j === i ? { ...r, text: event.target.value } : r)))} />
          </label>
          <button type="button" className="link-button" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
            {t('Remove')}
          </button>
        </div>
      ))}
      {free.length > 0 && (
        <select
          aria-label={t('Add a mineral')}
          value=""
          onChange={(event) => event.target.value && onChange([...rows, { mineral: event.target.value as Mineral, text: '0' }])}
        >
          <option value="">{t('Add a mineral…')}</option>
          {free.map((mineral) => (
            <option key={mineral} value={mineral}>
              {term(mineral, lang)}
            </option>
          ))}
        </select>
      )}
    </fieldset>
  );
}

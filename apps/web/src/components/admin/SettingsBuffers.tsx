import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BUFFER_KEYS, MAX_BUFFER_M, type BufferKey, type BufferSettings, type BufferSettingsResponse } from '@mpm/contracts';
import { domainLanguage } from '../../i18n/languages.ts';
import { useSettingsData } from '../../state/admin-settings-store.ts';
import { useSession } from '../../state/session-store.ts';
import { ProblemNotice } from '../ProblemNotice.tsx';
import { SaveOutcome, useSaving } from './SaveOutcome.tsx';

/** Each buffer's label, the key of its translation. */
const BUFFER_LABELS: Record<BufferKey, string> = {
  railwayM: 'Railway',
  nationalRoadM: 'National road',
  provincialRoadM: 'Provincial road',
  countyRoadM: 'County road',
  townshipRoadM: 'Township road',
  bridgeM: 'Bridge',
  tunnelPortalM: 'Tunnel portal',
  roadVisibleRangeM: 'Visible range of roads',
  riverVisibleRangeM: 'Visible range of rivers',
};

/** 缓冲距离: the widths around roads, railways and rivers the checks use, each beside the ruleset's default and its legal basis. */
export function SettingsBuffers() {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const buffers = useSettingsData((s) => s.buffers);
  const loadAll = useSettingsData((s) => s.loadAll);
  return (
    <section className="plan-section" aria-labelledby="settings-buffers-title">
      <h3 id="settings-buffers-title">{t('Buffer widths')}</h3>
      <p className="plan-note">{t('Widths in metres; they apply to the next check.')}</p>
      <ProblemNotice problem={buffers.problem} onRetry={() => void loadAll(language)} />
      {/* A new version (saved here or by someone else) starts the form again from what holds. */}
      {buffers.data && <BuffersForm key={buffers.data.version} settings={buffers.data} />}
    </section>
  );
}

function BuffersForm({ settings }: { settings: BufferSettingsResponse }) {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const lang = domainLanguage(language);
  const saveBuffers = useSettingsData((s) => s.saveBuffers);
  const saving = useSaving('buffers');
  const [texts, setTexts] = useState<Record<BufferKey, string>>(
    () => Object.fromEntries(BUFFER_KEYS.map((key) => [key, String(settings.buffers[key])])) as Record<BufferKey, string>,
  );
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const patch: Partial<BufferSettings> = {};
    for (const key of BUFFER_KEYS) {
      const value = Number(texts[key]);
      if (texts[key].trim() === '' || !Number.isFinite(value) || value < 0 || value > MAX_BUFFER_M) {
        setProblem(t('{{field}}: give a width from 0 to {{max}} m.', { field: t(BUFFER_LABELS[key]), max: MAX_BUFFER_M }));
        return;
      }
      if (value !== settings.buffers[key]) patch[key] = value;
    }
    setProblem(null);
    if (Object.keys(patch).length === 0) {
      setProblem(t('Nothing changed.'));
      return;
    }
    await saveBuffers(patch, language);
  }

  return (
    <form className="admin-form settings-grid" onSubmit={submit} noValidate aria-label={t('Buffer widths')}>
      {BUFFER_KEYS.map((key) => (
        <label key={key} title={settings.legalBasis[key][lang]}>
          <span>
            {t(BUFFER_LABELS[key])} <span className="admin-muted">{t('(default {{value}} m)', { value: settings.defaults[key] })}</span>
          </span>
          <input
            name={key}
            inputMode="decimal"
            value={texts[key]}
            onChange={(event) => setTexts({ ...texts, [key]: event.target.value })}
          />
        </label>
      ))}
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <SaveOutcome section="buffers" />
      <div className="admin-form-actions">
        <button type="submit" className="primary-button" disabled={saving}>
          {t('Save buffer widths')}
        </button>
      </div>
    </form>
  );
}

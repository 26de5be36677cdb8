import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_EXPIRING_WITHIN_DAYS } from '@mpm/contracts';
import { useSettingsData } from '../../state/admin-settings-store.ts';
import { useSession } from '../../state/session-store.ts';
import { ProblemNotice } from '../ProblemNotice.tsx';
import { SaveOutcome, useSaving } from './SaveOutcome.tsx';

/** 巡查设置: how many days before its end a licence shows as expiring in the register and the site card. */
export function SettingsInspection() {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const inspection = useSettingsData((s) => s.inspection);
  const loadAll = useSettingsData((s) => s.loadAll);
  const saveInspection = useSettingsData((s) => s.saveInspection);
  const saving = useSaving('inspection');
  const stored = inspection.data?.expiringWithinDays;
  const version = inspection.data?.version;
  // What the admin typed, over the version it was typed on: a new version shows what now holds.
  const [typed, setTyped] = useState<{ version: number | undefined; text: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const shown = typed && typed.version === version ? typed.text : stored === undefined ? '' : String(stored);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const days = Number(shown);
    if (shown.trim() === '' || !Number.isInteger(days) || days < 0 || days > MAX_EXPIRING_WITHIN_DAYS) {
      setProblem(t('Give a whole number of days from 0 to {{max}}.', { max: MAX_EXPIRING_WITHIN_DAYS }));
      return;
    }
    setProblem(null);
    if (await saveInspection({ expiringWithinDays: days }, language)) setTyped(null);
  }

  return (
    <section className="plan-section" aria-labelledby="settings-inspection-title">
      <h3 id="settings-inspection-title">{t('Expiring licences')}</h3>
      <ProblemNotice problem={inspection.problem} onRetry={() => void loadAll(language)} />
      {inspection.data && (
        <form className="admin-form" onSubmit={submit} noValidate aria-label={t('Expiring licences')}>
          <label>
            {t('A licence is expiring within this many days of its end')}
            <input name="expiringWithinDays" inputMode="numeric" value={shown} onChange={(event) => setTyped({ version, text: event.target.value })} />
          </label>
          {problem && (
            <p className="form-error" role="alert">
              {problem}
            </p>
          )}
          <SaveOutcome section="inspection" />
          <div className="admin-form-actions">
            <button type="submit" className="primary-button" disabled={saving}>
              {t('Save')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

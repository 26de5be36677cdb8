import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_MIN_BLOCK_AREA_M2 } from '@mpm/domain';
import { useSettingsData } from '../../state/admin-settings-store.ts';
import { useSession } from '../../state/session-store.ts';
import { ProblemNotice } from '../ProblemNotice.tsx';
import { SaveOutcome, useSaving } from './SaveOutcome.tsx';

/** 最小地块面积: a proposed block smaller than this is refused by the check, by saving and by the live check. */
export function SettingsBlocks() {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const blocks = useSettingsData((s) => s.blocks);
  const loadAll = useSettingsData((s) => s.loadAll);
  const saveBlocks = useSettingsData((s) => s.saveBlocks);
  const saving = useSaving('blocks');
  const stored = blocks.data?.minBlockAreaM2;
  const version = blocks.data?.version;
  // What the admin typed, over the version it was typed on: a new version shows what now holds.
  const [typed, setTyped] = useState<{ version: number | undefined; text: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const shown = typed && typed.version === version ? typed.text : stored === undefined ? '' : String(stored);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const areaM2 = Number(shown);
    if (shown.trim() === '' || !Number.isFinite(areaM2) || areaM2 < 0 || areaM2 > MAX_MIN_BLOCK_AREA_M2) {
      setProblem(t('Give an area from 0 to {{max}} m².', { max: MAX_MIN_BLOCK_AREA_M2 }));
      return;
    }
    setProblem(null);
    if (await saveBlocks({ minBlockAreaM2: areaM2 }, language)) setTyped(null);
  }

  return (
    <section className="plan-section" aria-labelledby="settings-blocks-title">
      <h3 id="settings-blocks-title">{t('Smallest block')}</h3>
      <ProblemNotice problem={blocks.problem} onRetry={() => void loadAll(language)} />
      {blocks.data && (
        <form className="admin-form" onSubmit={submit} noValidate aria-label={t('Smallest block')}>
          <label>
            {t('A block smaller than this is refused by the check and by saving, in m²')}
            <input name="minBlockAreaM2" inputMode="decimal" value={shown} onChange={(event) => setTyped({ version, text: event.target.value })} />
          </label>
          <p className="plan-note">
            {t('Default: {{area}} m², the smallest patch one can draw on a 1:10 000 sheet (2 mm × 2 mm); not a legal figure.', {
              area: blocks.data.defaultMinBlockAreaM2,
            })}
          </p>
          {problem && (
            <p className="form-error" role="alert">
              {problem}
            </p>
          )}
          <SaveOutcome section="blocks" />
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

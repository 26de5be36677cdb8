import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSettingsData, type SettingsSection } from '../../state/admin-settings-store.ts';
import { useSession } from '../../state/session-store.ts';
import { ProblemNotice } from '../ProblemNotice.tsx';
import { SettingsBuffers } from './SettingsBuffers.tsx';
import { SettingsIndicators } from './SettingsIndicators.tsx';
import { SettingsInspection } from './SettingsInspection.tsx';
import { SettingsLayers } from './SettingsLayers.tsx';
import { SettingsRestoration } from './SettingsRestoration.tsx';

/**
 * 设置: the county's settings that were API calls only, one section each: layer publication,
 * buffer widths, indicator targets, the expiring-licence window, and the restoration targets.
 * Every save is audited by the server and read by the other modes at once.
 */
export function SettingsView() {
  const language = useSession((s) => s.language);
  const loadAll = useSettingsData((s) => s.loadAll);

  useEffect(() => {
    void loadAll(language);
  }, [loadAll, language]);

  return (
    <div className="admin-settings">
      <SettingsLayers />
      <SettingsBuffers />
      <SettingsIndicators />
      <SettingsInspection />
      <SettingsRestoration />
    </div>
  );
}

/** Under a section's form: the server's refusal of its last save, or that it was saved. */
export function SaveOutcome({ section, layer }: { section: SettingsSection; layer?: string }) {
  const { t } = useTranslation();
  const action = useSettingsData((s) => (s.action?.section === section && s.action.layer === layer ? s.action : null));
  if (!action) return null;
  if (action.status === 'done') {
    return (
      <p className="admin-ok" role="status">
        {t('Saved.')}
      </p>
    );
  }
  return <ProblemNotice problem={action.problem} sentence={(message) => t('Not saved: {{message}}', { message })} />;
}

/** Whether a save of `section` is on its way (its button waits). */
export const useSaving = (section: SettingsSection) => useSettingsData((s) => s.action?.section === section && s.action.status === 'pending');

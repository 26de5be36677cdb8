import { useTranslation } from 'react-i18next';
import { useSettingsData, type SettingsSection } from '../../state/admin-settings-store.ts';
import { ProblemNotice } from '../ProblemNotice.tsx';

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

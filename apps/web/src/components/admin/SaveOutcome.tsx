import { useTranslation } from 'react-i18next';
import { useSettingsData, type SettingsSection } from '../../state/admin-settings-store.ts';
import type { Problem } from '../../state/resource.ts';
import { ProblemNotice } from '../ProblemNotice.tsx';

/** A save as a form shows it: on its way, done, or refused with the server's words. */
export interface SaveState {
  status: 'pending' | 'done' | 'problem';
  problem: Problem | null;
}

/** Under a form: the server's refusal of its last save, or that it was saved (nothing while none, or on its way). */
export function SaveOutcome(props: { section: SettingsSection; layer?: string } | { save: SaveState | null }) {
  const { t } = useTranslation();
  const settings = useSettingsData((s) =>
    'section' in props && s.action?.section === props.section && s.action.layer === props.layer ? s.action : null,
  );
  const action = 'save' in props ? props.save : settings;
  if (!action || action.status === 'pending') return null;
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

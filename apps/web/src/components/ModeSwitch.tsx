import { useTranslation } from 'react-i18next';
import { canPlan } from '../state/derived.ts';
import { useServerData } from '../state/server-store.ts';
import { useSession, type AppMode } from '../state/session-store.ts';

/** 地图 (browse) / 规划 (plan): shown only to users who may plan. */
export function ModeSwitch() {
  const { t } = useTranslation();
  const user = useServerData((s) => s.user);
  const mode = useSession((s) => s.mode);
  const setMode = useSession((s) => s.setMode);
  if (!canPlan(user)) return null;
  const modes: { mode: AppMode; label: string }[] = [
    { mode: 'browse', label: t('Map') },
    { mode: 'plan', label: t('Plan') },
  ];
  return (
    <div className="mode-switch" role="group" aria-label={t('Mode')}>
      {modes.map((entry) => (
        <button key={entry.mode} type="button" aria-pressed={mode === entry.mode} onClick={() => setMode(entry.mode)}>
          {entry.label}
        </button>
      ))}
    </div>
  );
}

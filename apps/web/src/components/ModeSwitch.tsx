import { useTranslation } from 'react-i18next';
import { activeMode, availableModes } from '../state/derived.ts';
import { useServerData } from '../state/server-store.ts';
import { useSession, type AppMode } from '../state/session-store.ts';

/** 地图 / 规划 / 巡查 / 公众 / 数据 / 管理: the modes this user may use; hidden when there is only one. */
export function ModeSwitch() {
  const { t } = useTranslation();
  const user = useServerData((s) => s.user);
  const mode = activeMode(
    useSession((s) => s.mode),
    user,
  );
  const setMode = useSession((s) => s.setMode);
  const modes = availableModes(user);
  if (modes.length < 2) return null;
  const labels: Record<AppMode, string> = {
    browse: t('Map'),
    plan: t('Plan'),
    inspect: t('Inspect'),
    public: t('Public'),
    data: t('Data'),
    admin: t('Admin'),
  };
  return (
    <div className="mode-switch" role="group" aria-label={t('Mode')}>
      {modes.map((entry) => (
        <button key={entry} type="button" aria-pressed={mode === entry} onClick={() => setMode(entry)}>
          {labels[entry]}
        </button>
      ))}
    </div>
  );
}

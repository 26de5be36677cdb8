import { useEffect } from 'react';
import { useSettingsData } from '../../state/admin-settings-store.ts';
import { useSession } from '../../state/session-store.ts';
import { SettingsBlocks } from './SettingsBlocks.tsx';
import { SettingsBuffers } from './SettingsBuffers.tsx';
import { SettingsIndicators } from './SettingsIndicators.tsx';
import { SettingsInspection } from './SettingsInspection.tsx';
import { SettingsLayers } from './SettingsLayers.tsx';
import { SettingsRestoration } from './SettingsRestoration.tsx';

/**
 * 设置: the county's settings that were API calls only, one section each: layer publication,
 * buffer widths, the minimum block area, indicator targets, the expiring-licence window, and the restoration targets.
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
      <SettingsBlocks />
      <SettingsIndicators />
      <SettingsInspection />
      <SettingsRestoration />
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import { ADMIN_TABS, useAdminSession, type AdminTab } from '../../state/admin-store.ts';
import { TabList } from '../TabList.tsx';
import { AuditView } from './AuditView.tsx';
import { RulesView } from './rules/RulesView.tsx';
import { LicencesView } from './licences/LicencesView.tsx';
import { ParcelsView } from './parcels/ParcelsView.tsx';
import { GreenMinesView } from './registers/GreenMinesView.tsx';
import { SanctionsView } from './registers/SanctionsView.tsx';
import { SettingsView } from './SettingsView.tsx';
import { UsersView } from './UsersView.tsx';
import './admin.css';

/**
 * 管理 mode's panel (admins): the registers the bureau keeps, one tab each: the users (用户管理),
 * the licence register (矿业权台账), the restoration parcel register (恢复治理图斑台账), the sanction list (异常名录) and the
 * green-mine directory (绿色矿山名录), the settings (设置), the county's ruleset (规则) and the audit log (审计日志).
 */
export function AdminPanel() {
  const { t } = useTranslation();
  const tab = useAdminSession((s) => s.tab);
  const setTab = useAdminSession((s) => s.setTab);
  const labels: Record<AdminTab, string> = {
    users: t('Users'),
    licences: t('Licence register'),
    parcels: t('Parcel register'),
    sanctions: t('Sanction list'),
    greenMines: t('Green mines'),
    settings: t('Settings'),
    rules: t('Rules'),
    audit: t('Audit log'),
  };
  return (
    <aside className="plan-panel admin-panel" aria-label={t('Administration')}>
      <header className="plan-panel-head">
        <h2 className="panel-title">{t('Administration')}</h2>
      </header>
      <TabList
        label={t('Administration')}
        tabs={ADMIN_TABS.map((id) => ({ id, label: labels[id] }))}
        selected={tab}
        onSelect={setTab}
        tabId={(id) => `admin-tab-${id}`}
        panelId={() => 'admin-body'}
      />
      <div className="tab-panel" id="admin-body" role="tabpanel" aria-labelledby={`admin-tab-${tab}`}>
        {tab === 'users' && <UsersView />}
        {tab === 'licences' && <LicencesView />}
        {tab === 'parcels' && <ParcelsView />}
        {tab === 'sanctions' && <SanctionsView />}
        {tab === 'greenMines' && <GreenMinesView />}
        {tab === 'settings' && <SettingsView />}
        {tab === 'rules' && <RulesView />}
        {tab === 'audit' && <AuditView />}
      </div>
    </aside>
  );
}

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { term } from '@mpm/domain';
import { domainLanguage } from '../../i18n/languages.ts';
import { INSPECT_TABS, useInspectSession, type InspectTab } from '../../state/inspect-session.ts';
import { useInspectData } from '../../state/inspect-store.ts';
import { useOverlayMeasure } from '../../state/map-overlay.ts';
import { useSession } from '../../state/session-store.ts';
import { UnitSwitch } from '../plan/AreaFigures.tsx';
import { TabList } from '../TabList.tsx';
import { CampaignsView } from './campaigns/CampaignsView.tsx';
import { LedgerView } from './ledger/LedgerView.tsx';
import { PatchesView } from './patches/PatchesView.tsx';
import { RightsRegister } from './rights/RightsRegister.tsx';
import { SiteView } from './site/SiteView.tsx';
import { SweepView } from './sweep/SweepView.tsx';
// The records first: the phone rules in inspect.css override them.
import '../../inspect-records.css';
import '../../inspect.css';

/**
 * Inspect mode's panel (巡查): site check, licence register, change patches, the sweep of
 * existing mines (存量矿山排查), the problem ledger and the campaigns (专项行动), one tab each.
 * Beside the map on a desktop; on a phone a bottom sheet that opens folded to its tab bar, so the
 * county stays in view, and unfolds with a tap or when a site is picked.
 */
export function InspectPanel() {
  const { t } = useTranslation();
  const lang = domainLanguage(useSession((s) => s.language));
  const tab = useInspectSession((s) => s.tab);
  const setTab = useInspectSession((s) => s.setTab);
  const sheetOpen = useInspectSession((s) => s.sheetOpen);
  const setSheetOpen = useInspectSession((s) => s.setSheetOpen);
  const panelRef = useOverlayMeasure<HTMLElement>();
  const siteStatus = useInspectData((s) => s.site.status);

  // A site picked while the phone's sheet is folded: unfold it to show the card.
  useEffect(() => {
    if (siteStatus === 'pending') useInspectSession.getState().setSheetOpen(true);
  }, [siteStatus]);
  const labels: Record<InspectTab, string> = {
    site: t('Site check'),
    rights: term('licenceRegister', lang),
    patches: t('Patches'),
    sweep: t('Sweep'),
    ledger: term('ledger', lang),
    campaigns: term('campaign', lang),
  };

  return (
    <aside ref={panelRef} className="plan-panel inspect-panel" aria-label={t('Inspection')} data-sheet-open={sheetOpen}>
      <header className="inspect-head">
        <button
          type="button"
          className="sheet-handle"
          aria-expanded={sheetOpen}
          aria-controls="inspect-body"
          onClick={() => setSheetOpen(!sheetOpen)}
        >
          <span className="sheet-grip" aria-hidden="true" />
          <span className="sheet-handle-text">{sheetOpen ? t('Fold the panel') : t('Unfold the panel')}</span>
        </button>
        <div className="plan-panel-head">
          <h2 className="panel-title">{t('Inspection')}</h2>
          <UnitSwitch lang={lang} />
        </div>
        <TabList
          className="tabs inspect-tabs"
          label={t('Inspection')}
          tabs={INSPECT_TABS.map((id) => ({ id, label: labels[id] }))}
          selected={tab}
          onSelect={setTab}
          tabId={(id) => `inspect-tab-${id}`}
          panelId={() => 'inspect-body'}
        />
      </header>
      <div className="inspect-body" id="inspect-body" role="tabpanel" aria-labelledby={`inspect-tab-${tab}`} hidden={!sheetOpen}>
        {tab === 'site' && <SiteView />}
        {tab === 'rights' && <RightsRegister />}
        {tab === 'patches' && <PatchesView />}
        {tab === 'sweep' && <SweepView />}
        {tab === 'ledger' && <LedgerView />}
        {tab === 'campaigns' && <CampaignsView />}
      </div>
    </aside>
  );
}

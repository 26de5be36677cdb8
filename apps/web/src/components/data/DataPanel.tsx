import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CollectionId } from '@mpm/domain';
import { domainLanguage } from '../../i18n/languages.ts';
import { DATA_TABS, useDataSession, type DataTab } from '../../state/data-session.ts';
import { availableLayers } from '../../state/derived.ts';
import { useServerData } from '../../state/server-store.ts';
import { useSession } from '../../state/session-store.ts';
import { useTransferData } from '../../state/transfer-store.ts';
import { TabList } from '../TabList.tsx';
import { CountySetup } from './CountySetup.tsx';
import { ExportForm } from './ExportForm.tsx';
import { FeatureEditor } from './FeatureEditor.tsx';
import { ImportForm } from './ImportForm.tsx';
import { ImportPreviewView } from './ImportPreviewView.tsx';
import { LayerSelect } from './LayerSelect.tsx';
import { RevisionList } from './RevisionList.tsx';

/**
 * Data mode's panel (数据管理, admins): the county's set-up, and for the chosen layer, import a
 * file (preview, mapping, commit), its revisions (restore), and export it.
 */
export function DataPanel() {
  const { t } = useTranslation();
  const lang = domainLanguage(useSession((s) => s.language));
  const layers = useServerData((s) => s.layers);
  // The county's profile is a setting (admins); a data manager keeps the layers.
  const isAdmin = useServerData((s) => s.user?.role === 'admin');
  const defs = useMemo(() => availableLayers(layers), [layers]);
  const tab = useDataSession((s) => s.tab);
  const setTab = useDataSession((s) => s.setTab);
  const layer = useDataSession((s) => s.layer);
  const setLayer = useDataSession((s) => s.setLayer);
  const clearPreview = useTransferData((s) => s.clearPreview);
  const labels: Record<DataTab, string> = { import: t('Import'), edit: t('Edit features'), revisions: t('Revisions'), export: t('Export') };

  const chooseLayer = (id: CollectionId) => {
    setLayer(id);
    clearPreview();
  };

  return (
    <aside className="plan-panel data-panel" aria-label={t('Data management')}>
      <header className="plan-panel-head">
        <h2 className="panel-title">{t('Data management')}</h2>
      </header>
      {isAdmin && <CountySetup lang={lang} />}
      <div className="data-field data-layer">
        <label htmlFor="data-layer">{t('Layer')}</label>
        <LayerSelect id="data-layer" layers={defs} value={layer} lang={lang} onChange={chooseLayer} />
      </div>
      <TabList
        label={t('Data management')}
        tabs={DATA_TABS.map((id) => ({ id, label: labels[id] }))}
        selected={tab}
        onSelect={setTab}
        tabId={(id) => `data-tab-${id}`}
        panelId={() => 'data-body'}
      />
      <div className="tab-panel" id="data-body" role="tabpanel" aria-labelledby={`data-tab-${tab}`}>
        {tab === 'import' && (
          <>
            <ImportForm />
            <ImportPreviewView lang={lang} />
          </>
        )}
        {tab === 'edit' && <FeatureEditor lang={lang} />}
        {tab === 'revisions' && <RevisionList lang={lang} />}
        {tab === 'export' && <ExportForm key={layer} lang={lang} layer={layer} />}
      </div>
    </aside>
  );
}

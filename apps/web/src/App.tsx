import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Header } from './components/Header.tsx';
import { LayerPanel } from './components/LayerPanel.tsx';
import { MapView } from './components/MapView.tsx';
import { problemText } from './components/ProblemNotice.tsx';
import { i18next } from './i18n/index.ts';
import { useWorkMemory } from './map/use-work-memory.ts';
import { activeMode } from './state/derived.ts';
import { useServerData } from './state/server-store.ts';
import { useSession } from './state/session-store.ts';
import { confirmLeaving } from './state/unsaved-work.ts';

/** Plan mode's panel, with the rules engine and its geometry, loaded when plan mode first opens. */
const PlanPanel = lazy(() => import('./components/plan/PlanPanel.tsx').then((m) => ({ default: m.PlanPanel })));
/** Inspect mode's panel (site card, licence register, patches, ledger). */
const InspectPanel = lazy(() =>
  import('./components/inspect/InspectPanel.tsx').then((m) => ({ default: m.InspectPanel })),
);
/** Data mode's panel (import, revisions and export of layers; admins). */
const DataPanel = lazy(() => import('./components/data/DataPanel.tsx').then((m) => ({ default: m.DataPanel })));
/** Administration mode's panel (users and the other registers; admins). */
const AdminPanel = lazy(() => import('./components/admin/AdminPanel.tsx').then((m) => ({ default: m.AdminPanel })));
/** Public mode's panel (restoration progress, charts, tip-offs). */
const PublicPanel = lazy(() => import('./components/public/PublicPanel.tsx').then((m) => ({ default: m.PublicPanel })));

/** The page: header on top, layer panel on the left, the map filling the rest, and the mode's panel on the right. */
export function App() {
  const language = useSession((s) => s.language);
  const panelOpen = useSession((s) => s.panelOpen);
  const setPanelOpen = useSession((s) => s.setPanelOpen);
  const load = useServerData((s) => s.load);
  const mode = activeMode(
    useSession((s) => s.mode),
    useServerData((s) => s.user),
  );

  useEffect(() => {
    void i18next.changeLanguage(language);
    document.documentElement.lang = language;
    document.title = i18next.t('Mineral resource plan map', { lng: language });
  }, [language]);

  useEffect(() => {
    void load(useSession.getState().language);
  }, [load]);

  useWorkMemory();

  // Leaving or reloading with unsaved work (a block, a proposal, a form) asks first.
  useEffect(() => {
    window.addEventListener('beforeunload', confirmLeaving);
    return () => window.removeEventListener('beforeunload', confirmLeaving);
  }, []);

  return (
    <div className="app">
      <Header />
      <div className="app-body">
        <LayerPanel />
        {panelOpen && <div className="panel-scrim" onClick={() => setPanelOpen(false)} aria-hidden="true" />}
        <main className="map-area">
          <MapView />
          <StatusBanner />
        </main>
        {mode !== 'browse' && (
          <Suspense fallback={<aside className="plan-panel" aria-busy="true" />}>
            {mode === 'plan' && <PlanPanel />}
            {mode === 'inspect' && <InspectPanel />}
            {mode === 'public' && <PublicPanel />}
            {mode === 'data' && <DataPanel />}
            {mode === 'admin' && <AdminPanel />}
          </Suspense>
        )}
      </div>
    </div>
  );
}

/** Loading and failure notices over the map. */
function StatusBanner() {
  const { t } = useTranslation();
  const status = useServerData((s) => s.status);
  const problem = useServerData((s) => s.problem);
  const load = useServerData((s) => s.load);
  const language = useSession((s) => s.language);
  const county = useServerData((s) => s.config?.county ?? null);
  const mode = activeMode(
    useSession((s) => s.mode),
    useServerData((s) => s.user),
  );
  if (status === 'loading') {
    return (
      <div className="status-banner" role="status">
        {t('Loading map data…')}
      </div>
    );
  }
  if (!problem) {
    // An empty product (started with LOAD_DEMO=false) says what to do, except to whoever is doing it.
    if (county !== null || mode === 'data') return null;
    return (
      <div className="status-banner" role="status">
        {t('No county has been set up yet. An administrator signs in and sets it up in Data mode.')}
      </div>
    );
  }
  const message = problemText(problem, t);
  return (
    <div className="status-banner status-error" role="alert">
      {t('Could not load the map data: {{message}}', { message })}
      <button type="button" className="link-button" onClick={() => void load(language)}>
        {t('Retry')}
      </button>
    </div>
  );
}

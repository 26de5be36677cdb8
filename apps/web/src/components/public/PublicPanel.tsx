import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { term } from '@mpm/domain';
import { domainLanguage } from '../../i18n/languages.ts';
import { useOverlayMeasure } from '../../state/map-overlay.ts';
import { usePublicSession, type PublicTab } from '../../state/public-session.ts';
import { asOfDate, restorationPublished, SUMMARY_FIELDS, usePublicData } from '../../state/public-store.ts';
import { useServerData } from '../../state/server-store.ts';
import { useSession } from '../../state/session-store.ts';
import { TabList, type Tab } from '../TabList.tsx';
import { yearRange } from './figures.ts';
import { ProgressView } from './ProgressView.tsx';
import { IndicatorsPanel, ReportBox } from './StaffView.tsx';
import { TipOffView } from './TipOffView.tsx';
import { StatusKey, YearSlider } from './YearSlider.tsx';
import '../../public.css';

/**
 * Public mode's panel (公众), for everyone: the year the map shows, restoration against the
 * targets (discrepancies flagged, table, charts, townships) and tip-offs. Staff also get the
 * progress report and the plan indicators. On a phone it is a bottom sheet that opens folded to its
 * head, with one button straight to the tip-off form.
 */
export function PublicPanel() {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const lang = domainLanguage(language);
  const user = useServerData((s) => s.user);
  const layers = useServerData((s) => s.layers);
  const published = restorationPublished(layers, user, SUMMARY_FIELDS);
  const year = usePublicSession((s) => s.year);
  const setYear = usePublicSession((s) => s.setYear);
  const tab = usePublicSession((s) => s.tab);
  const setTab = usePublicSession((s) => s.setTab);
  const sheetOpen = usePublicSession((s) => s.sheetOpen);
  const setSheetOpen = usePublicSession((s) => s.setSheetOpen);
  const picking = usePublicSession((s) => s.picking);
  const setPicking = usePublicSession((s) => s.setPicking);
  const openTipOff = usePublicSession((s) => s.openTipOff);
  const panelRef = useOverlayMeasure<HTMLElement>();
  const targets = usePublicData((s) => s.targets.data);
  const today = useMemo(() => new Date(), []);
  const range = yearRange(targets, today.getFullYear());
  const asOf = asOfDate(year, today);
  const shownTab: PublicTab = tab === 'staff' && !user ? 'progress' : tab;

  const loadSummary = () => void usePublicData.getState().loadSummary(asOf, language);
  const loadIndicators = () => void usePublicData.getState().loadIndicators(language);

  useEffect(() => {
    void usePublicData.getState().loadTargets(useSession.getState().language);
  }, []);

  // A year from a link may lie outside the plan's years: show the nearest one instead.
  useEffect(() => {
    if (!targets) return;
    if (year < range.min) setYear(range.min);
    else if (year > range.max) setYear(range.max);
  }, [targets, year, range.min, range.max, setYear]);

  useEffect(() => {
    if (published) void usePublicData.getState().loadSummary(asOf, useSession.getState().language);
  }, [asOf, published]);

  useEffect(() => {
    if (user) void usePublicData.getState().loadIndicators(useSession.getState().language);
    else usePublicData.getState().dropIndicators();
  }, [user]);

  const tabs: Tab<PublicTab>[] = [
    { id: 'progress', label: t('Progress') },
    { id: 'tipOff', label: term('tipOff', lang) },
    ...(user ? [{ id: 'staff' as const, label: t('Reports and indicators') }] : []),
  ];

  return (
    <aside ref={panelRef} className="public-panel" data-open={sheetOpen} data-tab={shownTab} aria-label={t('Restoration progress')}>
      <header className="public-head">
        <h2 className="panel-title">{t('Restoration progress')}</h2>
        {!(sheetOpen && shownTab === 'tipOff') && (
          <button type="button" className="tip-off-shortcut primary-button" onClick={openTipOff}>
            {t('Report a problem')}
          </button>
        )}
        <button
          type="button"
          className="sheet-toggle secondary-button"
          aria-expanded={sheetOpen}
          aria-controls="public-body"
          onClick={() => setSheetOpen(!sheetOpen)}
        >
          {sheetOpen ? t('Fold') : t('Unfold')}
        </button>
      </header>
      {picking && (
        <div className="picking-banner" role="status">
          <span>{t('Tap the place on the map.')}</span>
          <button type="button" className="link-button" onClick={() => setPicking(false)}>
            {t('Cancel')}
          </button>
        </div>
      )}
      <YearSlider min={range.min} max={range.max} asOf={asOf} />
      <StatusKey lang={lang} />
      <div id="public-body" className="public-body">
        <TabList
          className="public-tabs"
          label={t('Restoration progress')}
          tabs={tabs}
          selected={shownTab}
          onSelect={setTab}
          tabId={(id) => `public-tab-${id}`}
          panelId={(id) => `public-tabpanel-${id}`}
        />
        <div role="tabpanel" id="public-tabpanel-progress" aria-labelledby="public-tab-progress" hidden={shownTab !== 'progress'}>
          {published ? (
            <ProgressView year={year} lang={lang} onRetry={loadSummary} />
          ) : (
            layers && <p className="panel-note">{t('The county does not publish its restoration progress.')}</p>
          )}
        </div>
        <div role="tabpanel" id="public-tabpanel-tipOff" aria-labelledby="public-tab-tipOff" hidden={shownTab !== 'tipOff'}>
          <TipOffView lang={lang} />
        </div>
        {user && (
          <div role="tabpanel" id="public-tabpanel-staff" aria-labelledby="public-tab-staff" hidden={shownTab !== 'staff'}>
            <ReportBox lang={lang} today={today} />
            <IndicatorsPanel lang={lang} onRetry={loadIndicators} />
          </div>
        )}
      </div>
    </aside>
  );
}

import { useTranslation } from 'react-i18next';
import { MINERALS, term, type Mineral } from '@mpm/domain';
import { domainLanguage } from '../../../i18n/languages.ts';
import { useInspectSession, type SiteTool } from '../../../state/inspect-session.ts';
import { useInspectData } from '../../../state/inspect-store.ts';
import { useSession } from '../../../state/session-store.ts';
import { ProblemNotice } from '../../ProblemNotice.tsx';
import { CoordinateForm } from './CoordinateForm.tsx';
import { MyPositionButton } from './MyPositionButton.tsx';
import { SiteCard } from './SiteCard.tsx';
import { SiteFileInput } from './SiteFileInput.tsx';

/** The site tab: the ways to give a site, then its card. */
export function SiteView() {
  const { t } = useTranslation();
  const lang = domainLanguage(useSession((s) => s.language));
  const site = useInspectData((s) => s.site);
  const mineral = useInspectData((s) => s.mineral);
  const setMineral = useInspectData((s) => s.setMineral);

  return (
    <>
      <section className="plan-section site-input" aria-labelledby="site-input-title">
        <h3 id="site-input-title">{t('Site')}</h3>
        <SiteTools />
        <MyPositionButton />
        <details className="site-more">
          <summary>{t('Type coordinates')}</summary>
          <CoordinateForm />
        </details>
        <details className="site-more">
          <summary>{t('Upload a site polygon')}</summary>
          <SiteFileInput />
        </details>
        <label className="site-mineral">
          <span>{t('Mineral mined here (optional)')}</span>
          <select value={mineral} onChange={(e) => setMineral(e.target.value as Mineral | '')}>
            <option value="">{t('Not known')}</option>
            {MINERALS.map((m) => (
              <option key={m} value={m}>
                {term(m, lang)}
              </option>
            ))}
          </select>
        </label>
      </section>
      {site.status === 'pending' && (
        <p className="plan-note" role="status">
          {t('Checking the site…')}
        </p>
      )}
      {site.status === 'problem' && (
        <ProblemNotice problem={site.problem} sentence={(message) => t('The site could not be checked: {{message}}', { message })} />
      )}
      {site.status === 'done' && <SiteCard card={site.card} origin={site.origin} />}
    </>
  );
}

/** Pick on the map, draw a polygon, or just move the map. */
function SiteTools() {
  const { t } = useTranslation();
  const tool = useInspectSession((s) => s.tool);
  const setTool = useInspectSession((s) => s.setTool);
  const tools: { tool: SiteTool; label: string }[] = [
    { tool: 'pick', label: t('Pick on the map') },
    { tool: 'draw', label: t('Draw an area') },
    { tool: 'pan', label: t('Pan') },
  ];
  const hints: Record<SiteTool, string> = {
    pick: t('Tap the map where the site is.'),
    draw: t('Tap each corner of the area; tap the first corner again to close it.'),
    pan: t('Move the map, or tap it to see the features there.'),
  };
  return (
    <div className="site-tools">
      <div className="tool-buttons" role="group" aria-label={t('Map tool')}>
        {tools.map((entry) => (
          <button
            key={entry.tool}
            type="button"
            className="secondary-button"
            aria-pressed={tool === entry.tool}
            onClick={() => setTool(entry.tool)}
          >
            {entry.label}
          </button>
        ))}
      </div>
      <p className="plan-note">{hints[tool]}</p>
    </div>
  );
}

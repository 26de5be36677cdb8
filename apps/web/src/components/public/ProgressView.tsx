import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '@mpm/domain';
import { usePublicData } from '../../state/public-store.ts';
import { useSession } from '../../state/session-store.ts';
import { ProblemNotice } from '../ProblemNotice.tsx';
import { CampaignProgress } from './CampaignProgress.tsx';
import { Discrepancies } from './Discrepancies.tsx';
import { townshipFigures } from './figures.ts';
import { TargetTable } from './TargetTable.tsx';
import { TownshipTable } from './TownshipTable.tsx';
import { useCampaign } from './use-campaign.ts';

/** ECharts is large: it loads after the figures arrive, never before the map's first paint. */
const RestorationCharts = lazy(() => import('./RestorationCharts.tsx'));

/** The progress tab: discrepancies first, then targets against done, charts, townships, and the 四区两线 and by-mine figures. */
export function ProgressView({ year, lang, onRetry }: { year: number; lang: Language; onRetry(): void }) {
  const { t } = useTranslation();
  const { data: summary, status, problem } = usePublicData((s) => s.summary);
  const loading = status === 'loading';
  const figures = useMemo(() => (summary ? townshipFigures(summary.details) : []), [summary]);
  const language = useSession((s) => s.language);
  const campaign = useCampaign(summary?.asOf ?? '', language, Boolean(summary));

  return (
    <>
      {loading && !summary && (
        <p className="panel-note" role="status">
          {t('Loading the restoration figures…')}
        </p>
      )}
      <ProblemNotice
        problem={problem}
        sentence={(message) => t('Could not load {{what}}: {{message}}', { what: t('the restoration figures'), message })}
        onRetry={onRetry}
      />
      {summary && (
        <div className="progress-view" aria-busy={loading}>
          <Discrepancies discrepancies={summary.discrepancies} lang={lang} />
          <section className="public-section" aria-labelledby="targets-title">
            <h3 id="targets-title">{t('Restored against the target')}</h3>
            <TargetTable summary={summary} year={year} lang={lang} />
          </section>
          <Suspense
            fallback={
              <p className="panel-note" role="status">
                {t('Loading the charts…')}
              </p>
            }
          >
            <RestorationCharts summary={summary} lang={lang} />
          </Suspense>
          <section className="public-section" aria-labelledby="townships-title">
            <h3 id="townships-title">{t('By township')}</h3>
            <TownshipTable figures={figures} asOf={summary.asOf} lang={lang} />
          </section>
          <ProblemNotice
            problem={campaign.problem}
            sentence={(message) => t('Could not load {{what}}: {{message}}', { what: t('the four areas and two lines figures'), message })}
            onRetry={campaign.retry}
          />
          {campaign.data && <CampaignProgress campaign={campaign.data} lang={lang} />}
        </div>
      )}
    </>
  );
}

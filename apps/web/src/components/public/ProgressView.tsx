import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '@mpm/domain';
import { usePublicData } from '../../state/public-store.ts';
import { ProblemNotice } from '../ProblemNotice.tsx';
import { Discrepancies } from './Discrepancies.tsx';
import { townshipFigures } from './figures.ts';
import { TargetTable } from './TargetTable.tsx';
import { TownshipTable } from './TownshipTable.tsx';

/** ECharts is large: it loads after the figures arrive, never before the map's first paint. */
const RestorationCharts = lazy(() => import('./RestorationCharts.tsx'));

/** The progress tab: discrepancies first, then targets against done, charts, and townships. */
export function ProgressView({ year, lang, onRetry }: { year: number; lang: Language; onRetry(): void }) {
  const { t } = useTranslation();
  const { data: summary, status, problem } = usePublicData((s) => s.summary);
  const loading = status === 'loading';
  const figures = useMemo(() => (summary ? townshipFigures(summary.details) : []), [summary]);

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
        </div>
      )}
    </>
  );
}

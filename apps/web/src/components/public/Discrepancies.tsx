import { useTranslation } from 'react-i18next';
import type { RestorationDiscrepancy } from '@mpm/contracts';
import { term, type Language } from '@mpm/domain';
import { flaggedDiscrepancies, formatMu } from './figures.ts';

/**
 * Totals the county's document states that disagree with the sum of their parts, each flagged
 * with both figures and the difference: the page shows the disagreement rather than picking one.
 */
export function Discrepancies({ discrepancies, lang }: { discrepancies: readonly RestorationDiscrepancy[]; lang: Language }) {
  const { t } = useTranslation();
  const flagged = flaggedDiscrepancies(discrepancies);
  const agreeing = discrepancies.length - flagged.length;
  if (discrepancies.length === 0) return null;
  return (
    <div className="discrepancies">
      {flagged.length > 0 && (
        <div className="discrepancy-box" role="note" aria-labelledby="discrepancy-title">
          <h4 id="discrepancy-title">
            <span aria-hidden="true">⚠ </span>
            {term('discrepancy', lang)}
          </h4>
          <ul>
            {flagged.map((d) => (
              <li key={`${d.label.zh}|${d.fromYear}|${d.toYear}`} className="discrepancy" data-difference-mu={d.differenceMu}>
                <strong>{d.label[lang]}</strong>
                {lang === 'zh' ? '：' : ': '}
                {t('{{statedTotal}} {{stated}}, {{sumOfParts}} {{sum}}, a difference of {{difference}}', {
                  statedTotal: term('statedTotal', lang),
                  stated: formatMu(d.statedMu, lang),
                  sumOfParts: term('sumOfParts', lang),
                  sum: formatMu(d.sumOfPartsMu, lang),
                  difference: formatMu(Math.abs(d.differenceMu), lang),
                })}
                {d.source && (
                  <details className="discrepancy-source">
                    <summary>{t('Document source')}</summary>
                    {d.source}
                  </details>
                )}
              </li>
            ))}
          </ul>
          <p className="panel-note">{t('Both figures come from the county’s own document; neither is corrected here.')}</p>
        </div>
      )}
      {agreeing > 0 && (
        <p className="panel-note">{t('{{count}} other stated totals agree with the sum of their parts.', { count: agreeing })}</p>
      )}
    </div>
  );
}

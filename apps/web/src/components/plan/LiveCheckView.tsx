import { useTranslation } from 'react-i18next';
import { term, type Language } from '@mpm/domain';
import { planTerm } from '../../plan/plan-terms.ts';
import type { LiveCheck } from '../../state/live-check.ts';
import type { AreaUnit } from '../../state/session-store.ts';
import { AreaFigures } from './AreaFigures.tsx';
import { FindingsList } from './FindingsList.tsx';
import { IndicatorTable } from './IndicatorTable.tsx';
import { OutcomeBadge } from './OutcomeBadge.tsx';

/** The browser's instant check of the block: approximate area, findings, indicators. */
export function LiveCheckView({ live, lang, unit }: { live: LiveCheck; lang: Language; unit: AreaUnit }) {
  const { t } = useTranslation();
  return (
    <section className="plan-section live-check" aria-labelledby="live-check-title">
      <h3 id="live-check-title">{t('Live check')}</h3>
      <AreaFigures area={live.area} lang={lang} approximate />
      {live.refusal && (
        <p className="form-error live-refusal" role="alert">
          {live.refusal[lang]}
        </p>
      )}
      {live.errors.length > 0 && (
        <div className="measure-errors" role="alert">
          <p>{t('Some features could not be measured in the browser; a finding may be missing there. The server check is authoritative.')}</p>
          <ul>
            {live.errors.map((error, i) => (
              <li key={i}>
                {term(error.collection, lang)}: {planTerm(error.message, lang)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {live.verdict ? (
        <>
          <p className="worst-outcome">
            {live.verdict.worst ? (
              <>
                {t('Worst outcome')} <OutcomeBadge outcome={live.verdict.worst} lang={lang} />
              </>
            ) : (
              t('No conflict found.')
            )}
          </p>
          <FindingsList findings={live.verdict.findings} lang={lang} unit={unit} />
          <h4 className="indicators-title">{t('Plan indicators')}</h4>
          <IndicatorTable before={live.verdict.indicators.before} after={live.verdict.indicators.after} lang={lang} />
        </>
      ) : (
        !live.refusal && <p className="plan-note">{t('Enter the planned capacity to see the findings.')}</p>
      )}
    </section>
  );
}

import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportPeriod as ReportPeriodKey } from '@mpm/domain';
import { REPORT_PERIOD_TERMS, REPORT_PERIODS, term, type Language } from '@mpm/domain';
import type { Indicator } from '@mpm/contracts';
import { progressReportUrl } from '../../api/public.ts';
import { usePublicData } from '../../state/public-store.ts';
import { useSession } from '../../state/session-store.ts';
import { IndicatorStateBadge, TargetStep, indicatorTitle, withIndicatorUnit } from '../plan/IndicatorParts.tsx';
import { AsOfField } from '../AsOfField.tsx';
import { ProblemNotice } from '../ProblemNotice.tsx';

/** Up to one decimal, grouped. */
const valueOf = (indicator: Indicator, value: number, lang: Language): string =>
  withIndicatorUnit(indicator, value.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 1 }), lang);

/** The progress report (PDF) for a month, a half-year or a year: a link the browser opens. */
export function ReportBox({ lang, today }: { lang: Language; today: Date }) {
  const { t } = useTranslation();
  const id = useId();
  const [period, setPeriod] = useState<ReportPeriodKey>('month');
  const [year, setYear] = useState(today.getFullYear());
  const [month, setMonth] = useState(today.getMonth() + 1);
  const [half, setHalf] = useState(today.getMonth() < 6 ? 1 : 2);
  const href = progressReportUrl({ period, year, month, half, lang });
  const yearOk = Number.isInteger(year) && year >= 1949 && year <= 2200;
  return (
    <section className="public-section report-box" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('Progress report')}</h3>
      <div className="report-fields">
        <div className="report-field">
          <label htmlFor={`${id}-period`}>{t('Period')}</label>
          <select id={`${id}-period`} value={period} onChange={(event) => setPeriod(event.target.value as ReportPeriodKey)}>
            {REPORT_PERIODS.map((p) => (
              <option key={p} value={p}>
                {term(REPORT_PERIOD_TERMS[p], lang)}
              </option>
            ))}
          </select>
        </div>
        <div className="report-field">
          <label htmlFor={`${id}-year`}>{t('Year of the report')}</label>
          <input
            id={`${id}-year`}
            type="number"
            min={1949}
            max={2200}
            value={year}
            onChange={(event) => setYear(Number(event.target.value))}
          />
        </div>
        {period === 'month' && (
          <div className="report-field">
            <label htmlFor={`${id}-month`}>{t('Month')}</label>
            <select id={`${id}-month`} value={month} onChange={(event) => setMonth(Number(event.target.value))}>
              {Array.from({ length: 12 }, (_, i) => (
                <option key={i + 1} value={i + 1}>
                  {t('Month {{month}}', { month: i + 1 })}
                </option>
              ))}
            </select>
          </div>
        )}
        {period === 'halfYear' && (
          <div className="report-field">
            <label htmlFor={`${id}-half`}>{t('Half')}</label>
            <select id={`${id}-half`} value={half} onChange={(event) => setHalf(Number(event.target.value))}>
              <option value={1}>{t('First half (January–June)')}</option>
              <option value={2}>{t('Second half (July–December)')}</option>
            </select>
          </div>
        )}
      </div>
      {yearOk ? (
        <a className="primary-button report-link" href={href} target="_blank" rel="noopener">
          {t('Open the report (PDF)')}
        </a>
      ) : (
        <p className="form-error">{t('Enter a year such as {{year}}.', { year: today.getFullYear() })}</p>
      )}
    </section>
  );
}

/**
 * The plan's binding indicators (staff) today, or on the licence register as it stood on a past
 * day (截至日期): value against target, with met / at risk / missed.
 */
export function IndicatorsPanel({ lang, onRetry }: { lang: Language; onRetry(): void }) {
  const { t } = useTranslation();
  const { data, status, problem } = usePublicData((s) => s.indicators);
  const asOf = usePublicData((s) => s.indicatorsAsOf);
  const language = useSession((s) => s.language);
  const loading = status === 'loading';
  return (
    <section className="public-section" aria-labelledby="indicators-title">
      <h3 id="indicators-title">{t('Plan indicators')}</h3>
      <AsOfField name="indicators-as-of" value={asOf} onChange={(day) => void usePublicData.getState().loadIndicators(language, day)} />
      {loading && !data && <p className="panel-note">{t('Loading the indicators…')}</p>}
      <ProblemNotice
        problem={problem}
        sentence={(message) => t('Could not load {{what}}: {{message}}', { what: t('the indicators'), message })}
        onRetry={onRetry}
      />
      {data && (
        <>
          <p className="panel-note" role="status">
            {t('As of {{date}}, from the rights on record.', { date: data.asOf })}
          </p>
          <div className="table-scroll">
            <table className="public-table indicator-table">
              <thead>
                <tr>
                  <th scope="col">{t('Indicator')}</th>
                  <th scope="col">{t('Target')}</th>
                  <th scope="col">{t('Now')}</th>
                </tr>
              </thead>
              <tbody>
                {data.indicators.map((indicator) => (
                  <tr key={indicator.id} data-indicator-id={indicator.id} data-state={indicator.state}>
                    <th scope="row">{indicatorTitle(indicator, lang)}</th>
                    <td className="num">
                      {indicator.kind === 'max' ? '≤ ' : '≥ '}
                      {valueOf(indicator, indicator.target, lang)}
                <TargetStep indicator={indicator} lang={lang} />
                    </td>
                    <td className="num">
                      {valueOf(indicator, indicator.value, lang)}{' '}
                      <IndicatorStateBadge state={indicator.state} lang={lang} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

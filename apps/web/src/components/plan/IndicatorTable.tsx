import { useTranslation } from 'react-i18next';
import type { Language } from '@mpm/domain';
import type { Indicator } from '@mpm/rules';
import { formatNumber } from '../../plan/format.ts';
import { IndicatorStateBadge, TargetStep, indicatorTitle, withIndicatorUnit } from './IndicatorParts.tsx';

/** Counts as they are; percentages and 万吨/年 to one decimal. */
const valueOf = (indicator: Indicator, value: number, lang: Language): string =>
  withIndicatorUnit(indicator, indicator.unit === 'count' ? String(value) : formatNumber(value, lang, 1), lang);

/** The plan's binding indicators before and after the proposal, each with its state. */
export function IndicatorTable({ before, after, lang }: { before: readonly Indicator[]; after: readonly Indicator[]; lang: Language }) {
  const { t } = useTranslation();
  return (
    <table className="indicator-table">
      <thead>
        <tr>
          <th scope="col">{t('Indicator')}</th>
          <th scope="col">{t('Target')}</th>
          <th scope="col">{t('Now')}</th>
          <th scope="col">{t('After')}</th>
        </tr>
      </thead>
      <tbody>
        {after.map((indicator, i) => {
          const previous = before[i];
          return (
            <tr key={indicator.id} data-indicator-id={indicator.id} data-state={indicator.state}>
              <th scope="row">{indicatorTitle(indicator, lang)}</th>
              <td>
                {indicator.kind === 'max' ? '≤ ' : '≥ '}
                {valueOf(indicator, indicator.target, lang)}
                <TargetStep indicator={indicator} lang={lang} />
              </td>
              <td>
                {previous ? valueOf(previous, previous.value, lang) : '–'}
                {previous && <IndicatorStateBadge state={previous.state} lang={lang} />}
              </td>
              <td className={previous && previous.value !== indicator.value ? 'indicator-changed' : undefined}>
                {valueOf(indicator, indicator.value, lang)}
                <IndicatorStateBadge state={indicator.state} lang={lang} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

import { useTranslation } from 'react-i18next';
import { MINERALS, term, type Language, type Mineral } from '@mpm/domain';
import type { Indicator, IndicatorState } from '@mpm/rules';
import { formatNumber } from '../../plan/format.ts';
import { planTerm } from '../../plan/plan-terms.ts';

const STATE_SYMBOLS: Record<IndicatorState, string> = { met: '✓', atRisk: '!', missed: '✗' };

/** `mineCount.brickClay` → the indicator's title with the mineral: 矿山数量（砖瓦用粘土）. */
function titleOf(indicator: Indicator, lang: Language): string {
  const title = planTerm(indicator.title, lang);
  const mineral = indicator.id.split('.')[1];
  if (!mineral || !MINERALS.includes(mineral as Mineral)) return title;
  const name = term(mineral as Mineral, lang);
  return lang === 'zh' ? `${title}（${name}）` : `${title} (${name})`;
}

function valueOf(indicator: Indicator, value: number, lang: Language): string {
  if (indicator.unit === 'percent') return `${formatNumber(value, lang, 1)}%`;
  if (indicator.unit === '10kt') return `${formatNumber(value, lang, 1)} ${term('unit10ktPerYear', lang)}`;
  const unit = term('unitCount', lang);
  return unit ? `${value} ${unit}` : String(value);
}

/** The plan's binding indicators before and after the proposal, each with its state. */
export function IndicatorTable({ before, after, lang }: { before: readonly Indicator[]; after: readonly Indicator[]; lang: Language }) {
  const { t } = useTranslation();
  const State = ({ state }: { state: IndicatorState }) => (
    <span className="indicator-state" data-state={state}>
      <span aria-hidden="true">{STATE_SYMBOLS[state]}</span> {term(state, lang)}
    </span>
  );
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
              <th scope="row">{titleOf(indicator, lang)}</th>
              <td>
                {indicator.kind === 'max' ? '≤ ' : '≥ '}
                {valueOf(indicator, indicator.target, lang)}
              </td>
              <td>
                {previous ? valueOf(previous, previous.value, lang) : '–'}
                {previous && <State state={previous.state} />}
              </td>
              <td className={previous && previous.value !== indicator.value ? 'indicator-changed' : undefined}>
                {valueOf(indicator, indicator.value, lang)}
                <State state={indicator.state} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

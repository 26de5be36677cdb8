import type { Indicator } from '@mpm/contracts';
import { MINERALS, term, type Language, type Mineral } from '@mpm/domain';

const STATE_SYMBOLS: Record<Indicator['state'], string> = { met: '✓', atRisk: '!', missed: '✗' };

/** `mineCount.brickClay` → the indicator's title with the mineral: 矿山数量（砖瓦用粘土）. */
export function indicatorTitle(indicator: Pick<Indicator, 'id' | 'title'>, lang: Language): string {
  const title = indicator.title[lang];
  const mineral = indicator.id.split('.')[1];
  if (!mineral || !MINERALS.includes(mineral as Mineral)) return title;
  const name = term(mineral as Mineral, lang);
  return lang === 'zh' ? `${title}（${name}）` : `${title} (${name})`;
}

/** A figure of the indicator, already written as `number`, with the indicator's unit: `45%`, `12 万吨/年`, `3 个`. */
export function withIndicatorUnit(indicator: Pick<Indicator, 'unit'>, number: string, lang: Language): string {
  if (indicator.unit === 'percent') return `${number}%`;
  if (indicator.unit === '10kt') return `${number} ${term('unit10ktPerYear', lang)}`;
  const unit = term('unitCount', lang);
  return unit ? `${number} ${unit}` : number;
}

/** Met / at risk / missed, with its symbol (the table's colour is not the only sign). */
export function IndicatorStateBadge({ state, lang }: { state: Indicator['state']; lang: Language }) {
  return (
    <span className="indicator-state" data-state={state}>
      <span aria-hidden="true">{STATE_SYMBOLS[state]}</span> {term(state, lang)}
    </span>
  );
}

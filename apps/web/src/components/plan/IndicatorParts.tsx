import type { Indicator } from '@mpm/contracts';
import { MINERALS, term, type Language, type Mineral } from '@mpm/domain';

const STATE_SYMBOLS: Record<Indicator['state'], string> = { met: '✓', atRisk: '!', missed: '✗' };

/**
 * `mineCount.brickClay` → the indicator's title with the mineral: 矿山数量（砖瓦用粘土）; an
 * expected total says so and what its figure is: 开采总量（煤炭，预期性，按设计生产能力）.
 */
export function indicatorTitle(indicator: Pick<Indicator, 'id' | 'title' | 'nature' | 'basis' | 'outputYear'>, lang: Language): string {
  const title = indicator.title[lang];
  const mineral = indicator.id.split('.')[1];
  const notes = [
    ...(mineral && MINERALS.includes(mineral as Mineral) ? [term(mineral as Mineral, lang)] : []),
    ...(indicator.nature === 'expected' ? [term('expected', lang)] : []),
    ...(indicator.basis === 'designCapacity' ? [term('designCapacity', lang)] : []),
    ...(indicator.basis === 'actualOutput' ? [lang === 'zh' ? `${indicator.outputYear}年${term('actualOutput', lang)}` : `${term('actualOutput', lang)} ${indicator.outputYear}`] : []),
  ];
  if (notes.length === 0) return title;
  return lang === 'zh' ? `${title}（${notes.join('，')}）` : `${title} (${notes.join(', ')})`;
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

/**
 * A staged target's step judged (到2022年底 / by the end of 2022; 规划期末 when the step gives no
 * year), the source as its title, and the whole series in a note: nothing for a single-figure target.
 */
export function TargetStep({ indicator, lang }: { indicator: Pick<Indicator, 'targetYear' | 'targetSource' | 'steps'>; lang: Language }) {
  if (indicator.targetYear === undefined) return null;
  const due = (year: number | null) =>
    year === null ? (lang === 'zh' ? '规划期末' : 'end of the plan') : lang === 'zh' ? `到${year}年底` : `by the end of ${year}`;
  const series = (indicator.steps ?? []).map((s) => `${due(s.year)} ${s.percent}%`).join(lang === 'zh' ? '；' : '; ');
  return (
    <span className="indicator-step" title={indicator.targetSource} data-target-year={indicator.targetYear ?? 'end'}>
      {' '}
      <span className="admin-muted">({due(indicator.targetYear)})</span>
      {(indicator.steps?.length ?? 0) > 1 && <span className="indicator-steps admin-muted"> {series}</span>}
    </span>
  );
}

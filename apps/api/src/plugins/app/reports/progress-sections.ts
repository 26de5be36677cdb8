import { isDiscrepancy, term, type Language, type MineCategory, type Mineral } from '@mpm/domain';
import type { Indicator, IndicatorsResponse, RestorationDiscrepancy } from '@mpm/contracts';
import { e, fixed } from './html.ts';
import type { ProgressHeadline, ProgressRow, TownshipProgressRow } from './progress-figures.ts';
import { say } from './progress-terms.ts';

const categories = (list: readonly MineCategory[], lang: Language) => list.map((c) => term(c, lang)).join(lang === 'zh' ? '、' : ' + ');
const mu = (value: number) => fixed(value, 2);
const pct = (value: number | null) => (value === null ? '—' : fixed(value, 1));
const th = (...labels: string[]) => labels.map((l) => `<th>${e(l)}</th>`).join('');
/** Text in brackets as each language writes them. */
const paren = (text: string, lang: Language) => (lang === 'zh' ? `（${text}）` : ` (${text})`);
/** A compact figure: no trailing zeros, grouped thousands. */
const figure = (value: number, lang: Language) =>
  value.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 2 });

/** The headline figures as a grid of labelled boxes. */
export function headlineSection(h: ProgressHeadline, lang: Language): string {
  const unit = ` ${term('unitMu', lang)}`;
  const boxes: [label: string, value: string][] = [
    [say('yearTarget', lang, { year: h.year }), `${figure(h.yearTargetMu, lang)}${unit}`],
    [say('yearDone', lang, { year: h.year }), `${figure(h.yearDoneToDateMu, lang)}${unit}${h.yearPercent === null ? '' : paren(`${pct(h.yearPercent)}%`, lang)}`],
    [say('doneInPeriod', lang), `${figure(h.doneInPeriodMu, lang)}${unit}`],
    [say('allTargets', lang), `${figure(h.allTargetMu, lang)} / ${figure(h.allDoneToDateMu, lang)}${unit}`],
    [say('parcelsFinished', lang), `${h.parcelsFinishedInPeriod} ${say('parcelsUnit', lang)}`.trim()],
    [say('discrepancyCount', lang), `${h.discrepancies} ${say('itemsUnit', lang)}`.trim()],
  ];
  const cells = boxes.map(([label, value]) => `<td><div class="label">${e(label)}</div><div class="value">${e(value)}</div></td>`);
  return `<table class="headline"><tr>${cells.slice(0, 3).join('')}</tr><tr>${cells.slice(3).join('')}</tr></table>`;
}

/** Target, done in the period, done to date and % of target per year and category; the report's year highlighted. */
export function yearSection(rows: readonly ProgressRow[], year: number, lang: Language): string {
  if (rows.length === 0) return `<p>${e(say('noTargets', lang))}</p>`;
  const body = rows.map(
    (r) =>
      `<tr${r.year === year ? ' class="current"' : ''}><td class="num">${r.year}</td><td>${e(categories(r.categories, lang))}</td>` +
      `<td class="num">${mu(r.targetMu)}</td><td class="num">${mu(r.plannedMu)}</td><td class="num">${mu(r.doneInPeriodMu)}</td>` +
      `<td class="num">${mu(r.doneToDateMu)}</td><td class="num">${pct(r.percentOfTarget)}</td></tr>`,
  );
  const total = (pick: (r: ProgressRow) => number) => rows.reduce((s, r) => s + pick(r), 0);
  const [target, done] = [total((r) => r.targetMu), total((r) => r.doneToDateMu)];
  const totalRow =
    `<tr class="total"><td colspan="2">${e(say('total', lang))}</td><td class="num">${mu(target)}</td><td class="num">${mu(total((r) => r.plannedMu))}</td>` +
    `<td class="num">${mu(total((r) => r.doneInPeriodMu))}</td><td class="num">${mu(done)}</td>` +
    `<td class="num">${pct(target > 0 ? (100 * done) / target : null)}</td></tr>`;
  return (
    `<table class="figures"><colgroup><col class="c-year"><col><col class="c-mu"><col class="c-mu"><col class="c-mu"><col class="c-mu"><col class="c-pct"></colgroup>` +
    `<thead><tr>${th(say('year', lang), say('category', lang), say('targetMu', lang), say('plannedMu', lang), say('doneInPeriodMu', lang), say('doneToDateMu', lang), say('percentOfTarget', lang))}</tr></thead>` +
    `<tbody>${body.join('')}${totalRow}</tbody></table>`
  );
}

/** Planned area, done in the period, done to date and parcels by township and category. */
export function townshipSection(rows: readonly TownshipProgressRow[], lang: Language): string {
  if (rows.length === 0) return `<p>${e(say('noParcels', lang))}</p>`;
  const spans = new Map<string, number>();
  for (const r of rows) spans.set(r.townshipCode, (spans.get(r.townshipCode) ?? 0) + 1);
  const body = rows.map((r, i) => {
    const first = i === 0 || rows[i - 1].townshipCode !== r.townshipCode;
    const name = first ? `<td rowspan="${spans.get(r.townshipCode)}">${e(r.townshipName)}</td>` : '';
    return (
      `<tr>${name}<td>${e(term(r.category, lang))}</td><td class="num">${mu(r.plannedMu)}</td><td class="num">${mu(r.doneInPeriodMu)}</td>` +
      `<td class="num">${mu(r.doneToDateMu)}</td><td class="num">${r.parcels}</td></tr>`
    );
  });
  return (
    `<table class="figures"><colgroup><col class="c-township"><col><col class="c-mu"><col class="c-mu"><col class="c-mu"><col class="c-pct"></colgroup>` +
    `<thead><tr>${th(say('township', lang), say('category', lang), say('plannedMu', lang), say('doneInPeriodMu', lang), say('doneToDateMu', lang), say('parcels', lang))}</tr></thead>` +
    `<tbody>${body.join('')}</tbody></table>`
  );
}

/**
 * The stated totals that disagree with the sum of their parts, flagged with the difference and
 * where the document states them; the ones that agree are counted below the table.
 */
export function discrepancySection(discrepancies: readonly RestorationDiscrepancy[], lang: Language): string {
  if (discrepancies.length === 0) return `<p>${e(say('noStatedTotals', lang))}</p>`;
  const off = discrepancies.filter((d) => isDiscrepancy(d.differenceMu));
  const agreeing = discrepancies.length - off.length;
  const body = off.map(
    (d) =>
      `<tr><td><b>${e(d.label[lang])}</b><span class="flag">${e(paren(say('disagrees', lang), lang))}</span><br>` +
      `<span class="small">${e(categories(d.categories, lang))}</span><br><span class="small source">${e(d.source)}</span></td>` +
      `<td class="num">${d.fromYear}—${d.toYear}</td><td class="num">${mu(d.statedMu)}</td><td class="num">${mu(d.sumOfPartsMu)}</td>` +
      `<td class="num flag">${mu(d.differenceMu)}</td></tr>`,
  );
  const table = off.length
    ? `<table class="figures discrepancies"><colgroup><col><col class="c-years"><col class="c-mu"><col class="c-mu"><col class="c-mu"></colgroup>` +
      `<thead><tr>${th(say('item', lang), say('years', lang), say('statedTotal', lang), say('sumOfParts', lang), say('difference', lang))}</tr></thead>` +
      `<tbody>${body.join('')}</tbody></table>`
    : '';
  const rest = agreeing ? `<p class="note">${e(say('agreeingTotals', lang, { n: agreeing }))}</p>` : '';
  return `${table}${rest}<p class="note">${e(say('discrepancyNote', lang))}</p>`;
}

const UNIT: Record<Indicator['unit'], Record<Language, string>> = {
  count: { zh: '个', en: '' },
  percent: { zh: '%', en: '%' },
  '10kt': { zh: term('unit10ktPerYear', 'zh'), en: term('unit10ktPerYear', 'en') },
};

function indicatorTitle(indicator: Indicator, lang: Language): string {
  const mineral = indicator.id.split('.')[1] as Mineral | undefined;
  const title = indicator.title[lang];
  // An expected total (开采总量 达到) says so and whether its figure is capacity or output.
  const notes = [
    ...(mineral ? [term(mineral, lang)] : []),
    ...(indicator.nature === 'expected' ? [term('expected', lang)] : []),
    ...(indicator.basis ? [term(indicator.basis, lang)] : []),
  ];
  return notes.length ? `${title}${paren(notes.join(lang === 'zh' ? '，' : ', '), lang)}` : title;
}

/** A staged target's step: the year it is due by, its source (as the document words it). */
function stepNote(i: Indicator, lang: Language): string {
  if (i.targetYear === undefined) return '';
  const due = i.targetYear === null ? say('byPlanEnd', lang) : say('byEndOf', lang, { year: i.targetYear });
  return `${due}${i.targetSource ? ` — ${i.targetSource}` : ''}`;
}

/** The plan's indicators: value, target (a staged one's step in force on the report's day) and state. */
export function indicatorSection(response: IndicatorsResponse, lang: Language): string {
  if (response.indicators.length === 0) return `<p>${e(say('noIndicators', lang))}</p>`;
  const body = response.indicators.map((i) => {
    const unit = UNIT[i.unit][lang];
    const bound = say(i.kind === 'max' ? 'atMost' : 'atLeast', lang);
    return (
      `<tr><td>${e(indicatorTitle(i, lang))}</td><td>${e(`${bound} ${i.target} ${unit}`.trim() + stepNote(i, lang))}</td>` +
      `<td class="num">${e(`${i.value} ${unit}`.trim())}</td><td class="state-${i.state}">${e(term(i.state, lang))}</td></tr>`
    );
  });
  const ended = response.periodEnded ? `<p class="note">${e(say('planPeriodEnded', lang))}</p>` : '';
  return (
    `<table class="indicators"><thead><tr>${th(say('indicator', lang), say('planTarget', lang), say('currentValue', lang), say('state', lang))}</tr></thead>` +
    `<tbody>${body.join('')}</tbody></table>` +
    `<p class="note">${e(say('indicatorsAsOf', lang, { asOf: response.asOf, ruleset: response.rulesetId }))}</p>${ended}`
  );
}

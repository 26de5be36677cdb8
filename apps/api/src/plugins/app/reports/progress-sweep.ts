import { SWEEP_PROBLEMS, term, type Language } from '@mpm/domain';
import type { SweepFinding } from '@mpm/contracts';
import type { Bilingual } from '../../../http/errors.ts';
import type { RunRow } from '../sweep/sweep-repository.ts';
import { chinaDateTime } from './china-time.ts';
import { e, fillTemplate } from './html.ts';

/** The sweep section's own words (the problems' names come from the glossary). */
const TEXT = {
  title: { zh: '九、存量矿山排查', en: '9. Sweep of existing mines' },
  run: {
    zh: '截至 {asOf} 的最近一次排查：{ranAt}（北京时间）{how}，按 {day} 的登记状态排查矿业权 {rights} 个（规则集第 {version} 版）。',
    en: 'The latest sweep by {asOf}: {ranAt} (China time), {how}; {rights} rights judged as registered on {day} (ruleset version {version}).',
  },
  manual: { zh: '由 {who} 发起', en: 'run by {who}' },
  scheduled: { zh: '按计划自动排查', en: 'run by the schedule' },
  none: { zh: '截至该日尚未开展存量矿山排查。', en: 'No sweep had been run by then.' },
  clean: { zh: '该次排查未发现问题。', en: 'That sweep found no problem.' },
  problem: { zh: '问题', en: 'Problem' },
  mines: { zh: '矿山数', en: 'Mines' },
  leads: { zh: '已转为线索', en: 'Made leads' },
  byProblem: { zh: '按问题类型', en: 'By problem' },
  note: {
    zh: '各问题的依据（000、001、002、003、004 号文件原文）见 巡查 → 存量排查 的排查表；“已转为线索”按报告生成时的台账计。',
    en: 'Each problem\'s legal basis (the words of documents 000–004) is in the sweep table (巡查 → 存量排查); "made leads" counts the ledger as the report is made.',
  },
} satisfies Record<string, Bilingual>;

const say = (key: keyof typeof TEXT, lang: Language, values: Record<string, string | number> = {}) =>
  fillTemplate(TEXT[key][lang], Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)])));

/**
 * The periodic report's sweep section (seeds 000, 002, 004: the campaigns report on the existing
 * mines as well as on restoration): the latest sweep by the report's day, its mines by problem,
 * and how many of them have become ledger leads.
 */
export function sweepSection(run: (RunRow & { findings: readonly SweepFinding[] }) | undefined, asOf: string, lang: Language): string {
  const heading = `<h2>${e(say('title', lang))}</h2>`;
  const note = `<p class="note">${e(say('note', lang))}</p>`;
  if (!run) return `${heading}<p>${e(say('none', lang))}</p>${note}`;
  const how = run.trigger === 'manual' ? say('manual', lang, { who: run.ranBy ?? '—' }) : say('scheduled', lang);
  const intro = `<p>${e(say('run', lang, { asOf, ranAt: chinaDateTime(new Date(run.ranAt)), how, rights: run.rightsSwept, day: run.asOf, version: run.rulesetVersion }))}</p>`;
  const rows = SWEEP_PROBLEMS.map((problem) => {
    const found = run.findings.filter((f) => f.problem === problem);
    return { problem, mines: new Set(found.map((f) => `${f.collection}/${f.rightId}`)).size, leads: found.filter((f) => f.leadId !== null).length };
  }).filter((row) => row.mines > 0);
  if (rows.length === 0) return `${heading}${intro}<p>${e(say('clean', lang))}</p>${note}`;
  const table =
    `<table class="figures"><caption>${e(say('byProblem', lang))}</caption><thead><tr><th>${e(say('problem', lang))}</th>` +
    `<th>${e(say('mines', lang))}</th><th>${e(say('leads', lang))}</th></tr></thead><tbody>` +
    rows.map((r) => `<tr data-problem="${r.problem}"><td>${e(term(r.problem, lang))}</td><td class="num">${r.mines}</td><td class="num">${r.leads}</td></tr>`).join('') +
    '</tbody></table>';
  return heading + intro + table + note;
}

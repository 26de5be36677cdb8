import { MAX_LEGAL_BASIS_CHARS, MAX_MIN_SCALE_10KT, MAX_TOLERANCE_M2 } from '@mpm/contracts';
import { OUTCOMES, term, type Bilingual } from '@mpm/domain';

/**
 * Every reason a change to the ruleset is refused, once, in camelCase; each is also the `code`
 * of the 400 answer. Messages for people: {@link RULESET_MESSAGES}.
 */
export const UNKNOWN_RULE = 'unknownRule';
export const DUPLICATE_RULE = 'duplicateRule';
export const EMPTY_RULE_CHANGE = 'emptyRuleChange';
export const UNKNOWN_OUTCOME = 'unknownOutcome';
export const RULE_HAS_NO_TOLERANCE = 'ruleHasNoTolerance';
export const TOLERANCE_OUT_OF_RANGE = 'toleranceOutOfRange';
export const LEGAL_BASIS_EMPTY = 'legalBasisEmpty';
export const LEGAL_BASIS_TOO_LONG = 'legalBasisTooLong';
export const NOTHING_TO_CHANGE = 'nothingToChange';
export const RULE_HAS_NO_SCALE = 'ruleHasNoScale';
export const SCALE_OUT_OF_RANGE = 'scaleOutOfRange';
export const SCALE_MISSING = 'scaleMissing';

export type RulesetReason =
  | typeof UNKNOWN_RULE
  | typeof DUPLICATE_RULE
  | typeof EMPTY_RULE_CHANGE
  | typeof UNKNOWN_OUTCOME
  | typeof RULE_HAS_NO_TOLERANCE
  | typeof TOLERANCE_OUT_OF_RANGE
  | typeof LEGAL_BASIS_EMPTY
  | typeof LEGAL_BASIS_TOO_LONG
  | typeof NOTHING_TO_CHANGE
  | typeof RULE_HAS_NO_SCALE
  | typeof SCALE_OUT_OF_RANGE
  | typeof SCALE_MISSING;

/** A rule as a message names it: its title, and its id for whoever reads the API. */
export interface NamedRule {
  id: string;
  title: Bilingual;
}

const zhName = ({ id, title }: NamedRule) => `规则“${title.zh}”（${id}）`;
const enName = ({ id, title }: NamedRule) => `Rule "${title.en}" (${id})`;
const outcomes = (lang: 'zh' | 'en') =>
  lang === 'zh' ? OUTCOMES.map((o) => `${term(o, 'zh')}（${o}）`).join('、') : OUTCOMES.map((o) => `${o} (${term(o, 'zh')})`).join(', ');
const language = { zh: '中文', en: 'English' } as const;
/** Quotes at most 40 characters of what the caller sent. */
const quoted = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

/** The message of each reason, in both languages. */
export const RULESET_MESSAGES = {
  unknownRule: (id: string): Bilingual => ({
    zh: `规则集中没有规则“${quoted(id)}”，请按 GET /api/ruleset 列出的规则编号修改。`,
    en: `The ruleset has no rule "${quoted(id)}"; use the rule ids GET /api/ruleset lists.`,
  }),
  duplicateRule: (rule: NamedRule): Bilingual => ({
    zh: `${zhName(rule)}在本次修改中出现了不止一次。`,
    en: `${enName(rule)} appears more than once in this change.`,
  }),
  emptyRuleChange: (rule: NamedRule): Bilingual => ({
    zh: `${zhName(rule)}：没有给出要修改的结论、容差或法律依据。`,
    en: `${enName(rule)}: no outcome, tolerance or legal basis to change is given.`,
  }),
  unknownOutcome: (rule: NamedRule, outcome: string): Bilingual => ({
    zh: `${zhName(rule)}：没有“${quoted(outcome)}”这一审查结论；可选结论：${outcomes('zh')}。`,
    en: `${enName(rule)}: there is no outcome "${quoted(outcome)}"; the outcomes are ${outcomes('en')}.`,
  }),
  ruleHasNoTolerance: (rule: NamedRule): Bilingual => ({
    zh: `${zhName(rule)}不按重叠面积判断，没有容差可设。`,
    en: `${enName(rule)} does not turn on an overlapped area and has no tolerance to set.`,
  }),
  toleranceOutOfRange: (rule: NamedRule, toleranceM2: number): Bilingual => ({
    zh: `${zhName(rule)}：容差 ${toleranceM2} 平方米不在 0 至 ${MAX_TOLERANCE_M2} 平方米之间。`,
    en: `${enName(rule)}: a tolerance of ${toleranceM2} m² is outside 0 to ${MAX_TOLERANCE_M2} m².`,
  }),
  legalBasisEmpty: (rule: NamedRule, lang: 'zh' | 'en'): Bilingual => ({
    zh: `${zhName(rule)}：法律依据（${language[lang]}）不能为空白，请写明文件和条款。`,
    en: `${enName(rule)}: the legal basis (${language[lang]}) must not be blank; name the document and its article.`,
  }),
  legalBasisTooLong: (rule: NamedRule, lang: 'zh' | 'en', length: number): Bilingual => ({
    zh: `${zhName(rule)}：法律依据（${language[lang]}）有 ${length} 个字符，最多 ${MAX_LEGAL_BASIS_CHARS} 个。`,
    en: `${enName(rule)}: the legal basis (${language[lang]}) has ${length} characters; at most ${MAX_LEGAL_BASIS_CHARS} are allowed.`,
  }),
  ruleHasNoScale: (rule: NamedRule): Bilingual => ({
    zh: `${zhName(rule)}不是最低开采规模，没有规模可设。`,
    en: `${enName(rule)} is not a minimum mining scale and has no scale to set.`,
  }),
  scaleOutOfRange: (rule: NamedRule, min10ktPerYear: number): Bilingual => ({
    zh: `${zhName(rule)}：最低开采规模 ${min10ktPerYear} 万吨/年须大于 0、不超过 ${MAX_MIN_SCALE_10KT} 万吨/年。`,
    en: `${enName(rule)}: a minimum scale of ${min10ktPerYear} ×10⁴ t/yr must be above 0 and at most ${MAX_MIN_SCALE_10KT}.`,
  }),
  scaleMissing: (rule: NamedRule): Bilingual => ({
    zh: `${zhName(rule)}：新增矿种的最低开采规模须给出规模（万吨/年）及其法律依据。`,
    en: `${enName(rule)}: a mineral added to the minimum scales needs its scale (×10⁴ t/yr) and its legal basis.`,
  }),
  nothingToChange: (version: number): Bilingual => ({
    zh: `所作修改与第 ${version} 版规则集相同，没有可保存的内容。`,
    en: `The changes leave version ${version} of the ruleset as it is; there is nothing to save.`,
  }),
} satisfies Record<RulesetReason, (...args: never[]) => Bilingual>;

import { MAX_LEGAL_BASIS_CHARS, MAX_MIN_SCALE_10KT, MAX_TOLERANCE_M2, type RuleChange } from '@mpm/contracts';
import { OUTCOMES, invalid, valid, type Bilingual, type Outcome, type Validation } from '@mpm/domain';
import { minimumScaleTitle, ruleSettingChanges, scaleRuleMineral, type RegisterRule, type RuleSetting } from '@mpm/rules';
import {
  DUPLICATE_RULE,
  EMPTY_RULE_CHANGE,
  LEGAL_BASIS_EMPTY,
  LEGAL_BASIS_TOO_LONG,
  NOTHING_TO_CHANGE,
  RULE_HAS_NO_SCALE,
  RULE_HAS_NO_TOLERANCE,
  RULESET_MESSAGES as M,
  SCALE_MISSING,
  SCALE_OUT_OF_RANGE,
  TOLERANCE_OUT_OF_RANGE,
  UNKNOWN_OUTCOME,
  UNKNOWN_RULE,
  type RulesetReason,
} from './ruleset-reasons.ts';

const isOutcome = (value: string): value is Outcome => (OUTCOMES as readonly string[]).includes(value);

/** The legal basis as it will be kept (each language trimmed), or why not. */
function checkedBasis(rule: RegisterRule, basis: Bilingual): Validation<Bilingual, RulesetReason> {
  const kept = { zh: basis.zh.trim(), en: basis.en.trim() };
  for (const lang of ['zh', 'en'] as const) {
    const length = [...kept[lang]].length;
    if (length === 0) return invalid(LEGAL_BASIS_EMPTY, M.legalBasisEmpty(rule, lang));
    if (length > MAX_LEGAL_BASIS_CHARS) return invalid(LEGAL_BASIS_TOO_LONG, M.legalBasisTooLong(rule, lang, length));
  }
  return valid(kept);
}

/** One rule's new setting, or why the change to it is refused. */
function changedSetting(rule: RegisterRule, change: RuleChange): Validation<RuleSetting, RulesetReason> {
  const { title: _title, ...setting } = rule;
  if (change.outcome === undefined && change.toleranceM2 === undefined && change.min10ktPerYear === undefined && change.legalBasis === undefined) {
    return invalid(EMPTY_RULE_CHANGE, M.emptyRuleChange(rule));
  }
  if (change.outcome !== undefined) {
    if (!isOutcome(change.outcome)) return invalid(UNKNOWN_OUTCOME, M.unknownOutcome(rule, change.outcome));
    setting.outcome = change.outcome;
  }
  if (change.toleranceM2 !== undefined) {
    if (rule.toleranceM2 === undefined) return invalid(RULE_HAS_NO_TOLERANCE, M.ruleHasNoTolerance(rule));
    if (!(change.toleranceM2 >= 0 && change.toleranceM2 <= MAX_TOLERANCE_M2)) {
      return invalid(TOLERANCE_OUT_OF_RANGE, M.toleranceOutOfRange(rule, change.toleranceM2));
    }
    setting.toleranceM2 = change.toleranceM2;
  }
  if (change.min10ktPerYear !== undefined) {
    if (rule.min10ktPerYear === undefined) return invalid(RULE_HAS_NO_SCALE, M.ruleHasNoScale(rule));
    if (!(change.min10ktPerYear > 0 && change.min10ktPerYear <= MAX_MIN_SCALE_10KT)) {
      return invalid(SCALE_OUT_OF_RANGE, M.scaleOutOfRange(rule, change.min10ktPerYear));
    }
    setting.min10ktPerYear = change.min10ktPerYear;
  }
  if (change.legalBasis !== undefined) {
    const basis = checkedBasis(rule, change.legalBasis);
    if (!basis.valid) return basis;
    setting.legalBasis = basis.value;
  }
  return valid(setting);
}

/**
 * A minimum scale for a mineral the table lacks (`minimumScale.<mineral>`): its figure and legal
 * basis are needed, its outcome is forbidden unless given, and it has no tolerance. Null when the
 * id names no mineral (an unknown rule).
 */
function addedScale(change: RuleChange): Validation<RuleSetting, RulesetReason> | null {
  const mineral = scaleRuleMineral(change.id);
  if (!mineral) return null;
  const empty: RegisterRule = { id: change.id, title: minimumScaleTitle(mineral), outcome: 'forbidden', min10ktPerYear: 1, legalBasis: { zh: '', en: '' } };
  if (change.min10ktPerYear === undefined || change.legalBasis === undefined) return invalid(SCALE_MISSING, M.scaleMissing(empty));
  if (change.toleranceM2 !== undefined) return invalid(RULE_HAS_NO_TOLERANCE, M.ruleHasNoTolerance(empty));
  return changedSetting(empty, { ...change, outcome: change.outcome ?? 'forbidden' });
}

/**
 * Checks a change to the register against the rules in force (`rules`, of version `version`):
 * each rule named once and known (or a minimum scale for a mineral the table lacks, with its
 * figure and basis), an outcome of the domain's set, a tolerance 0..10 000 m² and only for a rule
 * that has one, a minimum scale above 0 and only for a minimum scale, a legal basis neither blank nor longer than 2 000 characters in
 * either language, and something that differs from the version in force. Returns every rule's
 * setting as the new version will hold them, in the register's order; or the first refusal,
 * naming the rule.
 */
export function validateRuleChanges(
  rules: readonly RegisterRule[],
  changes: readonly RuleChange[],
  version: number,
): Validation<RuleSetting[], RulesetReason> {
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  const changed = new Map<string, RuleSetting>();
  for (const change of changes) {
    const rule = byId.get(change.id);
    const setting = rule ? changedSetting(rule, change) : addedScale(change);
    if (!setting) return invalid(UNKNOWN_RULE, M.unknownRule(change.id));
    if (changed.has(change.id)) return invalid(DUPLICATE_RULE, M.duplicateRule(rule ?? { id: change.id, title: { zh: change.id, en: change.id } }));
    if (!setting.valid) return setting;
    changed.set(change.id, setting.value);
  }
  const added = [...changed.values()].filter((s) => !byId.has(s.id));
  const settings = [...rules.map(({ title: _title, ...setting }) => changed.get(setting.id) ?? setting), ...added];
  const before = rules.map(({ title: _title, ...setting }) => setting);
  if (ruleSettingChanges(before, settings).length === 0) return invalid(NOTHING_TO_CHANGE, M.nothingToChange(version));
  return valid(settings);
}

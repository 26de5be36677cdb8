import { MINERALS, term, type Bilingual, type Mineral, type Outcome } from '@mpm/domain';
import { PLAN_RULE_TITLES } from './plan-rules.ts';
import type { Ruleset, ZoneRule } from './types.ts';
import { ruleToleranceM2 } from './zone-rules.ts';

/**
 * What a county may change of one rule without code: its outcome, its tolerance (only a rule
 * whose verdict turns on an area has one) and its legal basis. The rest of a rule (the layers,
 * the relation, the filter) stays as the ruleset file states it.
 */
export interface RuleSetting {
  /**
   * The rule's key: a zone rule's id (`ecoRedline`), `minimumScale.<mineral>`,
   * `concentratedZoneScale`, `concentratedZoneRights`, `concentratedZoneExtraction`,
   * `oneHolderPerBlock`, or `indicators` (the plan's caps).
   */
  id: string;
  outcome: Outcome;
  /** m²: an overlap (or a part outside) smaller than this is a possible boundary offset. Absent for rules without one. */
  toleranceM2?: number;
  /**
   * 万吨/年, only for a minimum scale (`minimumScale.<mineral>`): the least capacity of a new or
   * expanded mine, and of an existing one in the sweep. A county adds a mineral's row by a setting
   * of a `minimumScale.<mineral>` the file lacks, with this figure and its legal basis.
   */
  min10ktPerYear?: number;
  legalBasis: Bilingual;
}

/** A rule as the register lists it: its setting and its title. */
export interface RegisterRule extends RuleSetting {
  title: Bilingual;
}

/** One field of one rule that differs between two versions of the register. */
export interface RuleSettingChange {
  id: string;
  field: 'outcome' | 'toleranceM2' | 'min10ktPerYear' | 'legalBasis';
  before: Outcome | number | Bilingual | null;
  after: Outcome | number | Bilingual | null;
}

const MINIMUM_SCALE = 'minimumScale.';

/** Whether a zone rule's verdict turns on an area, and so has a tolerance. */
const hasTolerance = (rule: ZoneRule) => rule.relation === 'overlaps' || rule.relation === 'outsideAll';

/** The register key of a minimum scale. */
export const minimumScaleRuleId = (mineral: Mineral) => `${MINIMUM_SCALE}${mineral}`;

/** The mineral of a minimum scale's register key (`minimumScale.coal` → coal), or null for any other key. */
export function scaleRuleMineral(id: string): Mineral | null {
  if (!id.startsWith(MINIMUM_SCALE)) return null;
  const mineral = id.slice(MINIMUM_SCALE.length);
  return (MINERALS as readonly string[]).includes(mineral) ? (mineral as Mineral) : null;
}

/** The title of a mineral's minimum scale: 最低开采规模（砖瓦用粘土）. */
export const minimumScaleTitle = (mineral: Mineral): Bilingual => ({
  zh: `${PLAN_RULE_TITLES.minimumScale.zh}（${term(mineral, 'zh')}）`,
  en: `${PLAN_RULE_TITLES.minimumScale.en} (${term(mineral, 'en').toLowerCase()})`,
});

/**
 * The rules of a ruleset as its register lists them, in the file's order (zone rules, minimum
 * scales, then the plan rules), each with its outcome, tolerance where it has one, and legal basis.
 */
export function registerRules(ruleset: Ruleset): RegisterRule[] {
  const zone = ruleset.zoneRules.map(
    (rule): RegisterRule => ({
      id: rule.id,
      title: rule.title,
      outcome: rule.outcome,
      ...(hasTolerance(rule) && { toleranceM2: ruleToleranceM2(rule, ruleset) }),
      legalBasis: rule.legalBasis,
    }),
  );
  const scales = ruleset.minimumScales.map(
    (scale): RegisterRule => ({
      id: minimumScaleRuleId(scale.mineral),
      title: minimumScaleTitle(scale.mineral),
      outcome: scale.outcome ?? 'forbidden',
      min10ktPerYear: scale.min10ktPerYear,
      legalBasis: scale.legalBasis,
    }),
  );
  const { concentratedZoneScale, concentratedZoneRights, concentratedZoneExtraction, oneHolderPerBlock, indicators } = ruleset;
  return [
    ...zone,
    ...scales,
    {
      id: 'concentratedZoneScale',
      title: PLAN_RULE_TITLES.concentratedZoneScale,
      outcome: concentratedZoneScale.outcome ?? 'forbidden',
      legalBasis: concentratedZoneScale.legalBasis,
    },
    {
      id: 'concentratedZoneRights',
      title: PLAN_RULE_TITLES.concentratedZoneRights,
      outcome: concentratedZoneRights.outcome ?? 'restricted',
      legalBasis: concentratedZoneRights.legalBasis,
    },
    {
      id: 'concentratedZoneExtraction',
      title: PLAN_RULE_TITLES.concentratedZoneExtraction,
      outcome: concentratedZoneExtraction.outcome ?? 'restricted',
      legalBasis: concentratedZoneExtraction.legalBasis,
    },
    { id: 'oneHolderPerBlock', title: PLAN_RULE_TITLES.oneHolderPerBlock, ...oneHolderPerBlock },
    { id: 'indicators', title: PLAN_RULE_TITLES.indicators, outcome: indicators.outcome ?? 'restricted', legalBasis: indicators.legalBasis },
  ];
}

/** The settings of a register's rules, titles aside (what a version of the register stores). */
export const ruleSettings = (ruleset: Ruleset): RuleSetting[] => registerRules(ruleset).map(({ title: _title, ...setting }) => setting);

/**
 * The ruleset with the given settings in force: each rule named takes the setting's outcome,
 * tolerance (where it has one), minimum scale (where it is one) and legal basis; a setting of a
 * `minimumScale.<mineral>` the file lacks adds that mineral's row to the table (the county's own
 * figure and basis). Rules not named, and other settings naming no rule of this ruleset, leave
 * it as it was. Returns a new ruleset; the input is not changed.
 */
export function withRuleSettings<R extends Ruleset>(ruleset: R, settings: readonly RuleSetting[]): R {
  const byId = new Map(settings.map((s) => [s.id, s]));
  const plain = (id: string) => {
    const s = byId.get(id);
    return s && { outcome: s.outcome, legalBasis: s.legalBasis };
  };
  return {
    ...ruleset,
    zoneRules: ruleset.zoneRules.map((rule) => {
      const s = byId.get(rule.id);
      if (!s) return rule;
      return { ...rule, ...plain(rule.id), ...(hasTolerance(rule) && s.toleranceM2 !== undefined && { toleranceM2: s.toleranceM2 }) };
    }),
    minimumScales: [
      ...ruleset.minimumScales.map((scale) => {
        const s = byId.get(minimumScaleRuleId(scale.mineral));
        return { ...scale, ...plain(minimumScaleRuleId(scale.mineral)), ...(s?.min10ktPerYear !== undefined && { min10ktPerYear: s.min10ktPerYear }) };
      }),
      ...addedScales(ruleset, settings),
    ],
    concentratedZoneScale: { ...ruleset.concentratedZoneScale, ...plain('concentratedZoneScale') },
    concentratedZoneRights: { ...ruleset.concentratedZoneRights, ...plain('concentratedZoneRights') },
    concentratedZoneExtraction: { ...ruleset.concentratedZoneExtraction, ...plain('concentratedZoneExtraction') },
    oneHolderPerBlock: { ...ruleset.oneHolderPerBlock, ...plain('oneHolderPerBlock') },
    indicators: { ...ruleset.indicators, ...plain('indicators') },
  };
}

/** The minimum scales the settings add: a known mineral the file's table lacks, with a figure. */
function addedScales(ruleset: Ruleset, settings: readonly RuleSetting[]): Ruleset['minimumScales'] {
  const inFile = new Set(ruleset.minimumScales.map((scale) => scale.mineral));
  return settings.flatMap((s) => {
    const mineral = scaleRuleMineral(s.id);
    if (!mineral || inFile.has(mineral) || s.min10ktPerYear === undefined) return [];
    inFile.add(mineral);
    return [{ mineral, min10ktPerYear: s.min10ktPerYear, outcome: s.outcome, legalBasis: s.legalBasis }];
  });
}

const sameBasis = (a: Bilingual, b: Bilingual) => a.zh === b.zh && a.en === b.en;

/** What changed from one version of the settings to the next, rule by rule and field by field, in `after`'s order. */
export function ruleSettingChanges(before: readonly RuleSetting[], after: readonly RuleSetting[]): RuleSettingChange[] {
  const old = new Map(before.map((s) => [s.id, s]));
  const changes: RuleSettingChange[] = [];
  for (const s of after) {
    const o = old.get(s.id);
    if (o?.outcome !== s.outcome) changes.push({ id: s.id, field: 'outcome', before: o?.outcome ?? null, after: s.outcome });
    if (o?.toleranceM2 !== s.toleranceM2) {
      changes.push({ id: s.id, field: 'toleranceM2', before: o?.toleranceM2 ?? null, after: s.toleranceM2 ?? null });
    }
    if (o?.min10ktPerYear !== s.min10ktPerYear) {
      changes.push({ id: s.id, field: 'min10ktPerYear', before: o?.min10ktPerYear ?? null, after: s.min10ktPerYear ?? null });
    }
    if (!o || !sameBasis(o.legalBasis, s.legalBasis)) changes.push({ id: s.id, field: 'legalBasis', before: o?.legalBasis ?? null, after: s.legalBasis });
  }
  return changes;
}

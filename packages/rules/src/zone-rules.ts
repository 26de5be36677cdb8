import { m2ToHa, m2ToMu, roundTo } from '@mpm/domain';
import type { Finding } from './findings.ts';
import type { BufferSettings, FeatureMeasurement, Measurements, Proposal, Ruleset, ZoneRule } from './types.ts';

/** Whether the rule concerns this proposal at all (mineral, kind of right). */
export const ruleApplies = (rule: ZoneRule, proposal: Proposal): boolean =>
  (!rule.minerals || rule.minerals.includes(proposal.mineral)) &&
  (!rule.rightKinds || rule.rightKinds.includes(proposal.rightKind));

/** Whether a feature passes the rule's filter; comma-separated values match on any item. */
export function featureMatches(rule: ZoneRule, feature: FeatureMeasurement, proposal: Proposal): boolean {
  if (!rule.collections.includes(feature.collection)) return false;
  // The licence being extended or expanded never conflicts with itself.
  if (proposal.licenceNo && feature.properties.licenceNo === proposal.licenceNo) return false;
  if (!rule.filter) return true;
  const wanted = rule.filter.values.map((v) => (v === '$mineral' ? proposal.mineral : v));
  return rule.filter.properties.some((property) => {
    const value = feature.properties[property];
    return typeof value === 'string' && value.split(',').some((item) => wanted.includes(item.trim()));
  });
}

/** Area figures of a finding: m², mu, ha and % of the block, rounded for people. */
export function areaFigures(areaM2: number, blockAreaM2: number) {
  return {
    overlapAreaM2: roundTo(areaM2, 2),
    overlapAreaMu: roundTo(m2ToMu(areaM2), 2),
    overlapAreaHa: roundTo(m2ToHa(areaM2), 4),
    overlapPercent: blockAreaM2 > 0 ? roundTo((areaM2 / blockAreaM2) * 100, 2) : 0,
  };
}

const featureName = (feature: FeatureMeasurement): string | undefined => {
  const { name, mineName, licenceNo, code } = feature.properties;
  const first = [name, mineName, licenceNo, code].find((v) => typeof v === 'string' && v !== '');
  return first as string | undefined;
};

/** The buffer width a distance rule asks of this feature, or undefined when none applies. */
function requiredDistanceM(rule: ZoneRule, feature: FeatureMeasurement, buffers: BufferSettings): number | undefined {
  if (!rule.distance) return undefined;
  if (typeof rule.distance === 'string') return buffers[rule.distance];
  const key = rule.distance.byValue[String(feature.properties[rule.distance.property])];
  return key ? buffers[key] : undefined;
}

const mu = (areaM2: number) => roundTo(m2ToMu(areaM2), 2);

/** The area (m²) below which the rule lets an overlap or a part outside pass as a boundary offset. */
export const ruleToleranceM2 = (rule: ZoneRule, ruleset: Pick<Ruleset, 'sliverToleranceM2'>): number =>
  rule.toleranceM2 ?? ruleset.sliverToleranceM2;

function overlapFindings(rule: ZoneRule, features: FeatureMeasurement[], ruleset: Ruleset, blockAreaM2: number): Finding[] {
  const toleranceM2 = ruleToleranceM2(rule, ruleset);
  return features
    .filter((f) => f.overlapAreaM2 > 0)
    .map((f) => {
      const name = featureName(f) ?? '';
      const sliver = f.overlapAreaM2 < toleranceM2;
      const base = { ruleId: rule.id, collection: f.collection, featureId: f.featureId, featureName: name };
      const figures = areaFigures(f.overlapAreaM2, blockAreaM2);
      if (sliver) {
        return {
          ...base,
          ...figures,
          outcome: 'advisory' as const,
          possibleBoundaryOffset: true,
          title: rule.title,
          legalBasis: rule.legalBasis,
          message: {
            zh: `与“${name}”重叠 ${figures.overlapAreaM2} 平方米，小于容差 ${toleranceM2} 平方米，可能为边界偏移，请核对界址。`,
            en: `Overlaps "${name}" by ${figures.overlapAreaM2} m², below the ${toleranceM2} m² tolerance: probably a boundary offset; check the corner points.`,
          },
        };
      }
      return {
        ...base,
        ...figures,
        outcome: rule.outcome,
        title: rule.title,
        legalBasis: rule.legalBasis,
        message: {
          zh: `与“${name}”重叠 ${mu(f.overlapAreaM2)} 亩（占地块 ${figures.overlapPercent}%）。`,
          en: `Overlaps "${name}" by ${mu(f.overlapAreaM2)} mu (${figures.overlapPercent}% of the block).`,
        },
      };
    });
}

function distanceFindings(rule: ZoneRule, features: FeatureMeasurement[], buffers: BufferSettings): Finding[] {
  const findings: Finding[] = [];
  for (const f of features) {
    const required = requiredDistanceM(rule, f, buffers);
    if (required === undefined || f.distanceM >= required) continue;
    const name = featureName(f) ?? '';
    const distanceM = roundTo(f.distanceM, 1);
    findings.push({
      ruleId: rule.id,
      outcome: rule.outcome,
      collection: f.collection,
      featureId: f.featureId,
      featureName: name,
      title: rule.title,
      legalBasis: rule.legalBasis,
      distanceM,
      requiredDistanceM: required,
      message: {
        zh: `距“${name}”${distanceM} 米，小于 ${required} 米。`,
        en: `${distanceM} m from "${name}", closer than ${required} m.`,
      },
    });
  }
  return findings;
}

function outsideFinding(rule: ZoneRule, features: FeatureMeasurement[], ruleset: Ruleset, blockAreaM2: number): Finding[] {
  const coveredM2 = Math.min(blockAreaM2, features.reduce((sum, f) => sum + f.overlapAreaM2, 0));
  const outsideM2 = blockAreaM2 - coveredM2;
  if (outsideM2 < ruleToleranceM2(rule, ruleset)) return [];
  const figures = areaFigures(outsideM2, blockAreaM2);
  return [
    {
      ruleId: rule.id,
      outcome: rule.outcome,
      title: rule.title,
      legalBasis: rule.legalBasis,
      ...figures,
      message: {
        zh: `地块有 ${figures.overlapAreaMu} 亩（${figures.overlapPercent}%）不在规划的开采区或区块内。`,
        en: `${figures.overlapAreaMu} mu (${figures.overlapPercent}%) of the block lies outside every planned zone or block for the mineral.`,
      },
    },
  ];
}

/** Findings of the ruleset's spatial rules for one block. */
export function zoneRuleFindings(
  ruleset: Ruleset,
  buffers: BufferSettings,
  proposal: Proposal,
  measurements: Measurements,
): Finding[] {
  const findings: Finding[] = [];
  for (const rule of ruleset.zoneRules) {
    if (!ruleApplies(rule, proposal)) continue;
    const features = measurements.features.filter((f) => featureMatches(rule, f, proposal));
    if (rule.relation === 'overlaps') findings.push(...overlapFindings(rule, features, ruleset, measurements.blockAreaM2));
    else if (rule.relation === 'withinDistance') findings.push(...distanceFindings(rule, features, buffers));
    else findings.push(...outsideFinding(rule, features, ruleset, measurements.blockAreaM2));
  }
  return findings;
}

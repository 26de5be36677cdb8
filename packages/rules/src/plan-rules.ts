import { term, type Bilingual } from '@mpm/domain';
import type { Finding } from './findings.ts';
import type { Measurements, Proposal, Ruleset } from './types.ts';

/** The titles of the plan rules, as their findings and the rule register name them. */
export const PLAN_RULE_TITLES = {
  minimumScale: { zh: '最低开采规模', en: 'Minimum mining scale' },
  concentratedZoneScale: { zh: '集中开采区最低开采规模', en: 'Minimum scale in a concentrated zone' },
  oneHolderPerBlock: { zh: '一个开采规划区块只设一个主体', en: 'One right holder per mining planning block' },
  indicators: { zh: '规划约束性指标上限', en: 'Caps of the plan’s binding indicators' },
} as const satisfies Record<string, Bilingual>;

/** New and expanded mines must reach the minimum scale (新建、改扩建矿山最低开采规模). */
const SCALE_KINDS: Proposal['rightKind'][] = ['new', 'expansion'];

/** Minimum-scale findings: per mineral, and per concentrated zone the block lies in. */
export function scaleFindings(ruleset: Ruleset, proposal: Proposal, measurements: Measurements): Finding[] {
  if (!SCALE_KINDS.includes(proposal.rightKind)) return [];
  const findings: Finding[] = [];
  const capacity = proposal.capacity10ktPerYear;
  for (const scale of ruleset.minimumScales) {
    if (scale.mineral !== proposal.mineral || capacity >= scale.min10ktPerYear) continue;
    findings.push({
      ruleId: 'minimumScale',
      outcome: scale.outcome ?? 'forbidden',
      title: PLAN_RULE_TITLES.minimumScale,
      legalBasis: scale.legalBasis,
      message: {
        zh: `${term(proposal.mineral, 'zh')}新建矿山规模不得低于 ${scale.min10ktPerYear} 万吨/年，拟设 ${capacity} 万吨/年。`,
        en: `New ${term(proposal.mineral, 'en').toLowerCase()} mines need at least ${scale.min10ktPerYear} ×10⁴ t/yr; ${capacity} proposed.`,
      },
    });
  }
  for (const zone of measurements.features) {
    const min = Number(zone.properties.minScale10ktPerYear);
    if (zone.collection !== 'concentrated_zones' || zone.overlapAreaM2 < ruleset.sliverToleranceM2) continue;
    if (!(min > 0) || capacity >= min) continue;
    const name = String(zone.properties.name ?? '');
    findings.push({
      ruleId: 'concentratedZoneScale',
      outcome: ruleset.concentratedZoneScale.outcome ?? 'forbidden',
      collection: zone.collection,
      featureId: zone.featureId,
      featureName: name,
      title: PLAN_RULE_TITLES.concentratedZoneScale,
      legalBasis: ruleset.concentratedZoneScale.legalBasis,
      message: {
        zh: `“${name}”最低开采规模 ${min} 万吨/年，拟设 ${capacity} 万吨/年。`,
        en: `"${name}" requires at least ${min} ×10⁴ t/yr; ${capacity} proposed.`,
      },
    });
  }
  return findings;
}

/** One right holder per mining planning block (原则上一个开采规划区块只设一个主体). */
export function oneHolderFindings(ruleset: Ruleset, proposal: Proposal, measurements: Measurements): Finding[] {
  const findings: Finding[] = [];
  for (const block of measurements.features) {
    if (block.collection !== 'mining_blocks' || block.overlapAreaM2 < ruleset.sliverToleranceM2) continue;
    const others = (block.rightHolders ?? []).filter((holder) => holder !== proposal.holder);
    if (others.length === 0) continue;
    const name = String(block.properties.name ?? block.properties.code ?? '');
    findings.push({
      ruleId: 'oneHolderPerBlock',
      outcome: ruleset.oneHolderPerBlock.outcome,
      collection: block.collection,
      featureId: block.featureId,
      featureName: name,
      title: PLAN_RULE_TITLES.oneHolderPerBlock,
      legalBasis: ruleset.oneHolderPerBlock.legalBasis,
      message: {
        zh: `开采规划区块“${name}”已有矿业权人：${others.join('、')}。`,
        en: `Mining planning block "${name}" already has a right holder: ${others.join(', ')}.`,
      },
    });
  }
  return findings;
}

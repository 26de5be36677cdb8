import { term, type Bilingual } from '@mpm/domain';
import type { Finding } from './findings.ts';
import type { Measurements, Proposal, Ruleset } from './types.ts';

/** The titles of the plan rules, as their findings and the rule register name them. */
export const PLAN_RULE_TITLES = {
  minimumScale: { zh: '最低开采规模', en: 'Minimum mining scale' },
  concentratedZoneScale: { zh: '集中开采区最低开采规模', en: 'Minimum scale in a concentrated zone' },
  concentratedZoneRights: { zh: '集中开采区拟设矿权', en: 'Planned rights of a concentrated zone' },
  concentratedZoneExtraction: { zh: '集中开采区开采总量', en: 'Total extraction of a concentrated zone' },
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

/** A number of 0 or more from a zone's attributes, or undefined (a zone without that figure is not held to it). */
const nonNegative = (value: unknown): number | undefined => {
  const n = Number(value);
  return value !== null && value !== undefined && value !== '' && Number.isFinite(n) && n >= 0 ? n : undefined;
};

/**
 * Each concentrated zone's plan (专栏二): no new right beyond its planned rights (现有矿权 +
 * 拟设矿权), and the summed capacity of its rights within its total (开采总量). The rights inside
 * are the geometry engine's `rightsInside`; the licence being extended or expanded is not
 * counted against itself, and an expansion adds no right but its new capacity.
 */
export function concentratedZonePlanFindings(ruleset: Ruleset, proposal: Proposal, measurements: Measurements): Finding[] {
  const findings: Finding[] = [];
  for (const zone of measurements.features) {
    if (zone.collection !== 'concentrated_zones' || zone.overlapAreaM2 < ruleset.sliverToleranceM2) continue;
    const name = String(zone.properties.name ?? '');
    const others = (zone.rightsInside ?? []).filter((right) => !proposal.licenceNo || right.licenceNo !== proposal.licenceNo);
    const about = { collection: zone.collection, featureId: zone.featureId, featureName: name };
    const planned = nonNegative(zone.properties.plannedRights);
    if (proposal.rightKind === 'new' && planned !== undefined) {
      const allowed = (nonNegative(zone.properties.existingRights) ?? 0) + planned;
      if (others.length >= allowed) {
        const listed = others.map((r) => r.licenceNo).join('、');
        findings.push({
          ruleId: 'concentratedZoneRights',
          outcome: ruleset.concentratedZoneRights.outcome ?? 'restricted',
          ...about,
          title: PLAN_RULE_TITLES.concentratedZoneRights,
          legalBasis: ruleset.concentratedZoneRights.legalBasis,
          message: {
            zh: `“${name}”规划矿权 ${allowed} 个，已有 ${others.length} 个（${listed}），不能再设新矿权。`,
            en: `"${name}" is planned for ${allowed} right(s) and already has ${others.length} (${others.map((r) => r.licenceNo).join(', ')}): no room for a new one.`,
          },
        });
      }
    }
    const total = nonNegative(zone.properties.extractionCap10kt);
    if (SCALE_KINDS.includes(proposal.rightKind) && total !== undefined) {
      const existing = others.reduce((sum, r) => sum + r.capacity10ktPerYear, 0);
      const after = Math.round((existing + proposal.capacity10ktPerYear) * 10) / 10;
      if (after > total) {
        findings.push({
          ruleId: 'concentratedZoneExtraction',
          outcome: ruleset.concentratedZoneExtraction.outcome ?? 'restricted',
          ...about,
          title: PLAN_RULE_TITLES.concentratedZoneExtraction,
          legalBasis: ruleset.concentratedZoneExtraction.legalBasis,
          message: {
            zh: `“${name}”开采总量 ${total} 万吨，已有矿权合计 ${Math.round(existing * 10) / 10} 万吨/年，加上拟设 ${proposal.capacity10ktPerYear} 万吨/年为 ${after} 万吨/年，超出。`,
            en: `"${name}" has a total of ${total} ×10⁴ t; its rights hold ${Math.round(existing * 10) / 10} ×10⁴ t/yr, and with the ${proposal.capacity10ktPerYear} proposed ${after}, above it.`,
          },
        });
      }
    }
  }
  return findings;
}

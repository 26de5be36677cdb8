import {
  GREEN_MINE_LEVELS_REQUIRED,
  SWEEP_LEGAL_BASIS,
  m2ToMu,
  roundTo,
  seedBasisText,
  term,
  type Bilingual,
  type GreenMineLevel,
  type LicenceState,
  type Mineral,
  type RightCollection,
  type ScaleClass,
  type SweepProblem,
} from '@mpm/domain';
import { featureMatches, ruleToleranceM2 } from './zone-rules.ts';
import type { Measurements, Ruleset } from './types.ts';
import type { PlanPeriod } from './plan-period.ts';

/** A registered right as the sweep of existing mines (存量矿山排查) judges it. */
export interface SweptRight {
  collection: RightCollection;
  licenceNo: string;
  holder: string | null;
  mineral: Mineral;
  /** Mining rights only. */
  scaleClass?: ScaleClass | null;
  capacity10ktPerYear?: number | null;
  /** The licence's state on the sweep's day (the register's one definition). */
  state: LicenceState;
  validTo: string;
  /** 万元; null: no restoration-fund account (mining rights only). */
  restorationFund10kYuan?: number | null;
  /** False: the fund is not provisioned as its rules require; null: not judged. */
  restorationFundProvisioned?: boolean | null;
  /** The right's first day in the register (its first event), `YYYY-MM-DD`. */
  firstDay: string;
  /** Its green-mine listing in force on the sweep's day, if any. */
  greenMineLevel: GreenMineLevel | null;
  /** The holder's sanction listing in force on the sweep's day, if any. */
  sanction: { documentNo: string; listedOn: string } | null;
}

/** One problem of one right, with what was found and its legal basis. */
export interface SweepHit {
  problem: SweepProblem;
  detail: Bilingual;
  legalBasis: Bilingual;
}

/** The ruleset's zone rules each zone problem reads (their layers, filters and own legal basis). */
export const SWEEP_ZONE_RULES: Partial<Record<SweepProblem, readonly string[]>> = {
  inEcoRedline: ['ecoRedline'],
  onPermanentFarmland: ['permanentBasicFarmland'],
  inProhibitedArea: ['prohibitedMiningArea'],
  inFourAreas: ['natureReserve', 'waterSource', 'scenicArea', 'residentialArea'],
  inUrbanDevelopmentBoundary: ['urbanDevelopmentBoundary'],
  onForestGrassWetland: ['forestLand', 'grassland', 'wetland'],
};

/** The zone problems that put a right in a protected area, which no green mine's area may touch. */
const PROTECTED_AREA_PROBLEMS: readonly SweepProblem[] = ['inEcoRedline', 'onPermanentFarmland', 'inProhibitedArea', 'inFourAreas'];

const seedBasis = (problem: SweepProblem) => seedBasisText(SWEEP_LEGAL_BASIS[problem]);
const mu = (m2: number) => roundTo(m2ToMu(m2), 2);

/** The zone problems: the right's area overlapping a zone beyond the rule's sliver tolerance. */
function zoneHits(ruleset: Ruleset, right: SweptRight, measurements: Measurements): SweepHit[] {
  const hits: SweepHit[] = [];
  const asProposal = { mineral: right.mineral, capacity10ktPerYear: right.capacity10ktPerYear ?? 0, rightKind: 'extension' as const, licenceNo: right.licenceNo };
  for (const [problem, ruleIds] of Object.entries(SWEEP_ZONE_RULES) as [SweepProblem, readonly string[]][]) {
    const rules = ruleset.zoneRules.filter((rule) => ruleIds.includes(rule.id) && rule.relation === 'overlaps');
    const overlaps = rules.flatMap((rule) =>
      measurements.features
        .filter((f) => featureMatches(rule, f, asProposal) && f.overlapAreaM2 >= ruleToleranceM2(rule, ruleset))
        .map((f) => ({ rule, name: String(f.properties.name ?? f.properties.code ?? f.featureId), areaM2: f.overlapAreaM2 })),
    );
    if (overlaps.length === 0) continue;
    const seed = seedBasis(problem);
    const ruleBases = [...new Set(overlaps.map((o) => o.rule))].map((rule) => rule.legalBasis);
    hits.push({
      problem,
      detail: {
        zh: overlaps.map((o) => `与“${o.name}”重叠 ${mu(o.areaM2)} 亩`).join('；'),
        en: overlaps.map((o) => `overlaps "${o.name}" by ${mu(o.areaM2)} mu`).join('; '),
      },
      legalBasis: {
        zh: [seed.zh, ...ruleBases.map((b) => b.zh)].join('；'),
        en: [seed.en, ...ruleBases.map((b) => b.en)].join('; '),
      },
    });
  }
  return hits;
}

/** Below the minimum mining scale of its mineral (the ruleset's per-mineral table). */
function scaleHit(ruleset: Ruleset, right: SweptRight): SweepHit[] {
  const capacity = right.capacity10ktPerYear;
  if (right.collection !== 'mining_rights' || capacity == null) return [];
  const scale = ruleset.minimumScales.find((s) => s.mineral === right.mineral);
  if (!scale || capacity >= scale.min10ktPerYear) return [];
  const seed = seedBasis('belowMinimumScale');
  return [
    {
      problem: 'belowMinimumScale',
      detail: {
        zh: `${term(right.mineral, 'zh')}最低开采规模 ${scale.min10ktPerYear} 万吨/年，本矿 ${capacity} 万吨/年`,
        en: `${term(right.mineral, 'en')}: at least ${scale.min10ktPerYear} ×10⁴ t/yr; this mine ${capacity}`,
      },
      legalBasis: { zh: `${seed.zh}；${scale.legalBasis.zh}`, en: `${seed.en}; ${scale.legalBasis.en}` },
    },
  ];
}

/** The restoration fund: no account, or one not provisioned as required (mining rights). */
function fundHits(right: SweptRight): SweepHit[] {
  if (right.collection !== 'mining_rights') return [];
  if (right.restorationFund10kYuan == null) {
    return [{ problem: 'noFundAccount', detail: { zh: '未登记治理恢复基金账户', en: 'no restoration-fund account registered' }, legalBasis: seedBasis('noFundAccount') }];
  }
  if (right.restorationFundProvisioned === false) {
    return [
      {
        problem: 'fundNotProvisioned',
        detail: {
          zh: `基金账户余额 ${right.restorationFund10kYuan} 万元，经核查未按制度计提`,
          en: `fund balance ${right.restorationFund10kYuan} ×10⁴ yuan, found not provisioned as required`,
        },
        legalBasis: seedBasis('fundNotProvisioned'),
      },
    ];
  }
  return [];
}

/** New (first registered in the plan period) and large/medium mines must be provincial green mines or better (004). */
function greenHit(right: SweptRight, planPeriod: PlanPeriod): SweepHit[] {
  if (right.collection !== 'mining_rights') return [];
  const large = right.scaleClass === 'large' || right.scaleClass === 'medium';
  const isNew = right.firstDay >= `${planPeriod.from}-01-01`;
  if (!large && !isNew) return [];
  if (right.greenMineLevel && GREEN_MINE_LEVELS_REQUIRED.includes(right.greenMineLevel)) return [];
  const why: Bilingual = large
    ? { zh: `${term(right.scaleClass!, 'zh')}矿山`, en: `${term(right.scaleClass!, 'en').toLowerCase()} mine` }
    : { zh: `规划期内新建矿山（${right.firstDay}）`, en: `new in the plan period (${right.firstDay})` };
  const now: Bilingual = right.greenMineLevel
    ? { zh: `现为${term(right.greenMineLevel, 'zh')}绿色矿山`, en: `listed at ${term(right.greenMineLevel, 'en').toLowerCase()} level only` }
    : { zh: '未列入绿色矿山名录', en: 'not in the green-mine directory' };
  return [{ problem: 'greenMineRequired', detail: { zh: `${why.zh}，${now.zh}`, en: `${why.en}, ${now.en}` }, legalBasis: seedBasis('greenMineRequired') }];
}

/**
 * A listed green mine (any level) whose licence area lies in a protected area: the directory's
 * exit mechanism must review it (002 三（五）). `zoneHits`: the right's zone problems, found before.
 */
function greenInProtectedHit(right: SweptRight, zoneHits: readonly SweepHit[]): SweepHit[] {
  if (!right.greenMineLevel) return [];
  const protectedHits = zoneHits.filter((hit) => PROTECTED_AREA_PROBLEMS.includes(hit.problem));
  if (protectedHits.length === 0) return [];
  const level = right.greenMineLevel;
  return [
    {
      problem: 'greenMineInProtectedArea',
      detail: {
        zh: `${term(level, 'zh')}绿色矿山，矿区范围${protectedHits.map((hit) => hit.detail.zh).join('；')}`,
        en: `${term(level, 'en').toLowerCase()} green mine whose area ${protectedHits.map((hit) => hit.detail.en).join('; ')}`,
      },
      legalBasis: seedBasis('greenMineInProtectedArea'),
    },
  ];
}

/** The licence expired, or ends within the county's expiring window. */
function licenceHits(right: SweptRight): SweepHit[] {
  if (right.state === 'expired') {
    return [{ problem: 'licenceExpiredProblem', detail: { zh: `有效期至 ${right.validTo}，已过期`, en: `valid to ${right.validTo}, expired` }, legalBasis: seedBasis('licenceExpiredProblem') }];
  }
  if (right.state === 'expiringSoon') {
    return [{ problem: 'licenceExpiringProblem', detail: { zh: `有效期至 ${right.validTo}，即将到期`, en: `valid to ${right.validTo}, about to expire` }, legalBasis: seedBasis('licenceExpiringProblem') }];
  }
  return [];
}

function sanctionHit(right: SweptRight): SweepHit[] {
  if (!right.sanction) return [];
  const { documentNo, listedOn } = right.sanction;
  return [
    {
      problem: 'holderSanctioned',
      detail: { zh: `“${right.holder}”于 ${listedOn} 列入（${documentNo}）`, en: `"${right.holder}" listed on ${listedOn} (${documentNo})` },
      legalBasis: seedBasis('holderSanctioned'),
    },
  ];
}

/**
 * The sweep of one registered right: every problem seeds 000, 001, 002, 003 and 004 name for an
 * existing mine, each with what was found and its legal basis, in the order of `SWEEP_PROBLEMS`.
 * `measurements`: the right's own area measured against the zone layers (ellipsoidal overlaps).
 */
export function sweepRight(input: { ruleset: Ruleset & { planPeriod: PlanPeriod }; right: SweptRight; measurements: Measurements }): SweepHit[] {
  const { ruleset, right, measurements } = input;
  const zones = zoneHits(ruleset, right, measurements);
  return [
    ...scaleHit(ruleset, right),
    ...zones,
    ...fundHits(right),
    ...greenHit(right, ruleset.planPeriod),
    ...greenInProtectedHit(right, zones),
    ...licenceHits(right),
    ...sanctionHit(right),
  ];
}

/** The layers the sweep measures each right against (the zone problems' rules' layers). */
export function sweepCollections(ruleset: Ruleset) {
  const ids = Object.values(SWEEP_ZONE_RULES).flat();
  return [...new Set(ruleset.zoneRules.filter((rule) => ids.includes(rule.id)).flatMap((rule) => rule.collections))];
}

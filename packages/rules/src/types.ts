import type { Bilingual, CollectionId, Mineral, Outcome, RightKind, ScaleClass } from '@mpm/domain';

export { OUTCOMES, RIGHT_KINDS, SCALE_CLASSES, type Outcome, type RightKind, type ScaleClass } from '@mpm/domain';

/** The attributes a planner states with the drawn block. */
export interface Proposal {
  mineral: Mineral;
  capacity10ktPerYear: number;
  rightKind: RightKind;
  /** For extension/expansion: the licence being extended; it does not conflict with itself. */
  licenceNo?: string;
  /** The intended right holder, when known (one holder per mining planning block). */
  holder?: string;
  /** Design scale class, when stated; the large+medium ratio otherwise counts the mine as small. */
  scaleClass?: ScaleClass;
}

/** Buffer widths in metres, per line class: county settings with statutory defaults. */
export interface BufferSettings {
  railwayM: number;
  nationalRoadM: number;
  provincialRoadM: number;
  countyRoadM: number;
  townshipRoadM: number;
  bridgeM: number;
  tunnelPortalM: number;
  /** 直观可视范围 of roads and railways (两线), a provincial or county policy value. */
  roadVisibleRangeM: number;
  /** 直观可视范围 of rivers. */
  riverVisibleRangeM: number;
}
export type BufferKey = keyof BufferSettings;

/**
 * A spatial rule: the relation of the block to the features of one layer.
 * - `overlaps`: any shared area is a conflict (slivers below the tolerance are reported apart);
 * - `withinDistance`: the block comes closer than the buffer width to a feature;
 * - `outsideAll`: the block is not covered by the layer's (filtered) features.
 */
export interface ZoneRule {
  /** Stable English key, e.g. `ecoRedline`. */
  id: string;
  /** The layers it concerns (several only for `outsideAll`, whose features together must cover). */
  collections: CollectionId[];
  /**
   * Only features where one of `properties` takes one of `values` (`$mineral` stands for the
   * proposal's mineral; comma-separated lists such as `minerals` match on any item).
   */
  filter?: { properties: string[]; values: string[] };
  relation: 'overlaps' | 'withinDistance' | 'outsideAll';
  /** For `withinDistance`: the buffer width, or a width per value of a property (e.g. `roadClass`). */
  distance?: BufferKey | { property: string; byValue: Record<string, BufferKey> };
  /** Applies only to these planned minerals (every mineral when absent). */
  minerals?: Mineral[];
  /** Applies only to these kinds of right (every kind when absent). */
  rightKinds?: RightKind[];
  outcome: Outcome;
  /**
   * For `overlaps` and `outsideAll`: an area (m²) below which an overlap is reported as a possible
   * boundary offset, or a part outside is let pass; the ruleset's `sliverToleranceM2` when absent.
   */
  toleranceM2?: number;
  title: Bilingual;
  legalBasis: Bilingual;
}

/** Minimum mining scale (万吨/年) for new mines of a mineral. */
export interface MinimumScale {
  mineral: Mineral;
  min10ktPerYear: number;
  /** The outcome of a new mine below the scale; `forbidden` when absent. */
  outcome?: Outcome;
  legalBasis: Bilingual;
}

/**
 * One step of a staged target (分阶段目标): `percent` to be reached by the end of `year` (the plan
 * period's last year when absent: a single target of the plan), as `source` words it.
 */
export interface TargetStep {
  year?: number;
  percent: number;
  source: string;
}

/** The plan's indicators to the end of the plan period: the binding caps and minimums (约束性) and the expected extraction (预期性). */
export interface PlanIndicatorTargets {
  maxMines: number;
  maxMinesByMineral: Partial<Record<Mineral, number>>;
  /** Minerals that count as sand, gravel and clay (砂石粘土) for their own cap. */
  sandGravelClayMinerals: Mineral[];
  maxSandGravelClayMines: number;
  /**
   * The large+medium mine ratio (大中型矿山比例) as a staged series, years ascending; judged at the
   * date asked against the step in force (see `stagedTarget`).
   */
  largeMediumRatioSteps: TargetStep[];
  /**
   * 开采总量 the plan expects to reach (达到, 万吨 a year): an expected indicator judged on actual
   * output, never a cap on a new mine (see `computeIndicators`).
   */
  expectedExtraction10kt: number;
  expectedExtraction10ktByMineral: Partial<Record<Mineral, number>>;
  /** The outcome of a block that would break a cap; `restricted` when absent. */
  outcome?: Outcome;
  legalBasis: Bilingual;
}

/** The whole ruleset: data, editable without code (`data/rulesets/*.json`). */
export interface Ruleset {
  id: string;
  title: Bilingual;
  /** An overlap smaller than this (m²) is reported as a possible boundary offset, not a conflict. */
  sliverToleranceM2: number;
  zoneRules: ZoneRule[];
  minimumScales: MinimumScale[];
  /** Concentrated zones carry their own minimum scale (`minScale10ktPerYear`); `forbidden` below it when no outcome is given. */
  concentratedZoneScale: { outcome?: Outcome; legalBasis: Bilingual };
  /** A zone's planned rights (`existingRights` + `plannedRights`, 拟设矿权): a new right beyond them; `restricted` when no outcome is given. */
  concentratedZoneRights: { outcome?: Outcome; legalBasis: Bilingual };
  /** A zone's total (`extractionCap10kt`, 开采总量): rights' summed capacity above it; `restricted` when no outcome is given. */
  concentratedZoneExtraction: { outcome?: Outcome; legalBasis: Bilingual };
  /** One right holder per mining planning block. */
  oneHolderPerBlock: { outcome: Outcome; legalBasis: Bilingual };
  indicators: PlanIndicatorTargets;
  /** Statutory defaults, each with its basis; a county overrides the numbers in its settings. */
  bufferDefaults: BufferSettings;
  bufferLegalBasis: Record<BufferKey, Bilingual>;
}

/** One feature near the block, as a geometry engine measured it. */
export interface FeatureMeasurement {
  collection: CollectionId;
  featureId: number;
  /** The feature's catalogue properties (name, class, mineral, holder…). */
  properties: Record<string, unknown>;
  /** Ellipsoidal area of block ∩ feature in m² (0 for lines and for features that only come near). */
  overlapAreaM2: number;
  /** Ellipsoidal distance between block and feature in metres (0 when they touch or overlap). */
  distanceM: number;
  /**
   * For mining planning blocks: holders of the existing mining rights that overlap the planning
   * block (not the proposed one).
   */
  rightHolders?: string[];
  /**
   * For concentrated zones: the existing mining rights inside the zone (not revoked, overlap at
   * least the sliver tolerance), for its planned rights (拟设矿权) and its total (开采总量).
   */
  rightsInside?: ZoneRight[];
}

/** A mining right inside a concentrated zone: its licence number and capacity (万吨/年). */
export interface ZoneRight {
  licenceNo: string;
  capacity10ktPerYear: number;
}

/** What a geometry engine reports about one block. */
export interface Measurements {
  blockAreaM2: number;
  features: FeatureMeasurement[];
}

/** What a geometry engine must measure: per collection, features within `withinM` of the block. */
export interface MeasurementRequest {
  collections: { collection: CollectionId; withinM: number }[];
}

/** The existing mines, for the plan indicators. */
export interface MineRecord {
  mineral: Mineral;
  scaleClass: ScaleClass;
  capacity10ktPerYear: number;
}

import { Type, type Static, type TSchema } from 'typebox';
import { COLLECTION_IDS, MAX_MIN_BLOCK_AREA_M2, MINERALS, OUTCOMES, RIGHT_KINDS, SCALE_CLASSES, type Bilingual as BilingualText } from '@mpm/domain';
import { SettingBaseVersion, SettingVersion } from './versions.ts';

/** A text in both UI languages (`Bilingual` of `@mpm/domain`, tied to the schema by `test/types.test.ts`). */
export const Bilingual = Type.Object({ zh: Type.String(), en: Type.String() }, { additionalProperties: false });
export type Bilingual = BilingualText;

export const Mineral = Type.Enum(MINERALS);
export const CollectionId = Type.Enum(COLLECTION_IDS);

/** Rule outcomes, worst first: 禁止, 限制, 需论证, 提示. */
export const Outcome = Type.Enum(OUTCOMES);
export const RightKind = Type.Enum(RIGHT_KINDS);
export const ScaleClass = Type.Enum(SCALE_CLASSES);

/** The buffer widths a county sets, in the order shown to people. */
export const BUFFER_KEYS = [
  'railwayM',
  'nationalRoadM',
  'provincialRoadM',
  'countyRoadM',
  'townshipRoadM',
  'bridgeM',
  'tunnelPortalM',
  'roadVisibleRangeM',
  'riverVisibleRangeM',
] as const;
export type BufferKey = (typeof BUFFER_KEYS)[number];
export const BufferKey = Type.Enum(BUFFER_KEYS);

/** Widest buffer a county may set, in metres (20 km: far beyond any statutory strip). */
export const MAX_BUFFER_M = 20_000;

const perBufferKey = <T extends TSchema>(value: T) =>
  Type.Object(Object.fromEntries(BUFFER_KEYS.map((key) => [key, value])) as Record<BufferKey, T>, {
    additionalProperties: false,
  });

/** Buffer widths in metres per line class (a width 0..20 000 m each). */
export const BufferSettings = perBufferKey(Type.Number({ minimum: 0, maximum: MAX_BUFFER_M }));
export type BufferSettings = Static<typeof BufferSettings>;

/** Widths to change, at least one. */
export const BufferSettingsPatch = Type.Partial(BufferSettings, { additionalProperties: false, minProperties: 1 });
export type BufferSettingsPatch = Static<typeof BufferSettingsPatch>;

/** `PUT /api/settings/buffers`: the widths to change (at least one), and the version they were based on. */
export const BufferSettingsBody = Type.Object(
  { ...BufferSettingsPatch.properties, baseVersion: SettingBaseVersion },
  { additionalProperties: false, minProperties: 1 },
);
export type BufferSettingsBody = Static<typeof BufferSettingsBody>;

/** `GET /api/settings/buffers`: the county's widths, the ruleset's defaults and their legal basis, and their version. */
export const BufferSettingsResponse = Type.Object({
  buffers: BufferSettings,
  defaults: BufferSettings,
  legalBasis: perBufferKey(Bilingual),
  ...SettingVersion.properties,
});
export type BufferSettingsResponse = Static<typeof BufferSettingsResponse>;

const strict = { additionalProperties: false } as const;

/** `GET/PUT /api/settings/blocks`: the county's settings of proposed blocks (admins change them). */
export const BlockSettings = Type.Object(
  {
    /** A block smaller than this, in m² on the ellipsoid, is refused by the check and by saving. */
    minBlockAreaM2: Type.Number({ minimum: 0, maximum: MAX_MIN_BLOCK_AREA_M2 }),
  },
  strict,
);
export type BlockSettings = Static<typeof BlockSettings>;

/** `PUT /api/settings/blocks`: the settings, and the version they were based on. */
export const BlockSettingsBody = Type.Object({ ...BlockSettings.properties, baseVersion: SettingBaseVersion }, strict);
export type BlockSettingsBody = Static<typeof BlockSettingsBody>;

/** `GET`/`PUT /api/settings/blocks` answer: the settings, the default, and their version. */
export const BlockSettingsResponse = Type.Object(
  { ...BlockSettings.properties, defaultMinBlockAreaM2: Type.Number(), ...SettingVersion.properties },
  strict,
);
export type BlockSettingsResponse = Static<typeof BlockSettingsResponse>;
const Count = Type.Integer({ minimum: 0 });

/** A spatial rule of the ruleset (`ZoneRule` in `@mpm/rules`); unknown members are refused. */
export const ZoneRule = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    collections: Type.Array(CollectionId, { minItems: 1 }),
    filter: Type.Optional(
      Type.Object({ properties: Type.Array(Type.String(), { minItems: 1 }), values: Type.Array(Type.String(), { minItems: 1 }) }, strict),
    ),
    relation: Type.Enum(['overlaps', 'withinDistance', 'outsideAll']),
    distance: Type.Optional(
      Type.Union([BufferKey, Type.Object({ property: Type.String(), byValue: Type.Record(Type.String(), BufferKey) }, strict)]),
    ),
    minerals: Type.Optional(Type.Array(Mineral, { minItems: 1 })),
    rightKinds: Type.Optional(Type.Array(RightKind, { minItems: 1 })),
    outcome: Outcome,
    /** m², for `overlaps` and `outsideAll`: the rule's own sliver tolerance (the ruleset's when absent). */
    toleranceM2: Type.Optional(Type.Number({ minimum: 0 })),
    title: Bilingual,
    legalBasis: Bilingual,
  },
  strict,
);

/** The longest source citation a step of a staged target keeps. */
export const MAX_TARGET_SOURCE_CHARS = 500;

/**
 * One step of a staged target (`TargetStep` of `@mpm/rules`): `percent` by the end of `year`
 * (the plan's last year when absent), with the words of the document it comes from.
 */
export const TargetStep = Type.Object(
  {
    year: Type.Optional(Type.Integer({ minimum: 1949, maximum: 2100 })),
    percent: Type.Number({ minimum: 0, maximum: 100 }),
    source: Type.String({ minLength: 1, maxLength: MAX_TARGET_SOURCE_CHARS }),
  },
  strict,
);
export type TargetStep = Static<typeof TargetStep>;

const MineralCounts = Type.Partial(Type.Record(Mineral, Type.Number({ minimum: 0 })), strict);

/**
 * A ruleset file (`data/rulesets/*.json`), checked at boot: the `Ruleset` of `@mpm/rules` plus
 * the plan period, whose end decides whether minimum indicators not reached are missed.
 */
export const Ruleset = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    title: Bilingual,
    planPeriod: Type.Object({ from: Type.Integer({ minimum: 1949 }), to: Type.Integer({ minimum: 1949 }) }, strict),
    sliverToleranceM2: Type.Number({ minimum: 0 }),
    zoneRules: Type.Array(ZoneRule),
    minimumScales: Type.Array(
      Type.Object(
        { mineral: Mineral, min10ktPerYear: Type.Number({ minimum: 0 }), outcome: Type.Optional(Outcome), legalBasis: Bilingual },
        strict,
      ),
    ),
    concentratedZoneScale: Type.Object({ outcome: Type.Optional(Outcome), legalBasis: Bilingual }, strict),
    concentratedZoneRights: Type.Object({ outcome: Type.Optional(Outcome), legalBasis: Bilingual }, strict),
    concentratedZoneExtraction: Type.Object({ outcome: Type.Optional(Outcome), legalBasis: Bilingual }, strict),
    oneHolderPerBlock: Type.Object({ outcome: Outcome, legalBasis: Bilingual }, strict),
    indicators: Type.Object(
      {
        maxMines: Count,
        maxMinesByMineral: MineralCounts,
        sandGravelClayMinerals: Type.Array(Mineral),
        maxSandGravelClayMines: Count,
        /** 大中型矿山比例 as a staged series, years ascending (each year once; a step without one last). */
        largeMediumRatioSteps: Type.Array(TargetStep, { minItems: 1, maxItems: 20 }),
        /** 开采总量 the plan expects to reach (万吨 a year): an expected indicator, never a cap on a new mine. */
        expectedExtraction10kt: Type.Number({ minimum: 0 }),
        expectedExtraction10ktByMineral: MineralCounts,
        /** The outcome of a block that would break a cap (`restricted` when absent). */
        outcome: Type.Optional(Outcome),
        legalBasis: Bilingual,
      },
      strict,
    ),
    bufferDefaults: BufferSettings,
    bufferLegalBasis: perBufferKey(Bilingual),
  },
  strict,
);
export type Ruleset = Static<typeof Ruleset>;

/**
 * `GET /api/rules`: the ruleset in force (the register's version `rulesetVersion` over the file)
 * and the county's effective buffers, for the browser engine.
 */
export const RulesResponse = Type.Object({ ruleset: Ruleset, rulesetVersion: Type.Integer({ minimum: 0 }), buffers: BufferSettings });
export type RulesResponse = Static<typeof RulesResponse>;

/** What the planner states with the block (`Proposal` in `@mpm/rules`). */
export const Proposal = Type.Object(
  {
    mineral: Mineral,
    capacity10ktPerYear: Type.Number({ minimum: 0, maximum: 100_000 }),
    rightKind: RightKind,
    licenceNo: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    holder: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    scaleClass: Type.Optional(ScaleClass),
  },
  strict,
);
export type Proposal = Static<typeof Proposal>;

/**
 * A block as GeoJSON Polygon or MultiPolygon in EPSG:4490 lon/lat. Deliberately unchecked by the
 * schema: the server validates it in code, so that every problem gets a message with its place.
 */
export const BlockGeometry = Type.Unsafe<GeoJSON.Polygon | GeoJSON.MultiPolygon>({
  description: 'GeoJSON Polygon or MultiPolygon, EPSG:4490 [lon, lat]',
});

/** The longest corner-point list accepted, in characters (UTF-16 units, as the schema counts): the browser says so before reading one. */
export const CORNER_LIST_MAX_CHARS = 200_000;

/** A corner-point list (拐点坐标) as pasted, in any of the three formats. */
export const CornerListInput = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: CORNER_LIST_MAX_CHARS }),
    /** Gauss–Krüger zone number, for eastings written without the prefix (13–23: 6°, 25–45: 3°). */
    zone: Type.Optional(Type.Integer({ minimum: 13, maximum: 45 })),
  },
  strict,
);
export type CornerListInput = Static<typeof CornerListInput>;

/** `POST /api/check`: exactly one of `geometry` and `cornerList`, and the proposal. */
export const CheckBody = Type.Object(
  {
    geometry: Type.Optional(BlockGeometry),
    cornerList: Type.Optional(CornerListInput),
    proposal: Proposal,
  },
  strict,
);
export type CheckBody = Static<typeof CheckBody>;

/**
 * `POST /api/check?asOf=YYYY-MM-DD`: check against the licence register as it stood at the end of
 * that day (the other layers and the ruleset as they stand); a day not yet past is today.
 */
export const CheckQuery = Type.Object({ asOf: Type.Optional(Type.String({ format: 'date' })) }, strict);
export type CheckQuery = Static<typeof CheckQuery>;

/** One verdict (`Finding` in `@mpm/rules`). */
export const Finding = Type.Object({
  ruleId: Type.String(),
  outcome: Outcome,
  collection: Type.Optional(CollectionId),
  featureId: Type.Optional(Type.Integer()),
  featureName: Type.Optional(Type.String()),
  title: Bilingual,
  legalBasis: Bilingual,
  message: Bilingual,
  overlapAreaM2: Type.Optional(Type.Number()),
  overlapAreaMu: Type.Optional(Type.Number()),
  overlapAreaHa: Type.Optional(Type.Number()),
  overlapPercent: Type.Optional(Type.Number()),
  distanceM: Type.Optional(Type.Number()),
  requiredDistanceM: Type.Optional(Type.Number()),
  possibleBoundaryOffset: Type.Optional(Type.Boolean()),
});
export type Finding = Static<typeof Finding>;

/** One plan indicator (`Indicator` in `@mpm/rules`). */
export const Indicator = Type.Object({
  id: Type.String(),
  title: Bilingual,
  kind: Type.Enum(['max', 'min']),
  /** 约束性 (binding) or 预期性 (expected: a total to reach, never a finding). */
  nature: Type.Enum(['binding', 'expected']),
  value: Type.Number(),
  target: Type.Number(),
  unit: Type.Enum(['count', 'percent', '10kt']),
  state: Type.Enum(['met', 'atRisk', 'missed']),
  /** For extraction: actual output of `outputYear`, or the mines' design capacity while no output is given. */
  basis: Type.Optional(Type.Enum(['actualOutput', 'designCapacity'])),
  outputYear: Type.Optional(Type.Integer()),
  /** For a staged target: the step judged (due by the end of `targetYear`; null: the end of the plan), its source, and every step. */
  targetYear: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  targetSource: Type.Optional(Type.String()),
  steps: Type.Optional(
    Type.Array(Type.Object({ year: Type.Union([Type.Integer(), Type.Null()]), percent: Type.Number(), source: Type.String() })),
  ),
});
export type Indicator = Static<typeof Indicator>;

/** `POST /api/check` answer: the block's area (ellipsoidal), findings worst first, indicators. */
export const CheckResponse = Type.Object({
  areaM2: Type.Number(),
  areaMu: Type.Number(),
  areaHa: Type.Number(),
  /** km² to 4 decimals (MNR 2022 area notice). */
  areaKm2: Type.Number(),
  /** The block as checked, EPSG:4490 lon/lat (for a corner list: as parsed). */
  geometry: BlockGeometry,
  /** For a corner list: its format and the EPSG code of its Gauss–Krüger zone. */
  cornerList: Type.Optional(Type.Object({ format: Type.String(), epsg: Type.Integer() })),
  findings: Type.Array(Finding),
  indicators: Type.Object({ before: Type.Array(Indicator), after: Type.Array(Indicator) }),
  worstOutcome: Type.Union([Outcome, Type.Null()]),
  rulesetId: Type.String(),
  /** The version of the ruleset's register the check ran under (`GET /api/ruleset/versions`). */
  rulesetVersion: Type.Integer({ minimum: 0 }),
  /** Whether the plan period was over on the check date (minimum indicators then count as missed). */
  periodEnded: Type.Boolean(),
  checkedAt: Type.String({ format: 'date-time' }),
  /** The day (China time) whose licence register the check measured: today, or the past day asked. */
  asOf: Type.String({ format: 'date' }),
});
export type CheckResponse = Static<typeof CheckResponse>;

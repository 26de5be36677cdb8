import { Type, type Static } from 'typebox';
import { MINE_CATEGORIES, REPORT_PERIODS, RESTORATION_STATUSES } from '@mpm/domain';
import { Bilingual, Indicator, Ruleset } from './check.ts';
import { SettingBaseVersion, SettingVersion } from './versions.ts';

const strict = { additionalProperties: false } as const;
const IsoDate = Type.String({ format: 'date' });
const Timestamp = Type.String({ format: 'date-time' });
const Year = Type.Integer({ minimum: 1949, maximum: 2200 });
const TownshipCode = Type.String({ pattern: '^[0-9]{9,12}$' });

export const MineCategory = Type.Enum(MINE_CATEGORIES);
export const RestorationStatus = Type.Enum(RESTORATION_STATUSES);
export const ReportPeriod = Type.Enum(REPORT_PERIODS);

/**
 * A target row as the county's document states it: area in mu to restore in `year` for the mine
 * categories it names (the Xinbin table groups policy-closed and abandoned mines in one column).
 */
export const RestorationTarget = Type.Object(
  {
    id: Type.Optional(Type.Integer()),
    year: Year,
    categories: Type.Array(MineCategory, { minItems: 1, uniqueItems: true }),
    targetMu: Type.Number({ minimum: 0, maximum: 1_000_000 }),
    /** Where the figure comes from (document and section). */
    source: Type.String({ maxLength: 400 }),
  },
  strict,
);
export type RestorationTarget = Static<typeof RestorationTarget>;

/** A total the document states over several years and categories, checked against its parts. */
export const StatedTotal = Type.Object(
  {
    id: Type.Optional(Type.Integer()),
    label: Bilingual,
    fromYear: Year,
    toYear: Year,
    categories: Type.Array(MineCategory, { minItems: 1, uniqueItems: true }),
    statedMu: Type.Number({ minimum: 0, maximum: 1_000_000 }),
    source: Type.String({ maxLength: 400 }),
  },
  strict,
);
export type StatedTotal = Static<typeof StatedTotal>;

/**
 * The years the restoration plan covers (e.g. 2018–2022 for Xinbin's 规划（2018-2022年）): every
 * target and stated total must lie inside it, and the year slider runs over it.
 */
export const RestorationPeriod = Type.Object(
  { fromYear: Year, toYear: Year, source: Type.String({ maxLength: 400 }) },
  strict,
);
export type RestorationPeriod = Static<typeof RestorationPeriod>;

/**
 * `GET /api/restoration/targets` (anyone) and `PUT` (admin, replaces all, audited). `period`:
 * the plan's years (null while a fresh county has none); a `PUT` without it keeps the stored one.
 * A `PUT` is refused (400, naming the item) for a year outside the period, a stated total whose
 * years run backwards, two targets of one year sharing a category, or a stated total that would
 * split a target's category group (its sum of parts could not be computed). Targets, stated
 * totals and period are one record with one version (`baseVersion` in a `PUT`).
 */
export const RestorationTargetsBody = Type.Object(
  {
    targets: Type.Array(RestorationTarget, { maxItems: 500 }),
    statedTotals: Type.Array(StatedTotal, { maxItems: 100 }),
    period: Type.Optional(Type.Union([RestorationPeriod, Type.Null()])),
    baseVersion: SettingBaseVersion,
  },
  strict,
);
export type RestorationTargetsBody = Static<typeof RestorationTargetsBody>;

/** `GET`/`PUT /api/restoration/targets` answer: the targets, stated totals and period as stored, and their version. */
export const RestorationTargetsResponse = Type.Object(
  {
    targets: RestorationTargetsBody.properties.targets,
    statedTotals: RestorationTargetsBody.properties.statedTotals,
    period: Type.Union([RestorationPeriod, Type.Null()]),
    ...SettingVersion.properties,
  },
  strict,
);
export type RestorationTargetsResponse = Static<typeof RestorationTargetsResponse>;

/** `GET /api/restoration/summary?township=…&asOf=…` (anyone). */
export const RestorationSummaryQuery = Type.Object(
  { township: Type.Optional(TownshipCode), asOf: Type.Optional(IsoDate) },
  strict,
);
export type RestorationSummaryQuery = Static<typeof RestorationSummaryQuery>;

/**
 * One row per target year and target category group: the target, the area of parcels planned for
 * it, and the area restored (from progress records) by the end of that year (or by `asOf` when
 * that comes first) and by `asOf`. `category` is the group's key: the single category, or the
 * categories joined by `+`. Targets are county-wide: with `township`, `targetMu` is still the
 * county's figure while `plannedMu` and `doneMu` are the township's.
 * Restored area is the `doneMu` of each parcel's latest progress record on the day.
 */
export const RestorationSummaryRow = Type.Object({
  year: Year,
  category: Type.String(),
  categories: Type.Array(MineCategory),
  targetMu: Type.Number(),
  plannedMu: Type.Number(),
  doneMu: Type.Number(),
  doneToDateMu: Type.Number(),
});
export type RestorationSummaryRow = Static<typeof RestorationSummaryRow>;

/** Restored area by year, township and single mine category (charts and the township table). */
export const RestorationDetailRow = Type.Object({
  year: Year,
  townshipCode: Type.String(),
  townshipName: Type.String(),
  category: MineCategory,
  plannedMu: Type.Number(),
  doneMu: Type.Number(),
  doneToDateMu: Type.Number(),
  parcels: Type.Integer(),
});
export type RestorationDetailRow = Static<typeof RestorationDetailRow>;

/** A stated total against the sum of its parts; `differenceMu` = stated − sum (0 when they agree). */
export const RestorationDiscrepancy = Type.Object({
  label: Bilingual,
  fromYear: Year,
  toYear: Year,
  categories: Type.Array(MineCategory),
  statedMu: Type.Number(),
  sumOfPartsMu: Type.Number(),
  differenceMu: Type.Number(),
  source: Type.String(),
});
export type RestorationDiscrepancy = Static<typeof RestorationDiscrepancy>;

export const RestorationSummaryResponse = Type.Object({
  asOf: IsoDate,
  township: Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()]),
  rows: Type.Array(RestorationSummaryRow),
  details: Type.Array(RestorationDetailRow),
  /** Every stated total, agreeing or not; the page flags those with a non-zero difference. */
  discrepancies: Type.Array(RestorationDiscrepancy),
  /** The plan's years (null when the county has set none). */
  period: Type.Optional(Type.Union([RestorationPeriod, Type.Null()])),
});
export type RestorationSummaryResponse = Static<typeof RestorationSummaryResponse>;

/**
 * `GET /api/restoration/parcels?asOf=YYYY-MM-DD` or `?year=2020` (the end of that year, which must
 * lie in the plan period); neither: today. Anyone, while the county publishes the parcels' status.
 */
export const ParcelStatesQuery = Type.Object({ asOf: Type.Optional(IsoDate), year: Type.Optional(Year) }, strict);
export type ParcelStatesQuery = Static<typeof ParcelStatesQuery>;

/** Each parcel's status on `asOf` (its latest progress record on or before it; `planned` without one), for the year slider. */
export const ParcelStatesResponse = Type.Object({
  asOf: IsoDate,
  parcels: Type.Array(
    Type.Object({ id: Type.Integer(), status: RestorationStatus, doneMu: Type.Number(), areaMu: Type.Number() }),
  ),
});
export type ParcelStatesResponse = Static<typeof ParcelStatesResponse>;

/**
 * `POST /api/restoration/parcels/:id/progress` (inspector, admin); `GET` lists a parcel's records
 * (staff). Records are never changed or deleted. `doneMu` is the parcel's area restored so far
 * (cumulative), at most its area (+0.01 mu). Refused (400): a date in the future or before the
 * parcel's latest record, and going back (a lower status or less area done) without a `reason`.
 * `photoId`: a photo already uploaded (the ledger's `photos`).
 */
export const ProgressRecordBody = Type.Object(
  {
    recordedOn: IsoDate,
    status: RestorationStatus,
    doneMu: Type.Number({ minimum: 0, maximum: 1_000_000 }),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    photoId: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  strict,
);
export type ProgressRecordBody = Static<typeof ProgressRecordBody>;

/** Path of a parcel's progress records. */
export const ParcelParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }, strict);
export type ParcelParams = Static<typeof ParcelParams>;

/** One progress record; `recordedBy` is the user's display name, `系统` for records the system made (demo load). */
export const ProgressRecordView = Type.Object({
  id: Type.Integer(),
  parcelId: Type.Integer(),
  recordedOn: IsoDate,
  status: RestorationStatus,
  doneMu: Type.Number(),
  note: Type.Union([Type.String(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  photoId: Type.Union([Type.Integer(), Type.Null()]),
  recordedBy: Type.String(),
  createdAt: Timestamp,
  /** On a parcel made by a split or merge: the parent records this one was carried over from. */
  carriedFrom: Type.Optional(Type.Array(Type.Integer())),
});
export type ProgressRecordView = Static<typeof ProgressRecordView>;

export const ProgressRecordsResponse = Type.Object({ records: Type.Array(ProgressRecordView) });
export type ProgressRecordsResponse = Static<typeof ProgressRecordsResponse>;

/**
 * `GET /api/indicators?asOf=YYYY-MM-DD` (staff): the day the indicators are judged at (today by
 * default; a day not yet past is today), on the licence register as it stood at the end of it.
 */
export const IndicatorsQuery = Type.Object({ asOf: Type.Optional(IsoDate) }, strict);
export type IndicatorsQuery = Static<typeof IndicatorsQuery>;

/** `GET /api/indicators` (staff): each plan indicator from the rights data, judged at `asOf`. */
export const IndicatorsResponse = Type.Object({
  asOf: IsoDate,
  rulesetId: Type.String(),
  periodEnded: Type.Boolean(),
  indicators: Type.Array(Indicator),
});
export type IndicatorsResponse = Static<typeof IndicatorsResponse>;

/** The plan's binding indicator targets as numbers a county may override (the ruleset's `indicators` without its outcome and legal basis, which the rule register keeps). */
export const IndicatorTargets = Type.Omit(Ruleset.properties.indicators, ['legalBasis', 'outcome'], strict);
export type IndicatorTargets = Static<typeof IndicatorTargets>;

/** Indicator targets to change, at least one; the others keep their value. */
export const IndicatorTargetsPatch = Type.Partial(IndicatorTargets, { ...strict, minProperties: 1 });
export type IndicatorTargetsPatch = Static<typeof IndicatorTargetsPatch>;

/** `PUT /api/settings/indicators` (admin, audited): the targets to change (at least one), and the version they were based on. */
export const IndicatorTargetsBody = Type.Object(
  { ...IndicatorTargetsPatch.properties, baseVersion: SettingBaseVersion },
  { ...strict, minProperties: 1 },
);
export type IndicatorTargetsBody = Static<typeof IndicatorTargetsBody>;

/** `GET /api/settings/indicators` (staff): the county's effective targets, the ruleset's defaults and their legal basis, and their version. */
export const IndicatorSettingsResponse = Type.Object({
  indicators: IndicatorTargets,
  defaults: IndicatorTargets,
  legalBasis: Bilingual,
  ...SettingVersion.properties,
});
export type IndicatorSettingsResponse = Static<typeof IndicatorSettingsResponse>;

/** `GET /api/reports/progress.pdf?period=month&year=2022&month=6` (staff); `half` 1 or 2 for a half-year. */
export const ProgressReportQuery = Type.Object(
  {
    period: ReportPeriod,
    year: Year,
    month: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })),
    half: Type.Optional(Type.Integer({ minimum: 1, maximum: 2 })),
    /** The page's language switch; else the request's Accept-Language. */
    lang: Type.Optional(Type.Enum(['zh', 'en'])),
  },
  strict,
);
export type ProgressReportQuery = Static<typeof ProgressReportQuery>;

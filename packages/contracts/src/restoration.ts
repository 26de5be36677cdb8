import { Type, type Static } from 'typebox';
import { MINE_CATEGORIES, REPORT_PERIODS, RESTORATION_STATUSES } from '@mpm/domain';
import { Bilingual, Indicator } from './check.ts';

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

/** `GET /api/restoration/targets` (anyone) and `PUT` (admin, replaces all, audited). */
export const RestorationTargetsBody = Type.Object(
  { targets: Type.Array(RestorationTarget, { maxItems: 500 }), statedTotals: Type.Array(StatedTotal, { maxItems: 100 }) },
  strict,
);
export type RestorationTargetsBody = Static<typeof RestorationTargetsBody>;

/** `GET /api/restoration/summary?township=…&asOf=…` (anyone). */
export const RestorationSummaryQuery = Type.Object(
  { township: Type.Optional(TownshipCode), asOf: Type.Optional(IsoDate) },
  strict,
);
export type RestorationSummaryQuery = Static<typeof RestorationSummaryQuery>;

/**
 * One row per target year and target category group: the target, the area of parcels planned for
 * it, and the area restored (from progress records) by the end of that year and by `asOf`.
 * `category` is the group's key: the single category, or the categories joined by `+`.
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
});
export type RestorationSummaryResponse = Static<typeof RestorationSummaryResponse>;

/** `GET /api/restoration/parcels?asOf=YYYY-MM-DD` (anyone): each parcel's status on that day, for the year slider. */
export const ParcelStatesResponse = Type.Object({
  asOf: IsoDate,
  parcels: Type.Array(
    Type.Object({ id: Type.Integer(), status: RestorationStatus, doneMu: Type.Number(), areaMu: Type.Number() }),
  ),
});
export type ParcelStatesResponse = Static<typeof ParcelStatesResponse>;

/** `POST /api/restoration/parcels/:id/progress` (inspector, admin). Going back in status needs a reason. */
export const ProgressRecordBody = Type.Object(
  {
    recordedOn: IsoDate,
    status: RestorationStatus,
    doneMu: Type.Number({ minimum: 0 }),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
  },
  strict,
);
export type ProgressRecordBody = Static<typeof ProgressRecordBody>;

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
});
export type ProgressRecordView = Static<typeof ProgressRecordView>;

/** `GET /api/indicators` (staff): each plan indicator from the rights data today. */
export const IndicatorsResponse = Type.Object({
  asOf: IsoDate,
  rulesetId: Type.String(),
  periodEnded: Type.Boolean(),
  indicators: Type.Array(Indicator),
});
export type IndicatorsResponse = Static<typeof IndicatorsResponse>;

/** `GET /api/reports/progress.pdf?period=month&year=2022&month=6` (staff); `half` 1 or 2 for a half-year. */
export const ProgressReportQuery = Type.Object(
  {
    period: ReportPeriod,
    year: Year,
    month: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })),
    half: Type.Optional(Type.Integer({ minimum: 1, maximum: 2 })),
  },
  strict,
);
export type ProgressReportQuery = Static<typeof ProgressReportQuery>;

import { Type, type Static } from 'typebox';
import { FOUR_AREAS, MILESTONE_REQUIREMENTS, MILESTONE_STATES } from '@mpm/domain';
import { Bilingual, CollectionId } from './check.ts';
import { MineCategory, RestorationStatus } from './restoration.ts';

const strict = { additionalProperties: false } as const;
const IsoDate = Type.String({ format: 'date' });
const Year = Type.Integer({ minimum: 1949, maximum: 2200 });

/** A deadline of the 四区两线 parcels (seed 001 一、工作目标: 基本 by end-2020, all by end-2022). */
export const PriorityMilestone = Type.Object(
  {
    deadline: IsoDate,
    requirement: Type.Enum(MILESTONE_REQUIREMENTS),
    label: Bilingual,
    source: Type.String({ maxLength: 400 }),
  },
  strict,
);
export type PriorityMilestone = Static<typeof PriorityMilestone>;

/** How many policy-closed mines the campaign restores over some years (seed 001: 12个左右 2018–2020, 9个左右 2021–2022). */
export const ClosedMineTarget = Type.Object(
  {
    fromYear: Year,
    toYear: Year,
    /** The document's count, which it gives as "about" (左右). */
    approxMines: Type.Integer({ minimum: 0, maximum: 10_000 }),
    source: Type.String({ maxLength: 400 }),
  },
  strict,
);
export type ClosedMineTarget = Static<typeof ClosedMineTarget>;

/** The campaign's 四区两线 deadlines and closed-mine counts, as the county's document states them (stored with the targets' plan). */
export const RestorationCampaignPlan = Type.Object(
  { milestones: Type.Array(PriorityMilestone, { maxItems: 20 }), closedMineTargets: Type.Array(ClosedMineTarget, { maxItems: 20 }) },
  strict,
);
export type RestorationCampaignPlan = Static<typeof RestorationCampaignPlan>;

/**
 * Who answers for a parcel: its mine (the mining right it belongs to), or, when the responsible
 * party is gone (责任人灭失: no right), the township it lies in (seed 001 三（二）: 乡镇负总责).
 * A mine's licence and name are null for anonymous callers while the county hides the rights layer.
 */
export const ParcelResponsible = Type.Union([
  Type.Object({
    kind: Type.Literal('mine'),
    miningRightId: Type.Integer(),
    licenceNo: Type.Union([Type.String(), Type.Null()]),
    mineName: Type.Union([Type.String(), Type.Null()]),
  }),
  Type.Object({ kind: Type.Literal('township'), townshipCode: Type.String(), townshipName: Type.String() }),
]);
export type ParcelResponsible = Static<typeof ParcelResponsible>;

/** One current parcel: its 四区 and the two lines it is in view of (derived from the layers, never stored), and who answers for it. */
export const CampaignParcel = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  category: MineCategory,
  plannedYear: Year,
  areaMu: Type.Number(),
  status: RestorationStatus,
  fourAreas: Type.Array(Type.Enum(FOUR_AREAS)),
  twoLines: Type.Array(CollectionId),
  responsible: ParcelResponsible,
});
export type CampaignParcel = Static<typeof CampaignParcel>;

/** A milestone judged on `judgedOn` (its deadline, or `asOf` while it is ahead): the 四区两线 parcels and those restored by then. */
export const MilestoneProgress = Type.Object({
  ...PriorityMilestone.properties,
  judgedOn: IsoDate,
  parcels: Type.Integer(),
  areaMu: Type.Number(),
  restoredParcels: Type.Integer(),
  restoredMu: Type.Number(),
  state: Type.Enum(MILESTONE_STATES),
});
export type MilestoneProgress = Static<typeof MilestoneProgress>;

/**
 * Policy-closed mines of the target's years against its count: a mine is its mining right, or,
 * without one, its parcel; restored when all its parcels of those years are, by the end of the
 * last year (or `asOf`, when that comes first).
 */
export const ClosedMineProgress = Type.Object({
  ...ClosedMineTarget.properties,
  plannedMines: Type.Integer(),
  restoredMines: Type.Integer(),
  plannedMu: Type.Number(),
});
export type ClosedMineProgress = Static<typeof ClosedMineProgress>;

/** Restoration by who answers for it: one row per mine, and one per township for the parcels without one. */
export const ResponsibleRow = Type.Object({
  responsible: ParcelResponsible,
  parcels: Type.Integer(),
  plannedMu: Type.Number(),
  restoredMu: Type.Number(),
});
export type ResponsibleRow = Static<typeof ResponsibleRow>;

/** `GET /api/restoration/campaign?asOf=` (anyone, while the county publishes the parcels). */
export const RestorationCampaignQuery = Type.Object({ asOf: Type.Optional(IsoDate) }, strict);
export type RestorationCampaignQuery = Static<typeof RestorationCampaignQuery>;

export const RestorationCampaignResponse = Type.Object({
  asOf: IsoDate,
  /** The two lines and their visible range in metres, as the check uses them (ruleset rules, county buffers). */
  visibleRanges: Type.Array(Type.Object({ collection: CollectionId, withinM: Type.Number() })),
  parcels: Type.Array(CampaignParcel),
  milestones: Type.Array(MilestoneProgress),
  closedMines: Type.Array(ClosedMineProgress),
  byResponsible: Type.Array(ResponsibleRow),
});
export type RestorationCampaignResponse = Static<typeof RestorationCampaignResponse>;

import { Type, type Static } from 'typebox';
import { PROPOSAL_STATUSES, PROPOSAL_STEPS } from '@mpm/domain';
import { BlockGeometry, CheckBody, Mineral, Outcome, Proposal } from './check.ts';

const strict = { additionalProperties: false } as const;

/** Largest id or version a route accepts (PostgreSQL `integer`). */
export const MAX_PROPOSAL_ID = 2_147_483_647;

const ProposalId = Type.Integer({ minimum: 1, maximum: MAX_PROPOSAL_ID });
const ProposalName = Type.String({ minLength: 1, maxLength: 200 });
const Note = Type.String({ maxLength: 4000 });
const Timestamp = Type.String({ format: 'date-time' });

/**
 * `POST /api/proposals`: a name, the block (exactly one of `geometry` and `cornerList`, as for
 * `POST /api/check`), the planner's attributes and an optional note. Answers version 1.
 */
export const CreateProposalBody = Type.Object({ name: ProposalName, ...CheckBody.properties, note: Type.Optional(Note) }, strict);
export type CreateProposalBody = Static<typeof CreateProposalBody>;

/**
 * `PUT /api/proposals/:id`: a new version made from `baseVersion`. When another save came
 * first (`baseVersion` is no longer the current version) the answer is 409 `version_conflict`.
 */
export const UpdateProposalBody = Type.Object(
  {
    baseVersion: ProposalId,
    name: Type.Optional(ProposalName),
    ...CheckBody.properties,
    note: Type.Optional(Note),
  },
  strict,
);
export type UpdateProposalBody = Static<typeof UpdateProposalBody>;

export const ProposalParams = Type.Object({ id: ProposalId }, strict);
export type ProposalParams = Static<typeof ProposalParams>;

export const ProposalVersionParams = Type.Object({ id: ProposalId, version: ProposalId }, strict);
export type ProposalVersionParams = Static<typeof ProposalVersionParams>;

/** `GET /api/proposals/:id/report.pdf?version=N`: the latest version when `version` is absent. */
export const ProposalReportQuery = Type.Object({ version: Type.Optional(ProposalId) }, strict);
export type ProposalReportQuery = Static<typeof ProposalReportQuery>;

/** Where a proposal stands in its workflow (草稿, 已送审, 已退回, 已撤回, 已同意, 已登记为矿业权, 已删除). */
export const ProposalStatus = Type.Enum(PROPOSAL_STATUSES);
/** A step of the workflow (送审, 撤回, 同意, 退回, 删除, 登记为矿业权). */
export const ProposalStep = Type.Enum(PROPOSAL_STEPS);

const Day = Type.String({ format: 'date' });

/**
 * `GET /api/proposals`: the proposals whose last change (a save or a step) is newest first,
 * filtered by status (any of those given; deleted ones only when asked for), mineral, the planner
 * who created them, the day of the last change (`from`/`to`, China time, inclusive) and text
 * (`q`: in the name, the holder, the licence number stated or granted).
 */
export const ProposalListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_PROPOSAL_ID, default: 0 })),
    status: Type.Optional(Type.Array(ProposalStatus, { maxItems: PROPOSAL_STATUSES.length })),
    mineral: Type.Optional(Mineral),
    ownerId: Type.Optional(ProposalId),
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    q: Type.Optional(Type.String({ maxLength: 100 })),
  },
  strict,
);
export type ProposalListQuery = Static<typeof ProposalListQuery>;

/** The block's ellipsoidal area in the units the documents mix (km² to 4 decimals). */
const Areas = {
  areaM2: Type.Number(),
  areaMu: Type.Number(),
  areaHa: Type.Number(),
  areaKm2: Type.Number(),
};

/** What the check said when the version was saved. */
const SavedCheck = {
  worstOutcome: Type.Union([Outcome, Type.Null()]),
  rulesetId: Type.String(),
  /** The ruleset version the check ran under; null for a version saved before the ruleset had versions. */
  rulesetVersion: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
};

/** Who saved a version and when. */
const Saved = { createdBy: Type.String(), createdAt: Timestamp };

/**
 * The proposal's place in its workflow. `revision` counts every write to the proposal (a saved
 * version or a step): a step sends it back as `baseRevision`. `allowedSteps` are those the caller
 * may take now; `grantedLicenceNo` is the licence it became.
 */
const Workflow = {
  status: ProposalStatus,
  revision: Type.Integer({ minimum: 1 }),
  ownerId: Type.Integer(),
  ownerName: Type.String(),
  grantedLicenceNo: Type.Union([Type.String(), Type.Null()]),
};

/** One saved version in full: the block (EPSG:4490 lon/lat MultiPolygon) and its attributes. */
export const ProposalVersionView = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  version: Type.Integer(),
  currentVersion: Type.Integer(),
  geometry: BlockGeometry,
  proposal: Proposal,
  /** The corner-point list as pasted, verbatim, when the block came from one. */
  cornerListText: Type.Union([Type.String(), Type.Null()]),
  /** The Gauss–Krüger zone stated with that list, if any. */
  cornerListZone: Type.Union([Type.Integer(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  ...Areas,
  ...SavedCheck,
  ...Saved,
  ...Workflow,
  allowedSteps: Type.Array(ProposalStep),
});
export type ProposalVersionView = Static<typeof ProposalVersionView>;

/** One version in a proposal's history, without its geometry. */
export const ProposalVersionSummary = Type.Object({
  version: Type.Integer(),
  mineral: Mineral,
  capacity10ktPerYear: Type.Number(),
  areaKm2: Type.Number(),
  note: Type.Union([Type.String(), Type.Null()]),
  ...SavedCheck,
  ...Saved,
});
export type ProposalVersionSummary = Static<typeof ProposalVersionSummary>;

/** One step in a proposal's history: what, from and to which status, on which version, why, who and when. */
export const ProposalStepView = Type.Object({
  step: ProposalStep,
  fromStatus: ProposalStatus,
  toStatus: ProposalStatus,
  version: Type.Integer(),
  comment: Type.Union([Type.String(), Type.Null()]),
  licenceNo: Type.Union([Type.String(), Type.Null()]),
  by: Type.String(),
  at: Timestamp,
});
export type ProposalStepView = Static<typeof ProposalStepView>;

/** A proposal's history: every version, oldest first, and every step, oldest first. */
export const ProposalVersionsResponse = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  status: ProposalStatus,
  versions: Type.Array(ProposalVersionSummary),
  steps: Type.Array(ProposalStepView),
});
export type ProposalVersionsResponse = Static<typeof ProposalVersionsResponse>;

/** One proposal in the list, described by its latest version. */
export const ProposalSummary = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  currentVersion: Type.Integer(),
  mineral: Mineral,
  areaKm2: Type.Number(),
  worstOutcome: Type.Union([Outcome, Type.Null()]),
  updatedBy: Type.String(),
  updatedAt: Timestamp,
  ...Workflow,
  /** When the proposal last changed (a save or a step): what the list is ordered and filtered by. */
  changedAt: Timestamp,
});
export type ProposalSummary = Static<typeof ProposalSummary>;

/** The page asked for, the total matching, and every planner with a proposal (for the planner filter). */
export const ProposalListResponse = Type.Object({
  total: Type.Integer(),
  proposals: Type.Array(ProposalSummary),
  owners: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
});
export type ProposalListResponse = Static<typeof ProposalListResponse>;

/**
 * A workflow step (`POST /api/proposals/:id/submit|withdraw|approve|return`, `DELETE
 * /api/proposals/:id`): the revision the caller saw (409 `versionConflict` when the proposal
 * changed since) and a comment, required for 退回 (400 `returnCommentRequired`).
 */
export const ProposalStepBody = Type.Object({ baseRevision: ProposalId, comment: Type.Optional(Type.String({ maxLength: 2000 })) }, strict);
export type ProposalStepBody = Static<typeof ProposalStepBody>;

import { Type, type Static } from 'typebox';
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

/** `GET /api/proposals` paging: newest saves first. */
export const ProposalListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_PROPOSAL_ID, default: 0 })),
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
};

/** Who saved a version and when. */
const Saved = { createdBy: Type.String(), createdAt: Timestamp };

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

export const ProposalVersionsResponse = Type.Object({ id: Type.Integer(), name: Type.String(), versions: Type.Array(ProposalVersionSummary) });
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
});
export type ProposalSummary = Static<typeof ProposalSummary>;

export const ProposalListResponse = Type.Object({ total: Type.Integer(), proposals: Type.Array(ProposalSummary) });
export type ProposalListResponse = Static<typeof ProposalListResponse>;

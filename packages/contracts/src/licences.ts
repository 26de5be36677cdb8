import { Type, type Static } from 'typebox';
import { LICENCE_ACTS, LICENCE_EVENT_KINDS, LICENCE_NOTE_MAX, LICENCE_STATES, LICENCE_TEXT_MAX, RIGHT_COLLECTIONS, RIGHT_STATUSES } from '@mpm/domain';
import { BlockGeometry, CornerListInput, Finding, Mineral, ScaleClass } from './check.ts';
import { RightView } from './inspection.ts';

const strict = { additionalProperties: false } as const;
const IsoDate = Type.String({ format: 'date' });
const Text = Type.String({ minLength: 1, maxLength: LICENCE_TEXT_MAX });
const Note = Type.String({ maxLength: LICENCE_NOTE_MAX });

export const RightCollection = Type.Enum(RIGHT_COLLECTIONS);
export const RightStatus = Type.Enum(RIGHT_STATUSES);
export const LicenceAct = Type.Enum(LICENCE_ACTS);
export const LicenceEventKind = Type.Enum(LICENCE_EVENT_KINDS);
export const MiningMethod = Type.Enum(['openPit', 'underground']);

/** `GET /api/licences` (staff): the register searched and filtered, as it stood on `asOf` (today by default). */
export const LicencesQuery = Type.Object(
  {
    /** Part of a licence number, holder or mine name. */
    q: Type.Optional(Type.String({ maxLength: 100 })),
    collection: Type.Optional(RightCollection),
    state: Type.Optional(Type.Enum(LICENCE_STATES)),
    mineral: Type.Optional(Mineral),
    /** A township's code (the township holding most of the right). */
    township: Type.Optional(Type.String({ maxLength: 20 })),
    asOf: Type.Optional(IsoDate),
  },
  strict,
);
export type LicencesQuery = Static<typeof LicencesQuery>;

/** A right in the register list: the licence view with its status, township and version. */
export const LicenceRow = Type.Object({
  ...RightView.properties,
  status: RightStatus,
  township: Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()]),
  /** How many events the right has had: what a change sends back as `baseVersion`. */
  version: Type.Integer({ minimum: 1 }),
});
export type LicenceRow = Static<typeof LicenceRow>;

export const LicencesResponse = Type.Object({
  asOf: IsoDate,
  expiringWithinDays: Type.Integer(),
  licences: Type.Array(LicenceRow),
});
export type LicencesResponse = Static<typeof LicencesResponse>;

/** One event of a right's life. */
export const LicenceEventView = Type.Object({
  id: Type.Integer(),
  kind: LicenceEventKind,
  effectiveOn: IsoDate,
  documentNo: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  /** Display name of who recorded it; null for an import or the demo load. */
  recordedBy: Type.Union([Type.String(), Type.Null()]),
  recordedAt: Type.String({ format: 'date-time' }),
  geometryVersion: Type.Integer({ minimum: 1 }),
  /** What the event changed: each field's value before and after (the boundary as `geometry`). */
  changes: Type.Array(Type.Object({ field: Type.String(), before: Type.Unknown(), after: Type.Unknown() })),
});
export type LicenceEventView = Static<typeof LicenceEventView>;

/** `GET /api/licences/:collection/:id`: the right as it stands, its boundary versions and its life. */
export const LicenceDetail = Type.Object({
  collection: RightCollection,
  id: Type.Integer(),
  /** The right's fields, keyed as in the layer catalogue. */
  properties: Type.Record(Type.String(), Type.Unknown()),
  geometry: BlockGeometry,
  areaM2: Type.Number(),
  state: Type.Enum(LICENCE_STATES),
  version: Type.Integer({ minimum: 1 }),
  /** The acts open to the right now. */
  openActs: Type.Array(LicenceAct),
  events: Type.Array(LicenceEventView),
  /** Every boundary the right has had, oldest first, with the day each took effect. */
  boundaries: Type.Array(Type.Object({ geometryVersion: Type.Integer(), effectiveOn: IsoDate, geometry: BlockGeometry, areaM2: Type.Number() })),
});
export type LicenceDetail = Static<typeof LicenceDetail>;

/** What every recorded act carries: the document (文号) and its day, and a note. */
const ActDocument = {
  documentNo: Type.String({ minLength: 1, maxLength: 100 }),
  /** The day the act takes effect (China time); today when left out. */
  effectiveOn: Type.Optional(IsoDate),
  note: Type.Optional(Note),
};

/** The fields a 变更 may change, and a new right states. */
const RightFields = {
  mineName: Type.Optional(Text),
  holder: Type.Optional(Text),
  holderContact: Type.Optional(Type.String({ maxLength: LICENCE_TEXT_MAX })),
  mineral: Type.Optional(Mineral),
  miningMethod: Type.Optional(MiningMethod),
  scaleClass: Type.Optional(ScaleClass),
  capacity10ktPerYear: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100_000 })),
  /** 开采标高 (m above sea level): checked in code (plausible, floor not above top), each refusal named. */
  elevationTopM: Type.Optional(Type.Number()),
  elevationBottomM: Type.Optional(Type.Number()),
  restorationFund10kYuan: Type.Optional(Type.Number({ minimum: 0, maximum: 10_000_000 })),
  restorationFundProvisioned: Type.Optional(Type.Boolean()),
};

/**
 * `POST /api/licences` (admin): registers a right (新立) — from an approved proposal (its block,
 * mineral, capacity and scale carried over; `proposalRevision` is the proposal's revision the
 * admin saw), or from a boundary drawn or pasted as a corner list.
 */
export const RegisterLicenceBody = Type.Object(
  {
    collection: RightCollection,
    licenceNo: Type.String({ minLength: 1, maxLength: 60 }),
    validFrom: IsoDate,
    validTo: IsoDate,
    proposalId: Type.Optional(Type.Integer({ minimum: 1 })),
    proposalRevision: Type.Optional(Type.Integer({ minimum: 1 })),
    geometry: Type.Optional(BlockGeometry),
    cornerList: Type.Optional(CornerListInput),
    ...RightFields,
    ...ActDocument,
  },
  strict,
);
export type RegisterLicenceBody = Static<typeof RegisterLicenceBody>;

/**
 * `POST /api/licences/:collection/:id/events` (admin): records an act on a right — 延续 (new
 * `validTo`, and `validFrom` if it changes), 变更 (the fields given, and a new boundary), 停产整顿,
 * 恢复生产 or 注销 — based on the version the admin saw.
 */
export const LicenceActBody = Type.Object(
  {
    act: LicenceAct,
    baseVersion: Type.Integer({ minimum: 1 }),
    validFrom: Type.Optional(IsoDate),
    validTo: Type.Optional(IsoDate),
    geometry: Type.Optional(BlockGeometry),
    cornerList: Type.Optional(CornerListInput),
    ...RightFields,
    ...ActDocument,
  },
  strict,
);
export type LicenceActBody = Static<typeof LicenceActBody>;

export const LicenceParams = Type.Object({ collection: RightCollection, id: Type.Integer({ minimum: 1 }) }, strict);
export type LicenceParams = Static<typeof LicenceParams>;

/** `…/outputs/:year` path: the right (a mining right's id) and the year. */
export const OutputParams = Type.Object({ id: Type.Integer({ minimum: 1 }), year: Type.Integer() }, strict);
export type OutputParams = Static<typeof OutputParams>;

/** `GET /api/licences/mining_rights/:id/outputs` path. */
export const OutputsParams = Type.Object({ id: Type.Integer({ minimum: 1 }) }, strict);
export type OutputsParams = Static<typeof OutputsParams>;

/** The most a year's output or sales may be, 万吨: far above any mine, within its column (numeric(14, 4)). */
export const OUTPUT_10KT_MAX = 1e9;

/**
 * `PUT /api/licences/mining_rights/:id/outputs/:year` (admin): the year's output and sales as the
 * bureau verified them (年度核实), in 万吨. A negative figure is refused in code with its own
 * reason; `baseRevision` is needed to replace a year already recorded.
 */
export const RecordOutputBody = Type.Object(
  {
    output10kt: Type.Number({ maximum: OUTPUT_10KT_MAX }),
    sales10kt: Type.Optional(Type.Union([Type.Number({ maximum: OUTPUT_10KT_MAX }), Type.Null()])),
    documentNo: Type.Optional(Type.String({ maxLength: LICENCE_TEXT_MAX })),
    note: Type.Optional(Note),
    baseRevision: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  strict,
);
export type RecordOutputBody = Static<typeof RecordOutputBody>;

/** One year's verified output of a mining right, with whether it exceeds the licensed capacity (超能力开采). */
export const OutputRecord = Type.Object({
  year: Type.Integer(),
  output10kt: Type.Number(),
  sales10kt: Type.Union([Type.Number(), Type.Null()]),
  documentNo: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  overCapacity: Type.Boolean(),
  revision: Type.Integer(),
  recordedBy: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type OutputRecord = Static<typeof OutputRecord>;

/** A mining right's output history, newest year first, with the over-capacity findings (legal basis: seeds 004, 003). */
export const RightOutputsResponse = Type.Object({
  id: Type.Integer(),
  licenceNo: Type.String(),
  capacity10ktPerYear: Type.Union([Type.Number(), Type.Null()]),
  outputs: Type.Array(OutputRecord),
  findings: Type.Array(Finding),
});
export type RightOutputsResponse = Static<typeof RightOutputsResponse>;

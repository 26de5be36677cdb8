import { Type, type Static } from 'typebox';
import { PARCEL_CODE_MAX, PARCEL_EVENT_KINDS, PARCEL_LIFECYCLES, PARCEL_MERGE_MAX, PARCEL_NOTE_MAX, PARCEL_SPLIT_MAX_PARTS, PARCEL_TEXT_MAX } from '@mpm/domain';
import { BlockGeometry, CornerListInput } from './check.ts';
import { MineCategory, RestorationStatus } from './restoration.ts';

const strict = { additionalProperties: false } as const;
const Code = Type.String({ minLength: 1, maxLength: PARCEL_CODE_MAX });
const Text = Type.String({ minLength: 1, maxLength: PARCEL_TEXT_MAX });
const Note = Type.String({ maxLength: PARCEL_NOTE_MAX });
const Year = Type.Integer({ minimum: 1949, maximum: 2200 });
const TownshipCode = Type.String({ pattern: '^[0-9]{9,12}$' });
const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const BaseVersion = Type.Integer({ minimum: 1 });

export const ParcelLifecycle = Type.Enum(PARCEL_LIFECYCLES);
export const ParcelEventKind = Type.Enum(PARCEL_EVENT_KINDS);

/** The attributes of a parcel, keyed as in the layer catalogue (`townshipCode` the township's admin code). */
const ParcelFields = {
  code: Code,
  name: Text,
  mineCategory: MineCategory,
  plannedYear: Year,
  /** The township responsible; when a new parcel leaves it out, the township holding most of its boundary. */
  townshipCode: Type.Optional(TownshipCode),
  method: Type.Optional(Type.Union([Text, Type.Null()])),
  /** The mining right the parcel restores after, if any (its feature id). */
  miningRightId: Type.Optional(Type.Union([Id, Type.Null()])),
};

/** A boundary, drawn or pasted as GeoJSON (EPSG:4490) or as a corner list: exactly one. */
const Boundary = { geometry: Type.Optional(BlockGeometry), cornerList: Type.Optional(CornerListInput) };

/** `POST /api/restoration/parcels` (admin): a new parcel with its boundary. */
export const AddParcelBody = Type.Object({ ...ParcelFields, ...Boundary, note: Type.Optional(Note) }, strict);
export type AddParcelBody = Static<typeof AddParcelBody>;

/**
 * `PATCH /api/restoration/parcels/:id` (admin): the attributes given, and a new boundary, based on
 * the version the admin saw. The township stays as it is unless given.
 */
export const EditParcelBody = Type.Object(
  {
    baseVersion: BaseVersion,
    code: Type.Optional(Code),
    name: Type.Optional(Text),
    mineCategory: Type.Optional(MineCategory),
    plannedYear: Type.Optional(Year),
    townshipCode: ParcelFields.townshipCode,
    method: ParcelFields.method,
    miningRightId: ParcelFields.miningRightId,
    ...Boundary,
    note: Type.Optional(Note),
  },
  strict,
);
export type EditParcelBody = Static<typeof EditParcelBody>;

/** A cutting line, GeoJSON LineString in EPSG:4490 [lon, lat]. */
export const CuttingLine = Type.Unsafe<GeoJSON.LineString>({ description: 'GeoJSON LineString, EPSG:4490 [lon, lat]' });

/**
 * `POST /api/restoration/parcels/:id/split` (admin): cuts the parcel along `line` into parts that
 * cover it exactly. The parts are numbered from west to east (by the longitude of a point inside
 * each, then north to south) and coded `codes` in that order, or `<code>-1`, `<code>-2`, …
 */
export const SplitParcelBody = Type.Object(
  {
    baseVersion: BaseVersion,
    line: CuttingLine,
    codes: Type.Optional(Type.Array(Code, { minItems: 2, maxItems: PARCEL_SPLIT_MAX_PARTS, uniqueItems: true })),
    note: Type.Optional(Note),
  },
  strict,
);
export type SplitParcelBody = Static<typeof SplitParcelBody>;

/**
 * `POST /api/restoration/parcels/merge` (admin): joins adjacent parcels of one category, planned
 * year and township into a new one coded `code`; name, method and linked right default to the first
 * parcel's.
 */
export const MergeParcelsBody = Type.Object(
  {
    parcels: Type.Array(Type.Object({ id: Id, baseVersion: BaseVersion }, strict), { minItems: 2, maxItems: PARCEL_MERGE_MAX }),
    code: Code,
    name: Type.Optional(Text),
    method: Type.Optional(Type.Union([Text, Type.Null()])),
    miningRightId: Type.Optional(Type.Union([Id, Type.Null()])),
    note: Type.Optional(Note),
  },
  strict,
);
export type MergeParcelsBody = Static<typeof MergeParcelsBody>;

/** `POST /api/restoration/parcels/:id/retire` (admin): withdraws a parcel (kept as history, never deleted), saying why. */
export const RetireParcelBody = Type.Object({ baseVersion: BaseVersion, note: Type.String({ minLength: 1, maxLength: PARCEL_NOTE_MAX }) }, strict);
export type RetireParcelBody = Static<typeof RetireParcelBody>;

/** A parcel's attributes as the register shows them. */
export const ParcelProperties = Type.Object({
  code: Type.String(),
  name: Type.String(),
  mineCategory: MineCategory,
  townshipCode: Type.String(),
  township: Type.String(),
  plannedYear: Type.Integer(),
  method: Type.Union([Type.String(), Type.Null()]),
  miningRightId: Type.Union([Type.Integer(), Type.Null()]),
});
export type ParcelProperties = Static<typeof ParcelProperties>;

/** Another parcel named by lineage. */
const ParcelRef = Type.Object({ id: Type.Integer(), code: Type.String() });

/** One event of a parcel's life. */
export const ParcelEventView = Type.Object({
  id: Type.Integer(),
  kind: ParcelEventKind,
  note: Type.Union([Type.String(), Type.Null()]),
  /** Display name of who recorded it; null for an import or the demo load. */
  recordedBy: Type.Union([Type.String(), Type.Null()]),
  recordedAt: Type.String({ format: 'date-time' }),
  geometryVersion: Type.Integer({ minimum: 1 }),
  /** The parts of a split, the parents of a part or of a merged parcel, the parcel a parent was merged into. */
  related: Type.Array(ParcelRef),
  /** What the event changed: each field's value before and after (the boundary as `geometry`, its versions). */
  changes: Type.Array(Type.Object({ field: Type.String(), before: Type.Unknown(), after: Type.Unknown() })),
});
export type ParcelEventView = Static<typeof ParcelEventView>;

/** `GET /api/restoration/parcels/:id` (staff): a parcel, current or retired, with its lineage and history. */
export const ParcelDetail = Type.Object({
  id: Type.Integer(),
  properties: ParcelProperties,
  geometry: BlockGeometry,
  areaM2: Type.Number(),
  areaMu: Type.Number(),
  lifecycle: ParcelLifecycle,
  /** Its status today, from its latest progress record. */
  status: RestorationStatus,
  /** How many events it has had: what a change sends back as `baseVersion`. */
  version: Type.Integer({ minimum: 1 }),
  parents: Type.Array(ParcelRef),
  /** The parcels that took its place (retired by a split or merge). */
  successors: Type.Array(ParcelRef),
  events: Type.Array(ParcelEventView),
});
export type ParcelDetail = Static<typeof ParcelDetail>;

/** `POST …/split`: the parent (now retired) and its parts, west to east. */
export const SplitParcelResponse = Type.Object({ parent: ParcelDetail, parts: Type.Array(ParcelDetail) });
export type SplitParcelResponse = Static<typeof SplitParcelResponse>;

/** `GET /api/restoration/register` (staff): the parcels, current ones by default. */
export const ParcelRegisterQuery = Type.Object(
  {
    /** Part of a code or name. */
    q: Type.Optional(Type.String({ maxLength: 100 })),
    township: Type.Optional(TownshipCode),
    lifecycle: Type.Optional(Type.Union([ParcelLifecycle, Type.Literal('all')])),
  },
  strict,
);
export type ParcelRegisterQuery = Static<typeof ParcelRegisterQuery>;

export const ParcelRegisterRow = Type.Object({
  id: Type.Integer(),
  ...ParcelProperties.properties,
  areaMu: Type.Number(),
  status: RestorationStatus,
  lifecycle: ParcelLifecycle,
  version: Type.Integer({ minimum: 1 }),
});
export type ParcelRegisterRow = Static<typeof ParcelRegisterRow>;

export const ParcelRegisterResponse = Type.Object({ parcels: Type.Array(ParcelRegisterRow) });
export type ParcelRegisterResponse = Static<typeof ParcelRegisterResponse>;

import { Type, type Static } from 'typebox';
import { HANDOVER_DEPARTMENTS, HANDOVER_STATUSES, LEDGER_SOURCES, LEDGER_STATUSES, VIOLATION_TYPES } from '@mpm/domain';
import { SiteGeometry } from './inspection.ts';

const strict = { additionalProperties: false } as const;
const IsoDate = Type.String({ format: 'date' });
const Timestamp = Type.String({ format: 'date-time' });
const EntryId = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

export const LedgerStatus = Type.Enum(LEDGER_STATUSES);
export const LedgerSource = Type.Enum(LEDGER_SOURCES);
export const ViolationType = Type.Enum(VIOLATION_TYPES);

/** `POST /api/ledger` (inspector, admin): a new entry, status 待核查. */
export const CreateLedgerEntryBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    geometry: SiteGeometry,
    source: LedgerSource,
    /** The patch id (source `patch`); the patch is then linked to this entry. */
    patchId: Type.Optional(EntryId),
    violationType: Type.Optional(ViolationType),
    responsibleUnit: Type.Optional(Type.String({ maxLength: 200 })),
    /** 责任人员: who answers for the rectification (seed 002 四（二）). */
    responsiblePerson: Type.Optional(Type.String({ maxLength: 200 })),
    /** 整改措施 (seed 002 四（二）). */
    rectificationMeasures: Type.Optional(Type.String({ maxLength: 4000 })),
    deadline: Type.Optional(IsoDate),
    note: Type.Optional(Type.String({ maxLength: 4000 })),
    /** The site card JSON this entry was made from, kept verbatim. */
    siteCard: Type.Optional(Type.Unknown()),
  },
  strict,
);
export type CreateLedgerEntryBody = Static<typeof CreateLedgerEntryBody>;

/** `PATCH /api/ledger/:id`: details that are not the status; `baseRevision` guards against stale copies. */
export const UpdateLedgerEntryBody = Type.Object(
  {
    baseRevision: EntryId,
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    violationType: Type.Optional(Type.Union([ViolationType, Type.Null()])),
    responsibleUnit: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    responsiblePerson: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    rectificationMeasures: Type.Optional(Type.Union([Type.String({ maxLength: 4000 }), Type.Null()])),
    deadline: Type.Optional(Type.Union([IsoDate, Type.Null()])),
  },
  { additionalProperties: false, minProperties: 2 },
);
export type UpdateLedgerEntryBody = Static<typeof UpdateLedgerEntryBody>;

/** `POST /api/ledger/:id/transitions`: one step of the workflow, with a note (required for 不属实 and going back). */
export const LedgerTransitionBody = Type.Object(
  { to: LedgerStatus, baseRevision: EntryId, note: Type.Optional(Type.String({ maxLength: 4000 })) },
  strict,
);
export type LedgerTransitionBody = Static<typeof LedgerTransitionBody>;

/** `POST /api/ledger/:id/notes`. */
export const LedgerNoteBody = Type.Object({ note: Type.String({ minLength: 1, maxLength: 4000 }) }, strict);
export type LedgerNoteBody = Static<typeof LedgerNoteBody>;

export const LedgerParams = Type.Object({ id: EntryId }, strict);
export type LedgerParams = Static<typeof LedgerParams>;

export const HandoverDepartment = Type.Enum(HANDOVER_DEPARTMENTS);
export const HandoverStatus = Type.Enum(HANDOVER_STATUSES);

/**
 * `POST /api/ledger/:id/handovers` (inspector, admin): hands the case over (移交) to one of
 * {@link HANDOVER_DEPARTMENTS}. The department is checked by the write, not the schema, so a
 * department not on the list is refused by name (`handoverDepartmentNotListed`).
 */
export const HandoverBody = Type.Object(
  {
    baseRevision: EntryId,
    department: Type.String({ maxLength: 100 }),
    /** The receiving body by name (新宾县公安局). */
    receivingDepartment: Type.String({ minLength: 1, maxLength: 200 }),
    handedOverOn: IsoDate,
    note: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  strict,
);
export type HandoverBody = Static<typeof HandoverBody>;

/** `POST /api/ledger/:id/handovers/:handoverId/result`: the receiving department's case number and result (已办结). */
export const HandoverResultBody = Type.Object(
  {
    baseRevision: EntryId,
    caseNumber: Type.String({ minLength: 1, maxLength: 100 }),
    result: Type.String({ minLength: 1, maxLength: 4000 }),
    concludedOn: IsoDate,
  },
  strict,
);
export type HandoverResultBody = Static<typeof HandoverResultBody>;

export const HandoverParams = Type.Object({ id: EntryId, handoverId: EntryId }, strict);
export type HandoverParams = Static<typeof HandoverParams>;

/** One hand-over of an entry's case. */
export const HandoverView = Type.Object({
  id: Type.Integer(),
  department: HandoverDepartment,
  receivingDepartment: Type.String(),
  handedOverOn: IsoDate,
  status: HandoverStatus,
  caseNumber: Type.Union([Type.String(), Type.Null()]),
  result: Type.Union([Type.String(), Type.Null()]),
  concludedOn: Type.Union([IsoDate, Type.Null()]),
});
export type HandoverView = Static<typeof HandoverView>;

/** `GET /api/photos/:id`. */
export const PhotoParams = Type.Object({ id: EntryId }, strict);
export type PhotoParams = Static<typeof PhotoParams>;

/** `GET /api/ledger` filters; the exports take the same filters (see {@link LedgerExportQuery}). */
export const LedgerQuery = Type.Object(
  {
    status: Type.Optional(LedgerStatus),
    violationType: Type.Optional(ViolationType),
    townshipCode: Type.Optional(Type.String({ pattern: '^[0-9]{9,12}$' })),
    overdue: Type.Optional(Type.Boolean()),
    source: Type.Optional(LedgerSource),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  strict,
);
export type LedgerQuery = Static<typeof LedgerQuery>;

/**
 * `GET /api/ledger/export.xlsx` and `.csv`: the filters of {@link LedgerQuery} (every matching
 * entry, no paging) and the language of the headers and terms (`lang`, else Accept-Language, else zh).
 */
export const LedgerExportQuery = Type.Object(
  {
    status: Type.Optional(LedgerStatus),
    violationType: Type.Optional(ViolationType),
    townshipCode: Type.Optional(Type.String({ pattern: '^[0-9]{9,12}$' })),
    overdue: Type.Optional(Type.Boolean()),
    source: Type.Optional(LedgerSource),
    lang: Type.Optional(Type.Enum(['zh', 'en'])),
    /** Add the notes and the history (each step: when in China time, who, what) as two more columns. */
    details: Type.Optional(Type.Boolean()),
  },
  strict,
);
export type LedgerExportQuery = Static<typeof LedgerExportQuery>;

/** `GET /api/ledger/:id/report.pdf`: the page's language (`lang`, else Accept-Language, else zh). */
export const LedgerReportQuery = Type.Object({ lang: Type.Optional(Type.Enum(['zh', 'en'])) }, strict);
export type LedgerReportQuery = Static<typeof LedgerReportQuery>;

/** One event in an entry's history: created, a status step, a note, a photo, an edit. Never erased. */
export const LedgerEvent = Type.Object({
  kind: Type.Enum(['created', 'transition', 'note', 'photo', 'edit', 'handover', 'handoverResult']),
  from: Type.Union([LedgerStatus, Type.Null()]),
  to: Type.Union([LedgerStatus, Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  /** `public` for a tip-off's reporter. */
  by: Type.String(),
  at: Timestamp,
});
export type LedgerEvent = Static<typeof LedgerEvent>;

export const PhotoView = Type.Object({
  id: Type.Integer(),
  /** Served at `/api/photos/:id` (staff). */
  url: Type.String(),
  mimeType: Type.Enum(['image/jpeg', 'image/png', 'image/webp']),
  width: Type.Integer(),
  height: Type.Integer(),
  sizeBytes: Type.Integer(),
  uploadedBy: Type.String(),
  uploadedAt: Timestamp,
});
export type PhotoView = Static<typeof PhotoView>;

/** One ledger entry as listed. */
export const LedgerEntrySummary = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  source: LedgerSource,
  status: LedgerStatus,
  violationType: Type.Union([ViolationType, Type.Null()]),
  townshipCode: Type.Union([Type.String(), Type.Null()]),
  townshipName: Type.Union([Type.String(), Type.Null()]),
  responsibleUnit: Type.Union([Type.String(), Type.Null()]),
  responsiblePerson: Type.Union([Type.String(), Type.Null()]),
  deadline: Type.Union([IsoDate, Type.Null()]),
  overdue: Type.Boolean(),
  centre: Type.Tuple([Type.Number(), Type.Number()]),
  revision: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type LedgerEntrySummary = Static<typeof LedgerEntrySummary>;

export const LedgerListResponse = Type.Object({ total: Type.Integer(), entries: Type.Array(LedgerEntrySummary) });
export type LedgerListResponse = Static<typeof LedgerListResponse>;

/**
 * `GET /api/ledger/:id`: the entry with its geometry, history and photos. Every write to an entry
 * (`POST /api/ledger`, `PATCH`, `/transitions`, `/notes`, `/photos`) answers this view as it
 * stands after the write. `revision` counts changes of the details and the status (notes and
 * photos add history without changing it).
 */
export const LedgerEntryView = Type.Object({
  ...LedgerEntrySummary.properties,
  geometry: SiteGeometry,
  patchId: Type.Union([Type.Integer(), Type.Null()]),
  /**
   * For a tip-off, the first characters of its receipt code followed by `…` (the server keeps only
   * a hash of the code), so staff can match a reporter who calls in; null otherwise.
   */
  tipOffReceipt: Type.Union([Type.String(), Type.Null()]),
  /** A tip-off reporter's contact as given (staff only); null when none was given. */
  reporterContact: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  siteCard: Type.Unknown(),
  rectificationMeasures: Type.Union([Type.String(), Type.Null()]),
  /** The seed passage the violation type comes from (`VIOLATION_BASIS`); null without a type. */
  violationBasis: Type.Union([Type.String(), Type.Null()]),
  handovers: Type.Array(HandoverView),
  history: Type.Array(LedgerEvent),
  photos: Type.Array(PhotoView),
});
export type LedgerEntryView = Static<typeof LedgerEntryView>;

/**
 * `POST /api/tip-offs` (anyone, rate limited; multipart/form-data): fields `lon`, `lat`,
 * `description` (1–2000 characters), optional `contact`, and an optional `photo` file
 * (JPEG/PNG/WebP by its bytes; location metadata stripped). Answers the receipt code.
 */
export const TipOffResponse = Type.Object({ receiptCode: Type.String(), status: LedgerStatus, createdAt: Timestamp });
export type TipOffResponse = Static<typeof TipOffResponse>;

/**
 * `GET /api/tip-offs/:receiptCode`: the code as given (case, spaces and hyphens do not matter).
 * A code that does not exist and one that is malformed get the same 404.
 */
export const TipOffParams = Type.Object({ receiptCode: Type.String({ maxLength: 64 }) }, strict);
export type TipOffParams = Static<typeof TipOffParams>;

/** `GET /api/tip-offs/:receiptCode` (anyone): what a reporter may see of their tip-off. */
export const TipOffStatusResponse = Type.Object({
  receiptCode: Type.String(),
  status: LedgerStatus,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** Status steps, without staff names or notes. */
  history: Type.Array(Type.Object({ status: LedgerStatus, at: Timestamp })),
});
export type TipOffStatusResponse = Static<typeof TipOffStatusResponse>;

import { Type, type Static } from 'typebox';

/** `GET /api/audit` (admins): the audit view's filters; entries come newest first, a page at a time. */
export const AuditQuery = Type.Object(
  {
    /** The user name of who wrote. */
    user: Type.Optional(Type.String({ maxLength: 64 })),
    /** The register (`user`, `layer`, `ledger_entry`, `county_settings`…). */
    entity: Type.Optional(Type.String({ maxLength: 64 })),
    /** The record within it. */
    entityId: Type.Optional(Type.String({ maxLength: 128 })),
    /** Dates (`YYYY-MM-DD`, China time, inclusive) or instants. */
    from: Type.Optional(Type.String({ maxLength: 40 })),
    to: Type.Optional(Type.String({ maxLength: 40 })),
    /** Entries older than this id (the `next` of the page before). */
    before: Type.Optional(Type.Integer({ minimum: 1 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

/** One write as the audit view shows it: who, when, what, and the record before and after (in `detail`). */
export const AuditEntryView = Type.Object({
  id: Type.Integer(),
  /** UTC instant. */
  at: Type.String(),
  by: Type.Union([Type.Object({ username: Type.String(), displayName: Type.String() }), Type.Null()]),
  action: Type.String(),
  entity: Type.String(),
  entityId: Type.Union([Type.String(), Type.Null()]),
  detail: Type.Unknown(),
  /** The entry's link in the chain. */
  hash: Type.String(),
});
export type AuditEntryView = Static<typeof AuditEntryView>;

export const AuditListResponse = Type.Object({
  entries: Type.Array(AuditEntryView),
  /** The `before` of the next page, or null at the first entry. */
  next: Type.Union([Type.Integer(), Type.Null()]),
  /** Every register the log names, for the filter. */
  entities: Type.Array(Type.String()),
});
export type AuditListResponse = Static<typeof AuditListResponse>;

/** `GET /api/audit/verify` (admins): the chain walked from the first entry, and where it breaks if it does. */
export const AuditVerifyResponse = Type.Object({
  ok: Type.Boolean(),
  entries: Type.Integer(),
  headHash: Type.String(),
  broken: Type.Union([Type.Object({ id: Type.String(), reason: Type.String() }), Type.Null()]),
  message: Type.String(),
});
export type AuditVerifyResponse = Static<typeof AuditVerifyResponse>;

import { Type, type Static } from 'typebox';
import { REPORT_KINDS } from '@mpm/domain';
import { BBox } from './layers.ts';

/**
 * What the staff inbox (待办) holds, in the order it answers: licences ending within the
 * inspection settings' window, ledger entries past their deadline, tip-offs not yet looked at
 * (待核查), proposals submitted and waiting for a decision, campaign tasks past their 完成时限,
 * campaign reports late (past their day, not sent) and due (within the calendar's window).
 */
export const INBOX_KINDS = [
  'expiringLicence',
  'overdueLedger',
  'newTipOff',
  'proposalWaiting',
  'overdueTask',
  'reportLate',
  'reportDue',
] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

/** Items at most per kind; `count` says how many there are in all. */
export const INBOX_ITEM_LIMIT = 50;

/** Where a click on an item goes: the mode, and the record to open there. */
export const InboxTarget = Type.Object({
  mode: Type.Union([Type.Literal('inspect'), Type.Literal('plan')]),
  record: Type.Union([Type.Literal('licence'), Type.Literal('ledgerEntry'), Type.Literal('proposal'), Type.Literal('campaign')]),
  id: Type.Integer(),
  /** A licence's layer (`mining_rights` or `exploration_rights`). */
  collection: Type.Optional(Type.Union([Type.Literal('mining_rights'), Type.Literal('exploration_rights')])),
  /** A licence's extent, EPSG:4490 lon/lat, to show it on the map. */
  bbox: Type.Optional(BBox),
});
export type InboxTarget = Static<typeof InboxTarget>;

/** One thing waiting: what to call it, a second line, the day it is about (`YYYY-MM-DD`, China time) and where it opens. */
export const InboxItem = Type.Object({
  id: Type.Integer(),
  label: Type.String(),
  detail: Type.Optional(Type.String()),
  /** A licence's last valid day, an entry's or a task's deadline, a tip-off's or a submission's day, a report's due day. */
  date: Type.String(),
  /** For a campaign report: which report (the web names its kind in the reader's language). */
  report: Type.Optional(Type.Object({ kind: Type.Enum(REPORT_KINDS), period: Type.String() })),
  target: InboxTarget,
});
export type InboxItem = Static<typeof InboxItem>;

/** `GET /api/inbox`: for each kind this user's role deals with, in {@link INBOX_KINDS} order, its count and first items. */
export const InboxResponse = Type.Object({
  /** The day (China time) the items were judged on. */
  today: Type.String(),
  total: Type.Integer(),
  groups: Type.Array(Type.Object({ kind: Type.Enum(INBOX_KINDS), count: Type.Integer(), items: Type.Array(InboxItem) })),
});
export type InboxResponse = Static<typeof InboxResponse>;

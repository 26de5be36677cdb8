import { Type, type Static } from 'typebox';
import { GREEN_MINE_LEVELS, LICENCE_TEXT_MAX, RIGHT_COLLECTIONS, SWEEP_PROBLEMS } from '@mpm/domain';
import { SettingBaseVersion, SettingVersion } from './versions.ts';

const strict = { additionalProperties: false } as const;
const IsoDate = Type.String({ format: 'date' });
/** Text a listing requires: blank (or only spaces) is refused by the write, naming the field in the user's words. */
const Text = Type.String({ maxLength: LICENCE_TEXT_MAX });
const OptionalText = Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()]));
const Bilingual = Type.Object({ zh: Type.String(), en: Type.String() });

/** Who saved a register record last and when; `version` is what a change sends back as `baseVersion`. */
const Stamp = {
  version: Type.Integer({ minimum: 1 }),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.String({ format: 'date-time' }),
};

/** A listing's fields as a client states them (异常名录 / 严重违法失信名单). */
const SanctionFields = {
  /** The holder's name exactly as the rights carry it. */
  holder: Text,
  reason: Text,
  listedOn: IsoDate,
  /** The listing decision's 文号: required (a listing without its document is no listing). */
  documentNo: Text,
  delistedOn: Type.Optional(Type.Union([IsoDate, Type.Null()])),
  delistingReason: OptionalText,
};

/** `POST /api/sanctions` (admin): lists a holder. */
export const SanctionBody = Type.Object(SanctionFields, strict);
export type SanctionBody = Static<typeof SanctionBody>;

/** `PUT /api/sanctions/:id` (admin): the listing as it should stand (a delisting sets `delistedOn`). */
export const SanctionUpdateBody = Type.Object({ ...SanctionFields, baseVersion: Type.Optional(Type.Integer({ minimum: 1 })) }, strict);
export type SanctionUpdateBody = Static<typeof SanctionUpdateBody>;

/** One listing, with whether it is in force today. */
export const Sanction = Type.Object({
  id: Type.Integer(),
  holder: Type.String(),
  reason: Type.String(),
  listedOn: IsoDate,
  documentNo: Type.String(),
  delistedOn: Type.Union([IsoDate, Type.Null()]),
  delistingReason: Type.Union([Type.String(), Type.Null()]),
  inForce: Type.Boolean(),
  ...Stamp,
});
export type Sanction = Static<typeof Sanction>;

export const SanctionsResponse = Type.Object({ sanctions: Type.Array(Sanction) });
export type SanctionsResponse = Static<typeof SanctionsResponse>;

export const RegisterIdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) }, strict);
export type RegisterIdParams = Static<typeof RegisterIdParams>;

/** A green-mine listing's fields as a client states them (绿色矿山名录, per mining right). */
const GreenMineFields = {
  miningRightId: Type.Integer({ minimum: 1 }),
  level: Type.Enum(GREEN_MINE_LEVELS),
  listedOn: IsoDate,
  documentNo: Type.Optional(Type.Union([Type.String({ maxLength: LICENCE_TEXT_MAX }), Type.Null()])),
  delistedOn: Type.Optional(Type.Union([IsoDate, Type.Null()])),
  delistingReason: OptionalText,
};

/** `POST /api/green-mines` (admin): lists a mine. */
export const GreenMineBody = Type.Object(GreenMineFields, strict);
export type GreenMineBody = Static<typeof GreenMineBody>;

/** `PUT /api/green-mines/:id` (admin): the listing as it should stand (an exit sets `delistedOn` and its reason). */
export const GreenMineUpdateBody = Type.Object({ ...GreenMineFields, baseVersion: Type.Optional(Type.Integer({ minimum: 1 })) }, strict);
export type GreenMineUpdateBody = Static<typeof GreenMineUpdateBody>;

/** One green-mine listing, with its mine, and whether it is in force today (an exit shows as not). */
export const GreenMine = Type.Object({
  id: Type.Integer(),
  miningRightId: Type.Integer(),
  licenceNo: Type.String(),
  mineName: Type.Union([Type.String(), Type.Null()]),
  level: Type.Enum(GREEN_MINE_LEVELS),
  listedOn: IsoDate,
  documentNo: Type.Union([Type.String(), Type.Null()]),
  delistedOn: Type.Union([IsoDate, Type.Null()]),
  delistingReason: Type.Union([Type.String(), Type.Null()]),
  inForce: Type.Boolean(),
  ...Stamp,
});
export type GreenMine = Static<typeof GreenMine>;

export const GreenMinesResponse = Type.Object({ greenMines: Type.Array(GreenMine) });
export type GreenMinesResponse = Static<typeof GreenMinesResponse>;

/** Until an admin sets it, the sweep runs by itself once a month (every 30 days). */
export const DEFAULT_SWEEP_INTERVAL_DAYS = 30;

/** `GET/PUT /api/sweep/settings`: how often the sweep runs by itself (0: never, only by hand). */
export const SweepSettings = Type.Object({ intervalDays: Type.Integer({ minimum: 0, maximum: 366 }) }, strict);
export type SweepSettings = Static<typeof SweepSettings>;
export const SweepSettingsBody = Type.Object({ ...SweepSettings.properties, baseVersion: SettingBaseVersion }, strict);
export type SweepSettingsBody = Static<typeof SweepSettingsBody>;
export const SweepSettingsResponse = Type.Object({ ...SweepSettings.properties, ...SettingVersion.properties }, strict);
export type SweepSettingsResponse = Static<typeof SweepSettingsResponse>;

/** One problem of one right in a sweep run. */
export const SweepFinding = Type.Object({
  id: Type.Integer(),
  collection: Type.Enum(RIGHT_COLLECTIONS),
  rightId: Type.Integer(),
  licenceNo: Type.String(),
  mineName: Type.Union([Type.String(), Type.Null()]),
  holder: Type.Union([Type.String(), Type.Null()]),
  township: Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()]),
  problem: Type.Enum(SWEEP_PROBLEMS),
  /** What was found, in numbers (the overlap in mu, the capacity against the minimum, the day it ends). */
  detail: Bilingual,
  /** The seed it comes from with the article's words (and, for a zone, the ruleset rule's basis). */
  legalBasis: Bilingual,
  /** The ledger lead made from this right's problem (by this run or an earlier one), if any. */
  leadId: Type.Union([Type.Integer(), Type.Null()]),
});
export type SweepFinding = Static<typeof SweepFinding>;

/** A stored sweep run with its table. */
export const SweepRun = Type.Object({
  id: Type.Integer(),
  trigger: Type.Enum(['manual', 'scheduled']),
  /** The day (China time) the rights were judged on. */
  asOf: IsoDate,
  ranAt: Type.String({ format: 'date-time' }),
  ranBy: Type.Union([Type.String(), Type.Null()]),
  rulesetVersion: Type.Integer(),
  rightsSwept: Type.Integer(),
  findings: Type.Array(SweepFinding),
});
export type SweepRun = Static<typeof SweepRun>;

/** `GET /api/sweep`: the latest run (null before the first), when the next scheduled one is due. */
export const SweepLatestResponse = Type.Object({
  run: Type.Union([SweepRun, Type.Null()]),
  intervalDays: Type.Integer(),
  nextDueAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type SweepLatestResponse = Static<typeof SweepLatestResponse>;

/** `POST /api/sweep/findings/:id/lead`: the lead made (201), or 409 `sweepLeadExists` naming the one made before. */
export const SweepLeadResponse = Type.Object({ findingId: Type.Integer(), leadId: Type.Integer() });
export type SweepLeadResponse = Static<typeof SweepLeadResponse>;

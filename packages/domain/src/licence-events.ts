import type { TermKey } from './glossary.ts';

/** The two registers of rights: 采矿权 and 探矿权 (their collection ids in the catalogue). */
export const RIGHT_COLLECTIONS = ['mining_rights', 'exploration_rights'] as const;
export type RightCollection = (typeof RIGHT_COLLECTIONS)[number];

/** Whether a collection is one of the right registers (whose history can be read as of a day). */
export const isRightCollection = (collection: string): collection is RightCollection => (RIGHT_COLLECTIONS as readonly string[]).includes(collection);

/** A right's recorded status; expiry is never stored, it follows from the dates on the day asked. */
export const RIGHT_STATUSES = ['active', 'suspended', 'revoked'] as const;
export type RightStatus = (typeof RIGHT_STATUSES)[number];

/**
 * What happened to a right, one event each: the register's acts — 新立, 延续 (new validity), 变更
 * (holder, capacity, scale, boundary…), 停产整顿, 恢复生产, 注销 — and what other writers did to
 * the register's tables (an import or a layer restore added, changed or removed the right).
 */
export const LICENCE_EVENT_KINDS = ['registered', 'renewed', 'changed', 'suspended', 'resumed', 'revoked', 'imported', 'updated', 'removed'] as const;
export type LicenceEventKind = (typeof LICENCE_EVENT_KINDS)[number];

/**
 * Whether a right in `status` still counts on the map's checks: a revoked right (注销) neither
 * blocks a new block's overlap nor holds a planning block; a suspended or expired one still does
 * (its area stays taken until it is revoked).
 */
export const rightCountsInChecks = (status: unknown): boolean => status !== 'revoked';

/** The acts a user records in the register (the rest are written by imports and restores). */
export const LICENCE_ACTS = ['renewed', 'changed', 'suspended', 'resumed', 'revoked'] as const;
export type LicenceAct = (typeof LICENCE_ACTS)[number];

export const LICENCE_EVENT_TERMS: Record<LicenceEventKind, TermKey> = {
  registered: 'licenceRegistered',
  renewed: 'licenceRenewed',
  changed: 'licenceChanged',
  suspended: 'licenceSuspended',
  resumed: 'licenceResumed',
  revoked: 'licenceRevoked',
  imported: 'licenceImported',
  updated: 'licenceUpdated',
  removed: 'licenceRemoved',
};

/** One act: the statuses it may follow, the status it leaves, and the registers it applies to. */
export interface LicenceActRule {
  act: LicenceAct;
  from: readonly RightStatus[];
  /** The status after the act; undefined where the act keeps it. */
  to?: RightStatus;
  collections: readonly RightCollection[];
}

/**
 * The register's acts. 注销 is final: a revoked right is neither renewed, changed, suspended nor
 * resumed. 停产整顿 and 恢复生产 concern production, so only mining rights.
 */
export const LICENCE_ACT_RULES: readonly LicenceActRule[] = [
  { act: 'renewed', from: ['active', 'suspended'], collections: RIGHT_COLLECTIONS },
  { act: 'changed', from: ['active', 'suspended'], collections: RIGHT_COLLECTIONS },
  { act: 'suspended', from: ['active'], to: 'suspended', collections: ['mining_rights'] },
  { act: 'resumed', from: ['suspended'], to: 'active', collections: ['mining_rights'] },
  { act: 'revoked', from: ['active', 'suspended'], to: 'revoked', collections: RIGHT_COLLECTIONS },
];

export const licenceActRule = (act: LicenceAct): LicenceActRule => LICENCE_ACT_RULES.find((rule) => rule.act === act)!;

/** Why `act` cannot be recorded on a right of `collection` in `status`; null when it can. */
export function licenceActRefusal(act: LicenceAct, collection: RightCollection, status: RightStatus): 'collection' | 'status' | null {
  const rule = licenceActRule(act);
  if (!rule.collections.includes(collection)) return 'collection';
  if (!rule.from.includes(status)) return 'status';
  return null;
}

/** The acts open to a right now (for the register's buttons). */
export const openLicenceActs = (collection: RightCollection, status: RightStatus): LicenceAct[] =>
  LICENCE_ACTS.filter((act) => licenceActRefusal(act, collection, status) === null);

/** What a 变更 may change on each register (the boundary too: a new geometry version). */
export const CHANGEABLE_RIGHT_FIELDS: Record<RightCollection, readonly string[]> = {
  mining_rights: ['mineName', 'holder', 'holderContact', 'mineral', 'miningMethod', 'scaleClass', 'capacity10ktPerYear', 'elevationTopM', 'elevationBottomM', 'restorationFund10kYuan', 'restorationFundProvisioned'],
  exploration_rights: ['holder', 'mineral'],
};

/** Longest text a register field takes (a holder's or mine's name, a 文号, a note). */
export const LICENCE_TEXT_MAX = 200;
export const LICENCE_NOTE_MAX = 2000;

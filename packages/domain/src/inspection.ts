import type { TermKey } from './glossary.ts';
import type { Role } from './roles.ts';

/** How a satellite change patch stands against the rights and zones (`GET /api/patches`). */
export const PATCH_CLASSES = ['legal', 'out_of_bounds', 'unlicensed', 'expired', 'protected_zone'] as const;
export type PatchClass = (typeof PATCH_CLASSES)[number];

/** The glossary term of each patch class (合法, 越界, 无证, 超期, 占用保护区). */
export const PATCH_CLASS_TERMS: Record<PatchClass, TermKey> = {
  legal: 'patchLegal',
  out_of_bounds: 'patchOutOfBounds',
  unlicensed: 'patchUnlicensed',
  expired: 'patchExpired',
  protected_zone: 'patchProtectedZone',
};

/** A right's standing in the licence register on a given day. */
export const LICENCE_STATES = ['valid', 'expiringSoon', 'expired', 'suspended', 'revoked'] as const;
export type LicenceState = (typeof LICENCE_STATES)[number];

/** Violation types a ledger entry records (seeds 002 and 003), as glossary keys. */
export const VIOLATION_TYPES = [
  'noLicence',
  'expiredLicence',
  'incompletePermits',
  'beyondBoundary',
  'wrongMineral',
  'miningUnderExploration',
  'illegalTransfer',
  'coverMining',
  'overCapacity',
  'occupyingProtectedLand',
  'noRestorationFund',
  'notGreenMine',
  'otherViolation',
] as const satisfies readonly TermKey[];
export type ViolationType = (typeof VIOLATION_TYPES)[number];

/** Where a ledger entry came from. */
export const LEDGER_SOURCES = ['patch', 'siteCheck', 'tipOff', 'other'] as const;
export type LedgerSource = (typeof LEDGER_SOURCES)[number];
export const LEDGER_SOURCE_TERMS: Record<LedgerSource, TermKey> = {
  patch: 'sourcePatch',
  siteCheck: 'sourceSiteCheck',
  tipOff: 'sourceTipOff',
  other: 'sourceOther',
};

/** Ledger statuses: 待核查 → 核查中 → 整改中 → 已整改 → 销号, or 不属实 for an unfounded lead. */
export const LEDGER_STATUSES = ['pending', 'verifying', 'rectifying', 'rectified', 'closed', 'unfounded'] as const;
export type LedgerStatus = (typeof LEDGER_STATUSES)[number];

/** Statuses after which nothing moves. */
export const FINAL_LEDGER_STATUSES: readonly LedgerStatus[] = ['closed', 'unfounded'];

/**
 * Each allowed step of the workflow and the roles that may take it. Closing (销号) and declaring a
 * lead unfounded (不属实) are the bureau's sign-off, so only an admin takes them; a rectification
 * found wanting goes back from 已整改 to 整改中.
 */
export const LEDGER_TRANSITIONS: readonly { from: LedgerStatus; to: LedgerStatus; roles: readonly Role[] }[] = [
  { from: 'pending', to: 'verifying', roles: ['inspector', 'admin'] },
  { from: 'verifying', to: 'rectifying', roles: ['inspector', 'admin'] },
  { from: 'verifying', to: 'unfounded', roles: ['admin'] },
  { from: 'pending', to: 'unfounded', roles: ['admin'] },
  { from: 'rectifying', to: 'rectified', roles: ['inspector', 'admin'] },
  { from: 'rectified', to: 'rectifying', roles: ['inspector', 'admin'] },
  { from: 'rectified', to: 'closed', roles: ['admin'] },
];

/** The step from `from` to `to`, or undefined when the workflow has none. */
export const ledgerTransition = (from: LedgerStatus, to: LedgerStatus) =>
  LEDGER_TRANSITIONS.find((step) => step.from === from && step.to === to);

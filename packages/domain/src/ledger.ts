import type { TermKey } from './glossary.ts';
import type { Role } from './roles.ts';

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

/** One step of the ledger workflow, with everything about it: who may take it and whether it needs a reason. */
export interface LedgerTransition {
  from: LedgerStatus;
  to: LedgerStatus;
  /** The roles that may take the step; a step only an admin takes is the bureau's sign-off. */
  roles: readonly Role[];
  /** Whether the step must carry a note giving the reason. */
  needsNote: boolean;
}

const STAFF: readonly Role[] = ['inspector', 'admin'];
const ADMIN: readonly Role[] = ['admin'];

/**
 * Each allowed step of the workflow. Closing (销号) and declaring a lead unfounded (不属实) are the
 * bureau's sign-off, so only an admin takes them, and 不属实 needs its reason; a rectification
 * found wanting goes back from 已整改 to 整改中, saying why.
 */
export const LEDGER_TRANSITIONS: readonly LedgerTransition[] = [
  { from: 'pending', to: 'verifying', roles: STAFF, needsNote: false },
  { from: 'verifying', to: 'rectifying', roles: STAFF, needsNote: false },
  { from: 'verifying', to: 'unfounded', roles: ADMIN, needsNote: true },
  { from: 'pending', to: 'unfounded', roles: ADMIN, needsNote: true },
  { from: 'rectifying', to: 'rectified', roles: STAFF, needsNote: false },
  { from: 'rectified', to: 'rectifying', roles: STAFF, needsNote: true },
  { from: 'rectified', to: 'closed', roles: ADMIN, needsNote: false },
];

/** The step from `from` to `to`, or undefined when the workflow has none. */
export const ledgerTransition = (from: LedgerStatus, to: LedgerStatus): LedgerTransition | undefined =>
  LEDGER_TRANSITIONS.find((step) => step.from === from && step.to === to);

/** The steps out of `status`, each with whether `role` may take it (to show the others as someone else's). */
export const ledgerStepsFrom = (status: LedgerStatus, role: Role | undefined) =>
  LEDGER_TRANSITIONS.filter((step) => step.from === status).map((step) => ({
    ...step,
    allowed: role !== undefined && step.roles.includes(role),
  }));

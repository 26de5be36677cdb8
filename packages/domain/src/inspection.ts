import type { TermKey } from './glossary.ts';
import type { ViolationType } from './ledger.ts';

/**
 * How a satellite change patch stands against the rights and zones (`GET /api/patches`). The
 * last three are seed 002's kin of unlicensed mining: 以采代探 (on an exploration licence),
 * 以生态修复/工程建设名义变相采矿 (on a restoration parcel, to review) and 关闭、取缔后又擅自生产
 * (on a revoked right).
 */
export const PATCH_CLASSES = [
  'legal',
  'out_of_bounds',
  'unlicensed',
  'expired',
  'protected_zone',
  'mining_under_exploration',
  'cover_mining',
  'closed_then_mined',
] as const;
export type PatchClass = (typeof PATCH_CLASSES)[number];

/** The glossary term of each patch class (合法, 越界, 无证, 超期, 占用保护区, 以采代探, 变相采矿, 关闭后擅自生产). */
export const PATCH_CLASS_TERMS: Record<PatchClass, TermKey> = {
  legal: 'patchLegal',
  out_of_bounds: 'patchOutOfBounds',
  unlicensed: 'patchUnlicensed',
  expired: 'patchExpired',
  protected_zone: 'patchProtectedZone',
  mining_under_exploration: 'patchUnderExploration',
  cover_mining: 'patchCoverMining',
  closed_then_mined: 'patchClosedThenMined',
};

/**
 * The violation a doubtful patch suggests when it becomes a ledger lead (the inspector may change
 * it); a legal patch makes no lead.
 */
export const PATCH_CLASS_VIOLATIONS: Record<Exclude<PatchClass, 'legal'>, ViolationType> = {
  out_of_bounds: 'beyondBoundary',
  unlicensed: 'noLicence',
  expired: 'expiredLicence',
  protected_zone: 'occupyingProtectedLand',
  mining_under_exploration: 'miningUnderExploration',
  cover_mining: 'coverMining',
  closed_then_mined: 'resumedAfterClosure',
};

/** A right's standing in the licence register on a given day. */
export const LICENCE_STATES = ['valid', 'expiringSoon', 'expired', 'suspended', 'revoked'] as const;
export type LicenceState = (typeof LICENCE_STATES)[number];

import type { TermKey } from './glossary.ts';

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

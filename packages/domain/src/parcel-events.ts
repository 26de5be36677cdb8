import type { TermKey } from './glossary.ts';

/**
 * What happened to a restoration parcel, one event each: the register's steps — added, edited
 * (attributes or boundary), split into parts (the parent is retired), a part split from its parent,
 * merged into a new parcel (each parent is retired), the parcel a merge made, retired (withdrawn) —
 * and what other writers did to the parcels' table (an import or a layer restore).
 */
export const PARCEL_EVENT_KINDS = ['added', 'edited', 'splitInto', 'splitFrom', 'mergedInto', 'mergedFrom', 'retired', 'imported', 'updated', 'removed'] as const;
export type ParcelEventKind = (typeof PARCEL_EVENT_KINDS)[number];

export const PARCEL_EVENT_TERMS: Record<ParcelEventKind, TermKey> = {
  added: 'parcelAdded',
  edited: 'parcelEdited',
  splitInto: 'parcelSplitInto',
  splitFrom: 'parcelSplitFrom',
  mergedInto: 'parcelMergedInto',
  mergedFrom: 'parcelMergedFrom',
  retired: 'parcelRetired',
  imported: 'parcelImported',
  updated: 'parcelUpdated',
  removed: 'parcelRemoved',
};

/** A parcel is current (on the map, in every figure) or retired (history: split, merged or withdrawn). */
export const PARCEL_LIFECYCLES = ['current', 'retired'] as const;
export type ParcelLifecycle = (typeof PARCEL_LIFECYCLES)[number];

/** Longest parcel code (图斑编号), name or method, and note. */
export const PARCEL_CODE_MAX = 60;
export const PARCEL_TEXT_MAX = 200;
export const PARCEL_NOTE_MAX = 2000;

/** Most parts one split may make, and most parcels one merge may join. */
export const PARCEL_SPLIT_MAX_PARTS = 20;
export const PARCEL_MERGE_MAX = 20;

/**
 * Splits `total` (mu, to 0.01) among parts in proportion to `weights` (their areas), so that the
 * parts add up to `total` exactly: each gets its share rounded down to 0.01, and the hundredths
 * left over go to the largest remainders (the first part on a tie). Pure; `weights` must not all be 0.
 */
export function apportionMu(total: number, weights: readonly number[]): number[] {
  const cents = Math.round(total * 100);
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (cents * w) / sum);
  const floors = exact.map((x) => Math.floor(x + 1e-9));
  let left = cents - floors.reduce((s, f) => s + f, 0);
  const order = exact.map((x, i) => ({ i, remainder: x - floors[i] })).sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] += 1;
    left -= 1;
  }
  return floors.map((c) => c / 100);
}

import type { CollectionId } from '@mpm/domain';
import type { BufferKey, BufferSettings, Ruleset } from './types.ts';

/** The buffer settings that are a visible range (直观可视范围) of the two lines, not a statutory strip. */
const VISIBLE_RANGE_KEYS: readonly BufferKey[] = ['roadVisibleRangeM', 'riverVisibleRangeM'];

/**
 * The two lines (两线) and their visible range, as the ruleset's visible-range rules define them
 * for a proposed block (`roadVisibleRange`: roads and railways; `riverVisibleRange`: rivers) at the
 * county's widths: so a restoration parcel is "in view of the two lines" exactly when a block there
 * would be flagged. A line named by two such rules takes the wider range.
 */
export function visibleRanges(ruleset: Pick<Ruleset, 'zoneRules'>, buffers: BufferSettings): { collection: CollectionId; withinM: number }[] {
  const ranges = new Map<CollectionId, number>();
  for (const rule of ruleset.zoneRules) {
    if (rule.relation !== 'withinDistance' || typeof rule.distance !== 'string' || !VISIBLE_RANGE_KEYS.includes(rule.distance)) continue;
    for (const collection of rule.collections) ranges.set(collection, Math.max(ranges.get(collection) ?? 0, buffers[rule.distance]));
  }
  return [...ranges].map(([collection, withinM]) => ({ collection, withinM }));
}

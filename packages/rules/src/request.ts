import type { CollectionId } from '@mpm/domain';
import type { BufferSettings, MeasurementRequest, Ruleset, ZoneRule } from './types.ts';

/** The widest buffer a distance rule can ask for, in metres. */
function reachM(rule: ZoneRule, buffers: BufferSettings): number {
  if (rule.relation !== 'withinDistance' || !rule.distance) return 0;
  if (typeof rule.distance === 'string') return buffers[rule.distance];
  return Math.max(...Object.values(rule.distance.byValue).map((key) => buffers[key]));
}

/**
 * What the geometry engine must measure for this ruleset: every collection a rule concerns,
 * with the largest distance at which a feature can still matter. Collections that only count
 * when they overlap are asked for at distance 0.
 */
export function measurementRequest(ruleset: Ruleset, buffers: BufferSettings): MeasurementRequest {
  const withinM = new Map<CollectionId, number>();
  const need = (collection: CollectionId, metres: number) =>
    withinM.set(collection, Math.max(withinM.get(collection) ?? 0, metres));
  for (const rule of ruleset.zoneRules) {
    for (const collection of rule.collections) need(collection, reachM(rule, buffers));
  }
  need('concentrated_zones', 0);
  need('mining_blocks', 0);
  return { collections: [...withinM].map(([collection, metres]) => ({ collection, withinM: metres })) };
}

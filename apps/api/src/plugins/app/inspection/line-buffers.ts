import { ruleApplies, type BufferSettings, type Proposal, type Ruleset } from '@mpm/rules';
import type { CollectionId } from '@mpm/domain';

/**
 * The buffer a line's own distance rules set around it, in metres: the widest of the ruleset's
 * `withinDistance` rules on its layer that bind (any outcome but advisory), e.g. 1 000 m of a
 * railway or 100 m of a county road (widths by class, as the county set them); only where no
 * rule binds, the widest advisory one (a river's visible range). 0 when no rule concerns it.
 * The findings still report every rule, the visible ranges included.
 */
export function lineBufferM(
  ruleset: Pick<Ruleset, 'zoneRules'>,
  buffers: BufferSettings,
  proposal: Proposal,
  collection: CollectionId,
  properties: Record<string, unknown>,
): number {
  const binding: number[] = [];
  const advisory: number[] = [];
  for (const rule of ruleset.zoneRules) {
    if (rule.relation !== 'withinDistance' || !rule.distance || !rule.collections.includes(collection)) continue;
    if (!ruleApplies(rule, proposal)) continue;
    const key = typeof rule.distance === 'string' ? rule.distance : rule.distance.byValue[String(properties[rule.distance.property])];
    if (key === undefined) continue;
    (rule.outcome === 'advisory' ? advisory : binding).push(buffers[key]);
  }
  const widths = binding.length > 0 ? binding : advisory;
  return widths.length > 0 ? Math.max(...widths) : 0;
}

import { candidatesIn, type LayerIndex } from './layer-index.ts';
import { areaShapeOf, overlapWithBlock } from './relate.ts';

/** The holders of each mining planning block, by feature id, and the blocks Turf failed on. */
export interface RightHolders {
  byBlock: Map<number, string[]>;
  /** Block feature id → why its list may be short (for the console, English). */
  failed: Map<number, string>;
}

/**
 * For every mining planning block (`mining_blocks`): the distinct `holder`s of the mining rights
 * whose ellipsoidal overlap with it exceeds `toleranceM2`, in code-point order. Computed once,
 * when the engine is made: the layers do not change between checks. A block is `failed` when
 * its list may be short: Turf threw, or the rights are not loaded or partly unreadable.
 */
export function rightHoldersOf(blocks: LayerIndex | undefined, rights: LayerIndex | undefined, toleranceM2: number): RightHolders {
  const byBlock = new Map<number, string[]>();
  const failed = new Map<number, string>();
  const unknown = !rights ? 'the mining_rights layer is not loaded' : rights.skipped.length > 0 ? 'some mining rights are unreadable' : null;
  for (const block of blocks?.items ?? []) {
    const holders = new Set<string>();
    if (unknown) failed.set(block.featureId, unknown);
    if (block.isArea && rights) {
      const shape = areaShapeOf(block);
      for (const right of candidatesIn(rights, block.bbox)) {
        const holder = right.properties.holder;
        if (!right.isArea || typeof holder !== 'string' || holder === '' || holders.has(holder)) continue;
        const overlap = overlapWithBlock(shape, areaShapeOf(right));
        if (!overlap.ok) failed.set(block.featureId, overlap.detail);
        else if (overlap.value && overlap.value.areaM2 > toleranceM2) holders.add(holder);
      }
    }
    byBlock.set(block.featureId, [...holders].sort());
  }
  return { byBlock, failed };
}

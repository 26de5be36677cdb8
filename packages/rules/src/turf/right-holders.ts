import type { ZoneRight } from '../types.ts';
import { candidatesIn, type IndexedFeature, type LayerIndex } from './layer-index.ts';
import { areaShapeOf, overlapWithBlock } from './relate.ts';

/** The holders of each mining planning block, by feature id, and the blocks Turf failed on. */
export interface RightHolders {
  byBlock: Map<number, string[]>;
  /** Block feature id → why its list may be short (for the console, English). */
  failed: Map<number, string>;
}

/** The rights inside each concentrated zone, by feature id, and the zones Turf failed on. */
export interface ZoneRights {
  byZone: Map<number, ZoneRight[]>;
  /** Zone feature id → why its list may be short (for the console, English). */
  failed: Map<number, string>;
}

/** Why every list over these rights may be short, or null when they are all readable. */
const rightsUnknown = (rights: LayerIndex | undefined) =>
  !rights ? 'the mining_rights layer is not loaded' : rights.skipped.length > 0 ? 'some mining rights are unreadable' : null;

/**
 * The mining rights whose ellipsoidal overlap with `area` exceeds `toleranceM2` (slivers, as the
 * rules treat them, aside), each given to `take`; the detail of the first Turf failure, if any.
 */
function eachRightInside(area: IndexedFeature, rights: LayerIndex, toleranceM2: number, take: (right: IndexedFeature) => void): string | null {
  if (!area.isArea) return null;
  let failed: string | null = null;
  const shape = areaShapeOf(area);
  for (const right of candidatesIn(rights, area.bbox)) {
    if (!right.isArea) continue;
    const overlap = overlapWithBlock(shape, areaShapeOf(right));
    if (!overlap.ok) failed ??= overlap.detail;
    else if (overlap.value && overlap.value.areaM2 > toleranceM2) take(right);
  }
  return failed;
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
  const unknown = rightsUnknown(rights);
  for (const block of blocks?.items ?? []) {
    const holders = new Set<string>();
    if (unknown) failed.set(block.featureId, unknown);
    const detail =
      rights &&
      eachRightInside(block, rights, toleranceM2, (right) => {
        const holder = right.properties.holder;
        if (typeof holder === 'string' && holder !== '') holders.add(holder);
      });
    if (detail) failed.set(block.featureId, detail);
    byBlock.set(block.featureId, [...holders].sort());
  }
  return { byBlock, failed };
}

/**
 * For every concentrated zone (`concentrated_zones`): the mining rights inside it (overlap above
 * `toleranceM2`), each with its licence number and capacity, by licence number in code-point
 * order, for the zone's planned rights (拟设矿权) and total (开采总量). Computed once, as the
 * holders are; a zone is `failed` when its list may be short.
 */
export function zoneRightsOf(zones: LayerIndex | undefined, rights: LayerIndex | undefined, toleranceM2: number): ZoneRights {
  const byZone = new Map<number, ZoneRight[]>();
  const failed = new Map<number, string>();
  const unknown = rightsUnknown(rights);
  for (const zone of zones?.items ?? []) {
    const inside: ZoneRight[] = [];
    if (unknown) failed.set(zone.featureId, unknown);
    const detail =
      rights &&
      eachRightInside(zone, rights, toleranceM2, (right) => {
        const { licenceNo, capacity10ktPerYear } = right.properties;
        inside.push({ licenceNo: String(licenceNo ?? ''), capacity10ktPerYear: Number(capacity10ktPerYear) || 0 });
      });
    if (detail) failed.set(zone.featureId, detail);
    byZone.set(zone.featureId, inside.sort((a, b) => (a.licenceNo < b.licenceNo ? -1 : a.licenceNo > b.licenceNo ? 1 : 0)));
  }
  return { byZone, failed };
}

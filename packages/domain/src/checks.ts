import type { TermKey } from './glossary.ts';

/** How bad a finding of a plan check is, worst first: 禁止, 限制, 需论证, 提示. */
export const OUTCOMES = ['forbidden', 'restricted', 'conditional', 'advisory'] as const satisfies readonly TermKey[];
export type Outcome = (typeof OUTCOMES)[number];

/** What the planner proposes: a new right, the extension (延续) or expansion (扩界/扩能) of one. */
export const RIGHT_KINDS = ['new', 'extension', 'expansion'] as const satisfies readonly TermKey[];
export type RightKind = (typeof RIGHT_KINDS)[number];

/** Design scale classes of a mine (大型, 中型, 小型), largest first. */
export const SCALE_CLASSES = ['large', 'medium', 'small'] as const satisfies readonly TermKey[];
export type ScaleClass = (typeof SCALE_CLASSES)[number];

/**
 * The county's minimum sensible block area until an admin sets one, in m²: 400 m², a 20 m × 20 m
 * square, the 2 mm × 2 mm that is the smallest patch one can draw and read on a 1:10 000 plan
 * sheet. Not a legal figure: it only stops slips (a mis-click, a corner list in the wrong unit)
 * from being checked and saved as a block. Smaller than any pit a mining right covers.
 */
export const DEFAULT_MIN_BLOCK_AREA_M2 = 400;

/** The largest minimum block area a county may set, in m² (1 km²). */
export const MAX_MIN_BLOCK_AREA_M2 = 1_000_000;

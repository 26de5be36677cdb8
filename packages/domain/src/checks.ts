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

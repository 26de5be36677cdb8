import { create } from 'zustand';
import type { BlockGeometry } from '@mpm/rules';

/** Which 管理 form asked for a boundary drawn on the map: 新立's, or a 变更's new boundary. */
export type BoundaryPurpose = 'register' | 'change';

/**
 * A licence boundary drawn on the map in 管理 mode (session state, nothing from the server): the
 * form that asked for it, whether clicks place corners now, and the polygon once closed. The map
 * (`useBoundaryDrawing`) runs terra-draw while `purpose` is set; the form reads `geometry`.
 */
export interface BoundaryDrawing {
  purpose: BoundaryPurpose | null;
  /** True while clicks on the map place corners (until the polygon closes). */
  drawing: boolean;
  geometry: BlockGeometry | null;
  /** Counts the drawings started: each is a fresh one on the map. */
  round: number;
  /** Starts a new drawing for `purpose` (what was drawn before goes). */
  start(purpose: BoundaryPurpose): void;
  /** The map closed the polygon. */
  finish(geometry: BlockGeometry): void;
  /** The form closed or took another source: the drawing leaves the map. */
  stop(): void;
}

export const useBoundaryDrawing = create<BoundaryDrawing>()((set) => ({
  purpose: null,
  drawing: false,
  geometry: null,
  round: 0,
  start: (purpose) => set((s) => ({ purpose, drawing: true, geometry: null, round: s.round + 1 })),
  finish: (geometry) => set({ drawing: false, geometry }),
  stop: () => set({ purpose: null, drawing: false, geometry: null }),
}));


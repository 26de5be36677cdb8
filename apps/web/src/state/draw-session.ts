import { create } from 'zustand';

/**
 * What the plan-mode drawing shows beside the block, kept apart from the block itself: the rings
 * on the map as they are being drawn or dragged (the one still open included, so its sides have
 * lengths before it closes), and whether terra-draw can undo or redo a step.
 */
export interface DrawSession {
  /** The outer rings of the polygons on the map, open or closed, in lon/lat; empty when none. */
  sketch: readonly GeoJSON.Position[][];
  canUndo: boolean;
  canRedo: boolean;
  /** Set by the map (`usePlanMap`); the panel's buttons and the shortcuts call them. */
  undo(): void;
  redo(): void;
}

export const useDrawSession = create<DrawSession>()(() => ({
  sketch: [],
  canUndo: false,
  canRedo: false,
  undo: () => undefined,
  redo: () => undefined,
}));

import { create } from 'zustand';
import type { LonLat, MeasureKind } from '../measure/measure-figures.ts';

/**
 * The measuring tool (量算) of this visit, in every mode: which measurement is on, the corners
 * clicked (EPSG:4490 lon/lat) and whether the line or ring is finished. Where the pointer is
 * while drawing is not here: the map shows it (`useMeasureMap`).
 */
export interface MeasureSession {
  /** The measurement being drawn or shown; null when the tool is off. */
  kind: MeasureKind | null;
  points: readonly LonLat[];
  /** Finished (double-click, a click on the last corner, or on the first one of a ring). */
  finished: boolean;
  /** Turns the tool on for `kind`, starting afresh. */
  start(kind: MeasureKind): void;
  /** Adds a corner; after a finished measurement, starts the next one with it. */
  addPoint(point: LonLat): void;
  removeLastPoint(): void;
  finish(): void;
  /** Drops what was measured, keeping the tool on. */
  clear(): void;
  /** Turns the tool off. */
  stop(): void;
}

/** Corners a measurement needs before it can finish. */
export const MIN_POINTS: Record<MeasureKind, number> = { distance: 2, area: 3 };

export const useMeasureSession = create<MeasureSession>()((set) => ({
  kind: null,
  points: [],
  finished: false,
  start: (kind) => set({ kind, points: [], finished: false }),
  addPoint: (point) => set((s) => (s.finished ? { points: [point], finished: false } : { points: [...s.points, point] })),
  removeLastPoint: () => set((s) => (s.finished ? {} : { points: s.points.slice(0, -1) })),
  finish: () => set((s) => (s.kind && s.points.length >= MIN_POINTS[s.kind] ? { finished: true } : {})),
  clear: () => set({ points: [], finished: false }),
  stop: () => set({ kind: null, points: [], finished: false }),
}));

/** For `MapView`'s click handler: whether a click on the map now places a measuring corner. */
export const mapTapMeasures = (): boolean => useMeasureSession.getState().kind !== null;

import { create } from 'zustand';
import type { LedgerFilters } from '../api/inspect.ts';
import { phoneLayout } from './map-overlay.ts';

/** The inspect panel's tabs: site check, licence register, change patches, the sweep of existing mines, problem ledger, campaigns. */
export const INSPECT_TABS = ['site', 'rights', 'patches', 'sweep', 'ledger', 'campaigns'] as const;
export type InspectTab = (typeof INSPECT_TABS)[number];

/** What a tap on the map does on the site tab: pick the site, draw a polygon site, or nothing (pan, popup). */
export type SiteTool = 'pick' | 'draw' | 'pan';

/** [minLon, minLat, maxLon, maxLat], EPSG:4490. */
export type Bbox = [number, number, number, number];

/** A request for the map to show an extent; `revision` tells one request from the next. */
export interface MapFocus {
  bbox: Bbox;
  revision: number;
}

/** A right shown highlighted on the map. */
export interface HighlightedRight {
  collection: 'mining_rights' | 'exploration_rights';
  featureId: number;
}

/** Printing the site card: the map hook answers a request with a snapshot of the map (or null). */
export interface PrintState {
  request: number;
  /** The request the snapshot answers, and the snapshot as a data URL (null when the map could not give one). */
  answered: number;
  snapshot: string | null;
}

/** Choices of this visit in inspect mode; server data lives in `inspect-store` and `ledger-store`. */
export interface InspectSession {
  tab: InspectTab;
  tool: SiteTool;
  /** Phone layout: whether the bottom sheet is expanded. */
  sheetOpen: boolean;
  focus: MapFocus | null;
  highlighted: HighlightedRight | null;
  selectedPatchId: number | null;
  ledgerFilters: LedgerFilters;
  print: PrintState;
  setTab(tab: InspectTab): void;
  setTool(tool: SiteTool): void;
  setSheetOpen(open: boolean): void;
  focusOn(bbox: Bbox): void;
  highlightRight(right: HighlightedRight & { bbox: Bbox }): void;
  selectPatch(id: number | null, bbox?: Bbox): void;
  setLedgerFilters(filters: LedgerFilters): void;
  requestPrint(): void;
  answerPrint(request: number, snapshot: string | null): void;
}

let focusRevision = 0;

export const useInspectSession = create<InspectSession>()((set) => ({
  tab: 'site',
  tool: 'pick',
  // A phone opens on the map (the county in view); the sheet unfolds on demand or with a site.
  sheetOpen: !phoneLayout(),
  focus: null,
  highlighted: null,
  selectedPatchId: null,
  ledgerFilters: {},
  print: { request: 0, answered: 0, snapshot: null },
  setTab: (tab) => set({ tab, sheetOpen: true }),
  setTool: (tool) => set({ tool }),
  setSheetOpen: (sheetOpen) => set({ sheetOpen }),
  focusOn: (bbox) => set({ focus: { bbox, revision: ++focusRevision } }),
  highlightRight: ({ bbox, ...right }) => set({ highlighted: right, focus: { bbox, revision: ++focusRevision } }),
  selectPatch: (selectedPatchId, bbox) =>
    set(bbox ? { selectedPatchId, focus: { bbox, revision: ++focusRevision } } : { selectedPatchId }),
  setLedgerFilters: (ledgerFilters) => set({ ledgerFilters }),
  requestPrint: () => set((s) => ({ print: { ...s.print, request: s.print.request + 1 } })),
  answerPrint: (request, snapshot) => set((s) => ({ print: { ...s.print, answered: request, snapshot } })),
}));

/** Whether a tap on the map belongs to inspect mode's site tools (not to the feature popup). */
export const inspectTakesClicks = (s: Pick<InspectSession, 'tab' | 'tool'>): boolean => s.tab === 'site' && s.tool !== 'pan';

/** The extent of a site, patch or entry geometry, EPSG:4490. */
export function bboxOf(geometry: GeoJSON.Point | GeoJSON.Polygon | GeoJSON.MultiPolygon): Bbox {
  const positions =
    geometry.type === 'Point' ? [geometry.coordinates] : geometry.type === 'Polygon' ? geometry.coordinates.flat() : geometry.coordinates.flat(2);
  const xs = positions.map((p) => p[0]);
  const ys = positions.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/**
 * For `MapView`'s click handler: whether, in inspect mode (`active`), a tap now picks or draws the
 * site. `useInspectMap` subscribes to the same state, so `MapView` renders again when it changes.
 */
export const mapTapPicksSite = (active: boolean): boolean => active && inspectTakesClicks(useInspectSession.getState());

import type { ExpressionSpecification, GeoJSONSource, LayerSpecification, Map as MaplibreMap } from 'maplibre-gl';
import { LEDGER_STATUSES, PATCH_CLASSES, type LedgerStatus, type PatchClass } from '@mpm/domain';
import { DRAW_PREFIX, INSPECT_PREFIX } from './plan-overlay.ts';

/**
 * Patch classes in colours that stay apart for the common colour-vision deficiencies; the table
 * and the popup name the class in text too.
 */
export const PATCH_CLASS_COLORS: Record<PatchClass, string> = {
  legal: '#2e7d32',
  out_of_bounds: '#e65100',
  unlicensed: '#c62828',
  expired: '#6a1b9a',
  protected_zone: '#0277bd',
  mining_under_exploration: '#ad1457',
  cover_mining: '#8d6e63',
  closed_then_mined: '#212121',
};

/** Ledger statuses on the map: open leads warm, finished ones cool or grey. */
export const LEDGER_STATUS_COLORS: Record<LedgerStatus, string> = {
  pending: '#c62828',
  verifying: '#e65100',
  rectifying: '#b7791f',
  rectified: '#1f6fb2',
  closed: '#2e7d32',
  unfounded: '#6b7280',
};

/** The inspector's site: a point, or a polygon drawn or uploaded. */
export const SITE_SOURCE = `${INSPECT_PREFIX}site`;
/** Classified change patches (`GET /api/patches`), with their properties. */
export const PATCH_SOURCE = `${INSPECT_PREFIX}patches`;
/** The right picked in the licence register, drawn over everything. */
export const RIGHT_SOURCE = `${INSPECT_PREFIX}right`;
/** Ledger entries as points at their centre, with `id` and `status`. */
export const LEDGER_SOURCE = `${INSPECT_PREFIX}ledger`;
export type InspectSource = typeof SITE_SOURCE | typeof PATCH_SOURCE | typeof RIGHT_SOURCE | typeof LEDGER_SOURCE;
const SOURCES: readonly InspectSource[] = [PATCH_SOURCE, RIGHT_SOURCE, SITE_SOURCE, LEDGER_SOURCE];

export const PATCH_FILL_LAYER = `${INSPECT_PREFIX}patches-fill`;
export const PATCH_SELECTED_LAYER = `${INSPECT_PREFIX}patches-selected`;
export const LEDGER_POINT_LAYER = `${INSPECT_PREFIX}ledger-points`;

const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

const matchColor = <K extends string>(property: string, colors: Record<K, string>, keys: readonly K[]) =>
  ['match', ['get', property], ...keys.flatMap((key) => [key, colors[key]]), '#555555'] as unknown as ExpressionSpecification;

const byClass = matchColor('classification', PATCH_CLASS_COLORS, PATCH_CLASSES);
const byStatus = matchColor('status', LEDGER_STATUS_COLORS, LEDGER_STATUSES);
const isPoint: ExpressionSpecification = ['==', ['geometry-type'], 'Point'];
const isPolygon: ExpressionSpecification = ['!=', ['geometry-type'], 'Point'];

const OVERLAY_LAYERS: LayerSpecification[] = [
  { id: PATCH_FILL_LAYER, type: 'fill', source: PATCH_SOURCE, paint: { 'fill-color': byClass, 'fill-opacity': 0.45 } },
  {
    id: `${INSPECT_PREFIX}patches-outline`,
    type: 'line',
    source: PATCH_SOURCE,
    layout: { 'line-join': 'round' },
    paint: { 'line-color': byClass, 'line-width': 2 },
  },
  {
    id: PATCH_SELECTED_LAYER,
    type: 'line',
    source: PATCH_SOURCE,
    filter: ['==', ['get', 'id'], -1],
    layout: { 'line-join': 'round' },
    paint: { 'line-color': '#111827', 'line-width': 4 },
  },
  {
    id: `${INSPECT_PREFIX}right-casing`,
    type: 'line',
    source: RIGHT_SOURCE,
    layout: { 'line-join': 'round' },
    paint: { 'line-color': '#111827', 'line-width': 6 },
  },
  {
    id: `${INSPECT_PREFIX}right-line`,
    type: 'line',
    source: RIGHT_SOURCE,
    layout: { 'line-join': 'round' },
    paint: { 'line-color': '#ffd400', 'line-width': 3 },
  },
  {
    id: `${INSPECT_PREFIX}site-fill`,
    type: 'fill',
    source: SITE_SOURCE,
    filter: isPolygon,
    paint: { 'fill-color': '#d81b60', 'fill-opacity': 0.18 },
  },
  {
    id: `${INSPECT_PREFIX}site-outline`,
    type: 'line',
    source: SITE_SOURCE,
    filter: isPolygon,
    layout: { 'line-join': 'round' },
    paint: { 'line-color': '#ad1457', 'line-width': 3, 'line-dasharray': [2, 1] },
  },
  {
    id: `${INSPECT_PREFIX}site-point`,
    type: 'circle',
    source: SITE_SOURCE,
    filter: isPoint,
    paint: { 'circle-radius': 9, 'circle-color': '#d81b60', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 3 },
  },
  {
    id: LEDGER_POINT_LAYER,
    type: 'circle',
    source: LEDGER_SOURCE,
    paint: { 'circle-radius': 7, 'circle-color': byStatus, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 },
  },
];

/** Adds inspect mode's sources and layers (once), above the catalogue layers and under any drawing. */
export function ensureInspectOverlay(map: MaplibreMap): void {
  for (const id of SOURCES) if (!map.getSource(id)) map.addSource(id, { type: 'geojson', data: EMPTY });
  const drawLayer = map.getStyle().layers.find((layer) => layer.id.startsWith(`${DRAW_PREFIX}-`))?.id;
  for (const layer of OVERLAY_LAYERS) if (!map.getLayer(layer.id)) map.addLayer(layer, drawLayer);
}

/** Removes what `ensureInspectOverlay` added (leaving inspect mode). */
export function removeInspectOverlay(map: MaplibreMap): void {
  for (const layer of OVERLAY_LAYERS) if (map.getLayer(layer.id)) map.removeLayer(layer.id);
  for (const id of SOURCES) if (map.getSource(id)) map.removeSource(id);
}

export function setInspectData(map: MaplibreMap, source: InspectSource, data: GeoJSON.FeatureCollection): void {
  map.getSource<GeoJSONSource>(source)?.setData(data);
}

/** Outlines the patch with this id (none for null). */
export function selectPatchOnMap(map: MaplibreMap, id: number | null): void {
  if (map.getLayer(PATCH_SELECTED_LAYER)) map.setFilter(PATCH_SELECTED_LAYER, ['==', ['get', 'id'], id ?? -1]);
}

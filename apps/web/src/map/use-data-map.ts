import { useEffect, useState } from 'react';
import type { GeoJSONSource, LayerSpecification, Map as MaplibreMap } from 'maplibre-gl';
import { useTransferData } from '../state/transfer-store.ts';
import { DATA_PREFIX, DRAW_PREFIX } from './plan-overlay.ts';
import { whileMapLives } from './while-map-lives.ts';

/** The extent of the file previewed for import, as a rectangle. */
export const PREVIEW_SOURCE = `${DATA_PREFIX}preview-extent`;
/** The previewed features themselves (`GET /api/imports/:id/features`), those with a problem in red. */
export const PREVIEW_FEATURES_SOURCE = `${DATA_PREFIX}preview-features`;

const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

const OVERLAY_LAYERS: LayerSpecification[] = [
  { id: `${DATA_PREFIX}preview-fill`, type: 'fill', source: PREVIEW_SOURCE, paint: { 'fill-color': '#7b1fa2', 'fill-opacity': 0.08 } },
  {
    id: `${DATA_PREFIX}preview-outline`,
    type: 'line',
    source: PREVIEW_SOURCE,
    layout: { 'line-join': 'round' },
    paint: { 'line-color': '#7b1fa2', 'line-width': 2.5, 'line-dasharray': [3, 2] },
  },
  {
    id: `${DATA_PREFIX}preview-features-fill`,
    type: 'fill',
    source: PREVIEW_FEATURES_SOURCE,
    filter: ['==', ['geometry-type'], 'Polygon'],
    paint: { 'fill-color': ['case', ['get', 'hasProblem'], '#d32f2f', '#7b1fa2'], 'fill-opacity': 0.3 },
  },
  {
    id: `${DATA_PREFIX}preview-features-line`,
    type: 'line',
    source: PREVIEW_FEATURES_SOURCE,
    paint: { 'line-color': ['case', ['get', 'hasProblem'], '#d32f2f', '#4a148c'], 'line-width': 1.5 },
  },
];

type Bbox = [number, number, number, number];

const rectangle = ([w, s, e, n]: Bbox): GeoJSON.FeatureCollection => ({
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: {},
      geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] },
    },
  ],
});

function ensureOverlay(map: MaplibreMap): void {
  if (!map.getSource(PREVIEW_SOURCE)) map.addSource(PREVIEW_SOURCE, { type: 'geojson', data: EMPTY });
  if (!map.getSource(PREVIEW_FEATURES_SOURCE)) map.addSource(PREVIEW_FEATURES_SOURCE, { type: 'geojson', data: EMPTY });
  const drawLayer = map.getStyle().layers.find((layer) => layer.id.startsWith(`${DRAW_PREFIX}-`))?.id;
  for (const layer of OVERLAY_LAYERS) if (!map.getLayer(layer.id)) map.addLayer(layer, drawLayer);
}

function removeOverlay(map: MaplibreMap): void {
  for (const layer of OVERLAY_LAYERS) if (map.getLayer(layer.id)) map.removeLayer(layer.id);
  for (const source of [PREVIEW_SOURCE, PREVIEW_FEATURES_SOURCE]) if (map.getSource(source)) map.removeSource(source);
}

/**
 * Data mode on the map, for `MapView` only: the file previewed for import — its features (those
 * a problem names in red) and its extent outlined — and the map moved to show it (the layer's own
 * tiles show the features once committed).
 */
export function useDataMap(map: MaplibreMap | null, styleLoaded: boolean, active: boolean): void {
  const bbox = useTransferData((s) => s.preview.data?.bbox ?? null);
  const previewId = useTransferData((s) => s.preview.data?.id ?? null);
  const [ready, setReady] = useState<MaplibreMap | null>(null);
  const on = ready !== null && ready === map;

  useEffect(() => {
    if (!map || !styleLoaded || !active) return;
    ensureOverlay(map);
    setReady(map);
    return () => {
      setReady(null);
      whileMapLives(() => removeOverlay(map));
    };
  }, [map, styleLoaded, active]);

  useEffect(() => {
    if (!on) return;
    map!.getSource<GeoJSONSource>(PREVIEW_FEATURES_SOURCE)?.setData(previewId ? `/api/imports/${encodeURIComponent(previewId)}/features` : EMPTY);
  }, [on, map, previewId]);

  // Moved when the extent changes (a new mapping previews the same extent: the map stays where the officer put it).
  const key = bbox ? bbox.join(',') : null;
  useEffect(() => {
    if (!on) return;
    const box = key ? (key.split(',').map(Number) as Bbox) : null;
    map!.getSource<GeoJSONSource>(PREVIEW_SOURCE)?.setData(box ? rectangle(box) : EMPTY);
    if (!box) return;
    const [w, s, e, n] = box;
    if (w === e && s === n) map!.easeTo({ center: [w, s], zoom: Math.max(map!.getZoom(), 14) });
    else map!.fitBounds([[w, s], [e, n]], { padding: 48, maxZoom: 16, duration: 600 });
  }, [on, map, key]);
}

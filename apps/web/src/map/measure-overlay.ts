import type { GeoJSONSource, LayerSpecification, Map as MaplibreMap } from 'maplibre-gl';
import type { LonLat, MeasureKind } from '../measure/measure-figures.ts';
import { MEASURE_PREFIX } from './plan-overlay.ts';

const SOURCE = `${MEASURE_PREFIX}shape`;
/** Orange: apart from every layer's and the drawn block's colours. */
const INK = '#d95f02';

const LAYERS: LayerSpecification[] = [
  {
    id: `${MEASURE_PREFIX}fill`,
    type: 'fill',
    source: SOURCE,
    filter: ['==', ['geometry-type'], 'Polygon'],
    paint: { 'fill-color': INK, 'fill-opacity': 0.12 },
  },
  {
    id: `${MEASURE_PREFIX}line`,
    type: 'line',
    source: SOURCE,
    filter: ['all', ['!=', ['geometry-type'], 'Point'], ['!', ['get', 'live']]],
    layout: { 'line-join': 'round', 'line-cap': 'round' },
    paint: { 'line-color': INK, 'line-width': 2.5 },
  },
  {
    id: `${MEASURE_PREFIX}live-line`,
    type: 'line',
    source: SOURCE,
    filter: ['all', ['!=', ['geometry-type'], 'Point'], ['get', 'live']],
    layout: { 'line-join': 'round' },
    paint: { 'line-color': INK, 'line-width': 2.5, 'line-dasharray': [2, 1.5] },
  },
  {
    id: `${MEASURE_PREFIX}corners`,
    type: 'circle',
    source: SOURCE,
    filter: ['==', ['geometry-type'], 'Point'],
    paint: { 'circle-radius': 4, 'circle-color': '#ffffff', 'circle-stroke-color': INK, 'circle-stroke-width': 2 },
  },
];

const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Adds the measuring line, ring and corners on top of the map (once). */
export function ensureMeasureOverlay(map: MaplibreMap): void {
  if (!map.getSource(SOURCE)) map.addSource(SOURCE, { type: 'geojson', data: EMPTY });
  for (const layer of LAYERS) if (!map.getLayer(layer.id)) map.addLayer(layer);
}

export function removeMeasureOverlay(map: MaplibreMap): void {
  for (const layer of LAYERS) if (map.getLayer(layer.id)) map.removeLayer(layer.id);
  if (map.getSource(SOURCE)) map.removeSource(SOURCE);
}

const feature = (geometry: GeoJSON.Geometry, live = false): GeoJSON.Feature => ({ type: 'Feature', geometry, properties: { live } });

/**
 * Draws a measurement: the corners clicked, the line or ring through them and, while drawing,
 * a dashed leg to the pointer (`cursor`) and, for a ring, back to the first corner.
 */
export function showMeasurement(map: MaplibreMap, kind: MeasureKind, points: readonly LonLat[], cursor: LonLat | null): void {
  const corners = points.map((p) => [p[0], p[1]]);
  const features = corners.map((p) => feature({ type: 'Point', coordinates: p }));
  const drawn = cursor ? [...corners, [cursor[0], cursor[1]]] : corners;
  if (kind === 'area' && drawn.length >= 3) {
    features.unshift(feature({ type: 'Polygon', coordinates: [[...drawn, drawn[0]]] }, cursor !== null));
  } else if (drawn.length >= 2) {
    features.unshift(feature({ type: 'LineString', coordinates: drawn }, cursor !== null));
  }
  map.getSource<GeoJSONSource>(SOURCE)?.setData({ type: 'FeatureCollection', features });
}

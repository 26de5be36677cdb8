import type { MapGeoJSONFeature, Map as MaplibreMap, PointLike } from 'maplibre-gl';
import { isCollectionId } from '@mpm/domain';
import type { SelectedFeature } from '../state/session-store.ts';

/** Half the side of the square around a click that counts as a hit, in screen pixels. */
const CLICK_TOLERANCE_PX = 4;

/**
 * The features under a screen point in the given map layers, top first, each once (a feature
 * split across tiles or drawn by two layers is reported once).
 */
export function featuresAt(map: MaplibreMap, point: { x: number; y: number }, layerIds: readonly string[]): SelectedFeature[] {
  const layers = layerIds.filter((id) => map.getLayer(id));
  if (layers.length === 0) return [];
  const box: [PointLike, PointLike] = [
    [point.x - CLICK_TOLERANCE_PX, point.y - CLICK_TOLERANCE_PX],
    [point.x + CLICK_TOLERANCE_PX, point.y + CLICK_TOLERANCE_PX],
  ];
  const seen = new Set<string>();
  const result: SelectedFeature[] = [];
  for (const feature of map.queryRenderedFeatures(box, { layers }) as MapGeoJSONFeature[]) {
    // A catalogue layer's source-layer is its collection id, whichever source it is drawn from.
    const layerId = feature.sourceLayer;
    if (layerId === undefined || !isCollectionId(layerId)) continue;
    const key = `${layerId}/${feature.id ?? JSON.stringify(feature.properties)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ layerId, featureId: feature.id, properties: { ...feature.properties } });
  }
  return result;
}

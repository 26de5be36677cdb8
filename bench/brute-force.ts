import { booleanIntersects, intersect } from '@turf/turf';
import { ellipsoidalAreaM2 } from '@mpm/geo';

/**
 * The baseline: what a check costs without an index. Turf `booleanIntersects` on every zone,
 * then `intersect` + ellipsoidal area on those that intersect.
 */
export function bruteForceOverlaps(block: GeoJSON.Polygon, zones: readonly GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon>[]): number {
  const blockFeature: GeoJSON.Feature<GeoJSON.Polygon> = { type: 'Feature', properties: {}, geometry: block };
  let total = 0;
  for (const zone of zones) {
    if (!booleanIntersects(blockFeature, zone)) continue;
    const part = intersect({ type: 'FeatureCollection', features: [blockFeature, zone] });
    if (part) total += ellipsoidalAreaM2(part.geometry);
  }
  return total;
}

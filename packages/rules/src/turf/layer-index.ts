import Flatbush from 'flatbush';
import type { CollectionId } from '@mpm/domain';
import type { SkippedFeature, TurfLayer } from './types.ts';

/** Geometries the engine measures: areas and lines, EPSG:4490 lon/lat. */
export type AreaGeometry = GeoJSON.Polygon | GeoJSON.MultiPolygon;
export type LineGeometry = GeoJSON.LineString | GeoJSON.MultiLineString;

/** [minLon, minLat, maxLon, maxLat] in degrees. */
export type Bbox = [number, number, number, number];

/** One feature as the engine keeps it. */
export interface IndexedFeature {
  collection: CollectionId;
  featureId: number;
  properties: Record<string, unknown>;
  /** The feature as given, for Turf. */
  feature: GeoJSON.Feature<AreaGeometry | LineGeometry>;
  isArea: boolean;
  bbox: Bbox;
  /** Ellipsoidal area in m² (areas only), filled in the first time a check needs it. */
  areaM2?: number;
}

/** A collection's features and their flatbush index (null when nothing could be indexed). */
export interface LayerIndex {
  collection: CollectionId;
  items: IndexedFeature[];
  tree: Flatbush | null;
  /** Features whose geometry cannot be read: no box, so every check of the layer reports them. */
  skipped: SkippedFeature[];
}

const AREA_TYPES = new Set(['Polygon', 'MultiPolygon']);
const LINE_TYPES = new Set(['LineString', 'MultiLineString']);

/** The bounding box of any polygon or line coordinates. */
export function bboxOf(geometry: AreaGeometry | LineGeometry): Bbox {
  const box: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (positions: readonly GeoJSON.Position[]) => {
    for (const [x, y] of positions) {
      if (x < box[0]) box[0] = x;
      if (y < box[1]) box[1] = y;
      if (x > box[2]) box[2] = x;
      if (y > box[3]) box[3] = y;
    }
  };
  if (geometry.type === 'LineString') visit(geometry.coordinates);
  else if (geometry.type === 'MultiLineString' || geometry.type === 'Polygon') geometry.coordinates.forEach(visit);
  else geometry.coordinates.forEach((polygon) => polygon.forEach(visit));
  return box;
}

/** The API's feature id: the integer `id` when present, else the 1-based position in the layer. */
const featureIdOf = (feature: GeoJSON.Feature, position: number): number =>
  typeof feature.id === 'number' && Number.isInteger(feature.id) ? feature.id : position + 1;

/**
 * The box of a polygon or line geometry, or null when it has none (wrong type, unreadable or
 * infinite coordinates). Stray NaN ordinates do not count against the box: the feature is
 * indexed, and Turf's failure on it is then reported by the checks it takes part in.
 */
function readableBox(geometry: GeoJSON.Geometry | null): Bbox | null {
  if (!geometry || !(AREA_TYPES.has(geometry.type) || LINE_TYPES.has(geometry.type))) return null;
  try {
    const box = bboxOf(geometry as AreaGeometry | LineGeometry);
    return box.every(Number.isFinite) ? box : null;
  } catch {
    return null;
  }
}

/** Indexes one layer's features by bounding box; those without a readable box go to `skipped`. */
export function indexLayer(layer: TurfLayer, nodeSize: number): LayerIndex {
  const items: IndexedFeature[] = [];
  const skipped: SkippedFeature[] = [];
  layer.features.forEach((feature, position) => {
    const featureId = featureIdOf(feature, position);
    const properties = (feature.properties ?? {}) as Record<string, unknown>;
    const bbox = readableBox(feature.geometry);
    if (!bbox) {
      skipped.push({ collection: layer.collection, featureId, properties, geometryType: feature.geometry?.type ?? null });
      return;
    }
    const typed = feature as GeoJSON.Feature<AreaGeometry | LineGeometry>;
    items.push({ collection: layer.collection, featureId, properties, feature: typed, isArea: AREA_TYPES.has(typed.geometry.type), bbox });
  });
  if (items.length === 0) return { collection: layer.collection, items, tree: null, skipped };
  const tree = new Flatbush(items.length, nodeSize);
  for (const { bbox } of items) tree.add(bbox[0], bbox[1], bbox[2], bbox[3]);
  tree.finish();
  return { collection: layer.collection, items, tree, skipped };
}

/** The features whose bounding boxes touch `box`. */
export function candidatesIn(layer: LayerIndex, box: Bbox): IndexedFeature[] {
  if (!layer.tree) return [];
  return layer.tree.search(box[0], box[1], box[2], box[3]).map((i) => layer.items[i]);
}

import type { CollectionId } from '@mpm/domain';
import type { MeasurementRequest, Measurements } from './types.ts';

/** A proposed block: EPSG:4490 lon/lat, valid (closed rings, no self-intersection). */
export type BlockGeometry = GeoJSON.Polygon | GeoJSON.MultiPolygon;

/** Geometry of a zone where the block overlaps it, for highlighting on the map. */
export interface OverlapPart {
  collection: CollectionId;
  featureId: number;
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon;
}

/**
 * Measures a block against the county's layers: the interface both geometry engines implement
 * (Turf + flatbush in the browser, PostGIS on the server). Areas and distances on the ellipsoid.
 */
export interface GeometryEngine {
  measure(block: BlockGeometry, request: MeasurementRequest): Measurements | Promise<Measurements>;
}

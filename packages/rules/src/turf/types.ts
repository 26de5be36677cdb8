import type { CollectionId } from '@mpm/domain';
import type { BlockGeometry, GeometryEngine, OverlapPart } from '../engine.ts';
import type { Bilingual } from '@mpm/domain';
import type { FeatureMeasurement, MeasurementRequest, Measurements, ZoneRight } from '../types.ts';
import type { MeasurementErrorReason } from './reasons.ts';

/** One loaded layer: a collection's features, EPSG:4490 lon/lat, as the API serves them. */
export interface TurfLayer {
  collection: CollectionId;
  /**
   * Polygon, MultiPolygon, LineString or MultiLineString features. A feature's id is its
   * integer `id` when it has one, else its position in this list counting from 1 (the API's
   * file-order ids). Features without such a geometry, or whose coordinates cannot be read,
   * are left out, listed in `skipped` and reported by every check of their layer.
   */
  features: readonly GeoJSON.Feature[];
}

/** A part of a check the browser could not measure; the UI must not read its absence as clear. */
export interface MeasurementError {
  reason: MeasurementErrorReason;
  collection: CollectionId;
  /** Absent when the whole layer is concerned (`layerNotLoaded`). */
  featureId?: number;
  /** The feature's properties, for its name. */
  properties?: Record<string, unknown>;
  message: Bilingual;
  /** What Turf threw, for the console and bug reports (English, not for the planner). */
  detail?: string;
}

/** {@link Measurements} with what could not be measured: features that failed are not in `features`. */
export interface TurfMeasurements extends Measurements {
  errors: MeasurementError[];
}

/** A full check: measurements and the overlap geometries to highlight on the map. */
export interface TurfCheck {
  measurements: TurfMeasurements;
  /**
   * Block ∩ feature for every area feature sharing area with the block, in `features` order.
   * When one lies wholly inside the other the part is that geometry itself: do not mutate it.
   */
  overlaps: OverlapPart[];
}

/** One feature the fast path flags: it touches or overlaps the block, or lies within the distance asked. */
export interface FeatureFlag {
  collection: CollectionId;
  featureId: number;
  properties: Record<string, unknown>;
  /** Turf `booleanIntersects`: shares at least one point with the block (touching counts). */
  intersects: boolean;
  /** Ellipsoidal distance in metres between block and feature; 0 when they intersect. */
  distanceM: number;
  /** For mining planning blocks: holders of the existing rights inside it (as in {@link Measurements}). */
  rightHolders?: string[];
  /** For concentrated zones: the rights inside it (as in {@link Measurements}). */
  rightsInside?: ZoneRight[];
}

/** The fast path's answer: which features matter, without overlap areas. */
export interface TurfFlags {
  blockAreaM2: number;
  features: FeatureFlag[];
  errors: MeasurementError[];
}

/** A feature the engine could not index: not a polygon or line, or coordinates it cannot read. */
export interface SkippedFeature {
  collection: CollectionId;
  featureId: number;
  properties: Record<string, unknown>;
  /** Its geometry type, or `null`. */
  geometryType: string | null;
}

/**
 * The browser geometry engine: Turf over the loaded layers, each indexed once with flatbush.
 * Synchronous; pure (never alters the block or the layers).
 */
export interface TurfEngine extends GeometryEngine {
  /**
   * Full measurements: ellipsoidal overlap areas (Turf `intersect`, then GRS80 area) and
   * geodesic distances, per requested collection, for features within `withinM` of the block.
   */
  measure(block: BlockGeometry, request: MeasurementRequest): TurfMeasurements;
  /** {@link TurfEngine.measure} plus the intersection geometries, for highlighting. */
  measureWithOverlaps(block: BlockGeometry, request: MeasurementRequest): TurfCheck;
  /**
   * The fast path for the live per-edit check: the same features as `measure`, with the same
   * distances, but no areas and no intersection geometry (Turf `booleanIntersects` only).
   */
  classify(block: BlockGeometry, request: MeasurementRequest): TurfFlags;
  /** Features left out of the index (no polygon or line geometry, or unreadable coordinates). */
  readonly skipped: readonly SkippedFeature[];
}

/** What the engine knows of a feature beyond its geometry: a planning block's holders, a zone's rights. */
export type FeatureExtras = Pick<FeatureMeasurement, 'rightHolders' | 'rightsInside'>;

/** Longitude and latitude in degrees, CGCS2000 (EPSG:4490), in GeoJSON order. */
export type Position = [lon: number, lat: number];

/** A closed linear ring: the first position is repeated at the end. */
export type Ring = Position[];

/** RFC 7946 Polygon: outer ring first, then holes. */
export interface Polygon {
  type: 'Polygon';
  coordinates: Ring[];
}

/** RFC 7946 MultiPolygon. */
export interface MultiPolygon {
  type: 'MultiPolygon';
  coordinates: Ring[][];
}

/** RFC 7946 LineString. */
export interface LineString {
  type: 'LineString';
  coordinates: Position[];
}

/** RFC 7946 MultiLineString. */
export interface MultiLineString {
  type: 'MultiLineString';
  coordinates: Position[][];
}

/** Geometry of an area layer. */
export type AreaGeometry = Polygon | MultiPolygon;
/** Geometry of a line layer. */
export type LineGeometry = LineString | MultiLineString;
/** Any geometry the demo writes. */
export type Geometry = AreaGeometry | LineGeometry;

/** A property value as written to GeoJSON (dates are `YYYY-MM-DD` strings). */
export type PropertyValue = string | number | boolean | null;
/** A feature's properties. */
export type Properties = Record<string, PropertyValue>;

/** RFC 7946 Feature. */
export interface Feature<G extends Geometry = Geometry> {
  type: 'Feature';
  properties: Properties;
  geometry: G;
}

/** A point in a local planar frame: metres east (`x`) and north (`y`) of the frame's origin. */
export interface PointM {
  x: number;
  y: number;
}

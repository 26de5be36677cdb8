export type { GkPoint, LonLat, Problem, Result } from './types.ts';
export * from './reasons.ts';
export { DATUM_NAMES, type LegacyDatum, type Place } from './messages.ts';
export {
  ZONE_RANGE,
  centralMeridian,
  detectZone,
  falseEasting,
  gkEpsg,
  gkProj4,
  gkZoneFromEpsg,
  integerDigits,
  isValidZone,
  zoneForLongitude,
  zoneFromCentralMeridian,
  type GkZone,
} from './gauss-kruger.ts';
export { CGCS2000_EPSG, GRS80, detectDatum, gkToLonLat, lonLatToGk, resolveCrs, type Crs, type CrsProblem } from './crs.ts';
export { areaReport, ellipsoidalAreaM2, ellipsoidalLengthM, geodesicDistanceM, type AreaReport } from './area.ts';
export { metresPerDegree } from './metres-per-degree.ts';
export { boxesMeet, geometryBox, growBox, planarReach, type LonLatBox } from './lonlat-box.ts';
export { COUNTY_MARGIN_M, outsideCountyReason } from './county-reach.ts';
export { tooSmallBlockReason } from './block-size.ts';
export { formatDms, formatLonLatDms, parseDms, type AngleAxis } from './dms.ts';
export { decodeCornerListBytes } from './decode-text.ts';
export type * from './corner-list/types.ts';
export { CHINA_RANGE } from './corner-list/coordinate.ts';
export { MAX_CROSSINGS_REPORTED } from './corner-list/self-intersection.ts';
export { detectCornerListFormat, parseCornerList } from './corner-list/parse-corner-list.ts';
export { parsePlainTable } from './corner-list/parse-plain-table.ts';
export { parseRegistration } from './corner-list/parse-registration.ts';
export { parseExchange } from './corner-list/parse-exchange.ts';
export { formatPlainTable, plainTableTitle } from './corner-list/format-plain-table.ts';
export { formatRegistration } from './corner-list/format-registration.ts';
export { exchangeHeader, formatExchange } from './corner-list/format-exchange.ts';
export { formatCornerList } from './corner-list/format-corner-list.ts';
export { cornerListFromGeoJson, listedBackwards, type FromGeoJsonOptions } from './corner-list/from-geojson.ts';
export { dbfEncoding, encodingFromCpg, shapefileEncoding, type DetectedEncoding, type SourceEncoding } from './source-encoding.ts';
export { sourceCrs, type SourceCrs } from './source-crs.ts';
export {
  CGCS2000_TOWGS84_PROJ4,
  legacyCrsFromEpsg,
  legacyCrsFromWkt,
  legacyEpsg,
  legacyProj4,
  parseBursaWolf,
  type BursaWolf,
  type LegacyCrs,
  type RotationConvention,
} from './legacy-datum.ts';
export {
  FEATURE_COLUMN_NAMES,
  cornerPolygonsInZone,
  pointTableColumns,
  readPointTable,
  type PointTable,
  type PointTableColumns,
  type PointTableFeature,
} from './point-table.ts';

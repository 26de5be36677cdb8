/**
 * Every reason code this package returns, once. Callers switch on these; messages for people
 * live in `messages.ts`.
 */

/** A line does not have the expected fields. */
export const MALFORMED_LINE = 'malformedLine';
/** A coordinate is not a decimal number. */
export const NOT_A_NUMBER = 'notANumber';
/** X has the 8 digits of an easting and Y the 7 of a northing: the columns are swapped. */
export const XY_SWAPPED = 'xySwapped';
/** A zone prefix, header zone, central meridian or option disagree with one another. */
export const ZONE_MISMATCH = 'zoneMismatch';
/** Y has no zone prefix and no zone was given. */
export const MISSING_ZONE_PREFIX = 'missingZonePrefix';
/** An 8-digit Y whose first two digits are no CGCS2000 3° (25–45) or 6° (13–23) zone. */
export const UNKNOWN_ZONE_PREFIX = 'unknownZonePrefix';
/** A coordinate outside the plausible range for China. */
export const OUT_OF_RANGE = 'outOfRange';
/** A ring with fewer than 3 distinct points. */
export const TOO_FEW_POINTS = 'tooFewPoints';
/** A ring whose last point is not its first, in a format that requires closure. */
export const RING_NOT_CLOSED = 'ringNotClosed';
/** Two consecutive points with the same coordinates. */
export const DUPLICATE_POINT = 'duplicatePoint';
/** Two segments of a polygon's rings cross, touch or overlap. */
export const SELF_INTERSECTION = 'selfIntersection';
/** A hole (inner ring) that is not inside its block's outer ring. */
export const HOLE_OUTSIDE = 'holeOutside';
/** A format that cannot carry holes was asked to write a list that has some. */
export const HOLES_NOT_SUPPORTED = 'holesNotSupported';
/** Xi'an 1980 or Beijing 1954: converting needs parameters the bureau must supply. */
export const LEGACY_DATUM = 'legacyDatum';
/** A coordinate system, projection, unit or EPSG code this package does not handle. */
export const UNSUPPORTED_CRS = 'unsupportedCrs';
/** A declared count (界址点数, 总行数) differs from the rows present. */
export const COUNT_MISMATCH = 'countMismatch';
/** No corner point at all. */
export const NO_POINTS = 'noPoints';
/** A DMS angle that cannot be read. */
export const MALFORMED_DMS = 'malformedDms';

/** Any reason code above. */
export type Reason =
  | typeof MALFORMED_LINE
  | typeof NOT_A_NUMBER
  | typeof XY_SWAPPED
  | typeof ZONE_MISMATCH
  | typeof MISSING_ZONE_PREFIX
  | typeof UNKNOWN_ZONE_PREFIX
  | typeof OUT_OF_RANGE
  | typeof TOO_FEW_POINTS
  | typeof RING_NOT_CLOSED
  | typeof DUPLICATE_POINT
  | typeof SELF_INTERSECTION
  | typeof HOLE_OUTSIDE
  | typeof HOLES_NOT_SUPPORTED
  | typeof LEGACY_DATUM
  | typeof UNSUPPORTED_CRS
  | typeof COUNT_MISMATCH
  | typeof NO_POINTS
  | typeof MALFORMED_DMS;

import type { Bilingual } from '@mpm/domain';

/** Longitude and latitude in degrees (EPSG:4490, CGCS2000), GIS order: `[lon, lat]`. */
export type LonLat = readonly [lon: number, lat: number];

/**
 * A Gauss–Krüger point in metres, in surveyor order: X is the northing, Y the easting.
 * Whether `eastingM` carries the zone prefix is a property of the zone it belongs to
 * ({@link GkZone.prefixed}).
 */
export interface GkPoint {
  /** Surveyor X: metres north of the equator. */
  readonly northingM: number;
  /** Surveyor Y: metres east, including the false easting (and the zone prefix, if any). */
  readonly eastingM: number;
}

/** A reason code plus a message for people, in Chinese and English. */
export interface Problem<R extends string = string> {
  readonly reason: R;
  readonly message: Bilingual;
}

/** A value, or the problems that prevented it. Never thrown. */
export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly E[] };

import { gkEpsg, type GkZone } from '../gauss-kruger.ts';
import { MISSING_ZONE_PREFIX, NO_POINTS, ZONE_MISMATCH } from '../reasons.ts';
import { readCoordinate, type RawPoint, type ReadCoordinate } from './coordinate.ts';
import { cornerError } from './errors.ts';
import { findHolesOutside } from './hole-checks.ts';
import { statedZone, type HeaderStatement } from './header.ts';
import { checkRing } from './ring-checks.ts';
import { findSelfIntersections } from './self-intersection.ts';
import { cornerPolygonsToGeoJson } from './to-geojson.ts';
import type {
  CornerListError,
  CornerListFormat,
  CornerListOptions,
  CornerListResult,
  CornerPoint,
  CornerPolygon,
  ElevationInterval,
} from './types.ts';

/** A block as a parser found it: rings of coordinate text, before any check. */
export interface RawPolygon {
  readonly rings: readonly (readonly RawPoint[])[];
  readonly elevation?: ElevationInterval;
  readonly attributes?: readonly string[];
}

/** What a format parser hands on: structure and text, plus the structural errors it found. */
export interface RawCornerList {
  readonly format: CornerListFormat;
  readonly headerLines: readonly string[];
  readonly header: HeaderStatement;
  readonly polygons: readonly RawPolygon[];
  readonly errors: readonly CornerListError[];
  /** Whether each ring must repeat its first point at the end (format c). */
  readonly requireClosure: boolean;
}

type Located = { readonly raw: RawPoint; readonly polygon: number; readonly ring: number; read?: ReadCoordinate };

/** Settles every point's zone: one zone for the list, agreeing with the stated one. */
function settleZone(points: Located[], stated: Pick<GkZone, 'widthDeg' | 'zone'> | undefined, fromOptions: boolean, errors: CornerListError[]) {
  const anyPrefixed = points.some((p) => p.read?.prefix);
  let zone: GkZone | undefined = !anyPrefixed && stated ? { ...stated, prefixed: false } : undefined;
  for (const p of points) {
    if (!p.read) continue;
    const where = { line: p.raw.line, point: p.raw.label, polygon: p.polygon, ring: p.ring };
    const prefix = p.read.prefix;
    const fail = (error: CornerListError) => {
      errors.push(error);
      p.read = undefined;
    };
    if (!prefix) {
      if (anyPrefixed || !stated) fail(cornerError(MISSING_ZONE_PREFIX, where));
    } else if (stated && (stated.zone !== prefix.zone || stated.widthDeg !== prefix.widthDeg)) {
      const source = fromOptions ? 'options' : 'header';
      fail(cornerError(ZONE_MISMATCH, where, { found: String(prefix.zone), expected: String(stated.zone), source }));
    } else if (zone && zone.zone !== prefix.zone) {
      fail(cornerError(ZONE_MISMATCH, where, { found: String(prefix.zone), expected: String(zone.zone), source: 'points' }));
    } else {
      zone ??= { ...prefix, prefixed: true };
    }
  }
  return zone;
}

/** Errors by line (stable); those without a line (ring problems) after them in found order. */
function inLineOrder(errors: readonly CornerListError[]): CornerListError[] {
  return [...errors].sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || 0);
}

/**
 * Turns a parser's raw list into a checked {@link CornerList}: reads and range-checks every
 * coordinate, settles the zone, checks each ring (closure, repeats, size, crossings) and
 * builds the EPSG:4490 GeoJSON. Any problem fails the whole list: nothing is repaired.
 */
export function assemble(raw: RawCornerList, options: CornerListOptions): CornerListResult {
  const errors = [...raw.errors];
  const stated = statedZone(raw.header, options, errors);
  const located: Located[] = raw.polygons.flatMap((polygon, i) =>
    polygon.rings.flatMap((ring, j) => ring.map((point) => ({ raw: point, polygon: i + 1, ring: j + 1 }))),
  );
  for (const p of located) {
    const { value, error } = readCoordinate(p.raw, { line: p.raw.line, point: p.raw.label, polygon: p.polygon, ring: p.ring });
    if (error) errors.push(error);
    p.read = value;
  }
  const zone = settleZone(located, stated, options.zone !== undefined, errors);
  if (located.length === 0) errors.push(cornerError(NO_POINTS, {}));

  let next = 0;
  const polygons: CornerPolygon[] = raw.polygons.map((rawPolygon, i) => {
    const rings = rawPolygon.rings.map((rawRing, j) => {
      const ringPoints = located.slice(next, (next += rawRing.length));
      if (ringPoints.some((p) => !p.read)) return undefined;
      const written: CornerPoint[] = ringPoints.map(({ raw: { label, line }, read }) => ({
        label,
        line,
        northingM: read!.northingM,
        eastingM: read!.eastingM,
      }));
      const checked = checkRing(written, { polygon: i + 1, ring: j + 1 }, raw.requireClosure);
      errors.push(...checked.errors);
      return checked.errors.length === 0 ? checked.points : undefined;
    });
    if (rings.every((r) => r !== undefined)) {
      const crossings = findSelfIntersections(rings, i + 1);
      errors.push(...(crossings.length > 0 ? crossings : findHolesOutside(rings, i + 1)));
    }
    const { elevation, attributes } = rawPolygon;
    return { rings: rings.map((points) => ({ points: points ?? [] })), ...(elevation && { elevation }), ...(attributes && { attributes }) };
  });

  if (errors.length > 0 || !zone) return { ok: false, errors: inLineOrder(errors) };
  const value = {
    format: raw.format,
    zone,
    epsg: gkEpsg(zone),
    polygons,
    headerLines: raw.headerLines,
    geometry: cornerPolygonsToGeoJson(polygons, zone),
  };
  return { ok: true, value };
}

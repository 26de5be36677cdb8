import { boxesMeet, growBox } from '@mpm/geo';
import type { BlockGeometry } from '@mpm/rules';
import { badRequest } from '../../../http/errors.ts';
import { checkPosition, inChina } from '../checks/block-geometry.validation.ts';
import { OUTSIDE_COUNTY } from '../checks/block-reasons.ts';
import type { ChecksRepository } from '../checks/checks-repository.ts';
import type { BBox } from '../layers/layers-repository.ts';
import { COUNTY_MARGIN_M } from '../checks/near-county.validation.ts';
import { validatedBlock } from '../checks/run-check.ts';

/** A site that is neither a Point nor a Polygon or MultiPolygon (also the 400's `code`). */
export const NOT_A_SITE = 'notASite';

const typeOf = (input: unknown): string => {
  if (typeof input !== 'object' || input === null) return JSON.stringify(input) ?? String(input);
  const type = (input as { type?: unknown }).type;
  return typeof type === 'string' ? JSON.stringify(type).slice(0, 40) : 'an object without "type"';
};

/**
 * A point site, checked before SQL sees it: two or three finite numbers, lon/lat in range, not
 * projected metres nor [lat, lon], within {@link COUNTY_MARGIN_M} of the county. Unchanged.
 */
function validatedPoint(input: Record<string, unknown>, countyBbox: BBox | null): GeoJSON.Point {
  const swappable = !countyBbox || inChina(countyBbox);
  const problem = checkPosition(input.coordinates, {}, swappable);
  if (problem && !problem.valid) throw badRequest(problem.reason, problem.message);
  const [lon, lat] = input.coordinates as number[];
  if (countyBbox && !boxesMeet([lon, lat, lon, lat], growBox(countyBbox, COUNTY_MARGIN_M))) {
    const [w, s, e, n] = countyBbox.map((v) => v.toFixed(3));
    throw badRequest(OUTSIDE_COUNTY, {
      zh: `站点（${lon.toFixed(4)}°E, ${lat.toFixed(4)}°N）不在本县范围内（县域约 ${w}–${e}°E，${s}–${n}°N）。请检查坐标或坐标系。`,
      en: `The site (${lon.toFixed(4)}°E, ${lat.toFixed(4)}°N) is outside the county (about ${w}–${e}°E, ${s}–${n}°N). Check the coordinates and their CRS.`,
    });
  }
  return { type: 'Point', coordinates: input.coordinates as number[] };
}

/**
 * Checks an inspector's site: a GeoJSON Point (see {@link validatedPoint}) or a Polygon or
 * MultiPolygon, checked as the planner's block is (structure, coordinates, the county,
 * crossings, GEOS). Never repairs anything; throws a 400 naming the problem and its place.
 */
export async function validatedSite(
  checks: Pick<ChecksRepository, 'invalidityReason'>,
  input: unknown,
  countyBbox: BBox | null,
): Promise<GeoJSON.Point | BlockGeometry> {
  const type = typeof input === 'object' && input !== null ? (input as { type?: unknown }).type : undefined;
  if (type === 'Point') return validatedPoint(input as Record<string, unknown>, countyBbox);
  if (type === 'Polygon' || type === 'MultiPolygon') return (await validatedBlock(checks, input, countyBbox)).geometry;
  throw badRequest(NOT_A_SITE, {
    zh: `站点必须是 GeoJSON 的 Point、Polygon 或 MultiPolygon，收到的是 ${typeOf(input)}。`,
    en: `The site must be a GeoJSON Point, Polygon or MultiPolygon; got ${typeOf(input)}.`,
  });
}

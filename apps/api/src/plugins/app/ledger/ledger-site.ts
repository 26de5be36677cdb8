import type { BlockGeometry } from '@mpm/rules';
import { validatedSite } from '../inspection/site-geometry.validation.ts';
import type { Repositories } from '../repositories.plugin.ts';

/** A ledger site: a point, or a polygon or multipolygon, EPSG:4490 lon/lat. */
export type LedgerSite = GeoJSON.Point | BlockGeometry;

/**
 * Checks a ledger entry's or a tip-off's site exactly as the inspector's site check does (a
 * Point, Polygon or MultiPolygon; coordinates, the county, crossings, GEOS); throws a 400 naming
 * the problem and where.
 */
export async function checkedSite(repos: Pick<Repositories, 'checks'>, input: unknown): Promise<LedgerSite> {
  return validatedSite(repos.checks, input, await repos.checks.countyExtent());
}

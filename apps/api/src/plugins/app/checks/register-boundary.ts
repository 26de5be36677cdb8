import type { CornerListInput } from '@mpm/contracts';
import type { UserError } from '../../../http/errors.ts';
import type { ChecksRepository } from './checks-repository.ts';
import { cornerListBlock, validatedBlock } from './run-check.ts';

/** A register's boundary as a write gives it: drawn (GeoJSON) or pasted as a corner list, or neither. */
export interface BoundaryInput {
  geometry?: unknown;
  cornerList?: CornerListInput;
}

/** How a register words the two refusals of its own. */
export interface BoundaryRefusals {
  /** Both a drawn boundary and a corner list. */
  boundaryNeeded(): UserError;
  /** A boundary that shares no area with the county. */
  outsideCounty(): UserError;
}

/**
 * The boundary a register's write gives (a licence's, a restoration parcel's), validated as the
 * planner's check validates a block (structure, coordinates, crossings, GEOS) and sharing area
 * with the county; undefined when the body gives none. Read before the write's transaction opens
 * (the embedded database has one connection).
 */
export async function registerBoundary(checks: ChecksRepository, body: BoundaryInput, refusals: BoundaryRefusals) {
  if (body.geometry === undefined && body.cornerList === undefined) return undefined;
  if (body.geometry !== undefined && body.cornerList !== undefined) throw refusals.boundaryNeeded();
  const cornerList = body.cornerList ? cornerListBlock(body.cornerList) : undefined;
  const block = await validatedBlock(checks, cornerList ? cornerList.geometry : body.geometry, await checks.countyExtent(), !!cornerList);
  if (!(await checks.inCounty(block.geometry))) throw refusals.outsideCounty();
  return block.geometry;
}

import { boxesMeet, growBox } from '@mpm/geo';
import type { BBox } from '../layers/layers-repository.ts';
import { BLOCK_MESSAGES as M, OUTSIDE_COUNTY, invalid, type Validation } from './block-reasons.ts';

/** How far beyond the county's extent a block may reach and still be checked, in metres. */
export const COUNTY_MARGIN_M = 5_000;

/**
 * Refuses a block far from the county: its box must meet the county's extent grown by
 * {@link COUNTY_MARGIN_M}. A wrong CRS or a typo in a degree usually lands far away; a block
 * across the county line is still checked. Without a county (no data loaded) anything passes.
 */
export function validateNearCounty(blockBbox: BBox, countyBbox: BBox | null): Validation<true> {
  if (!countyBbox || boxesMeet(blockBbox, growBox(countyBbox, COUNTY_MARGIN_M))) return { valid: true, value: true };
  const centre = [(blockBbox[0] + blockBbox[2]) / 2, (blockBbox[1] + blockBbox[3]) / 2] as const;
  return invalid(OUTSIDE_COUNTY, M.outsideCounty(centre, countyBbox));
}

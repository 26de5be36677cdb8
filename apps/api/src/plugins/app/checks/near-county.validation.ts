import { COUNTY_MARGIN_M, outsideCountyReason } from '@mpm/geo';
import type { BBox } from '../layers/layers-repository.ts';
import { OUTSIDE_COUNTY, invalid, type Validation } from './block-reasons.ts';

export { COUNTY_MARGIN_M };

/**
 * Refuses a block far from the county: its box must meet the county's extent grown by
 * {@link COUNTY_MARGIN_M} (`outsideCountyReason`, which the browser's live check uses too, so both
 * say the same words). Without a county (no data loaded) anything passes.
 */
export function validateNearCounty(blockBbox: BBox, countyBbox: BBox | null): Validation<true> {
  const reason = outsideCountyReason(blockBbox, countyBbox);
  return reason ? invalid(OUTSIDE_COUNTY, reason) : { valid: true, value: true };
}

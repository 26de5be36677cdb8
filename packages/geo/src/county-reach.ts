import { boxesMeet, growBox, type LonLatBox } from './lonlat-box.ts';

/** How far beyond the county's extent a block may reach and still be checked, in metres. */
export const COUNTY_MARGIN_M = 5_000;

/**
 * Why a block is too far from the county to be checked, or null when it is near enough: its box
 * must meet the county's extent grown by {@link COUNTY_MARGIN_M}. A wrong CRS or zone, or a typo
 * in a degree, usually lands far away; a block across the county line is still checked. Without a
 * county (no data loaded) anything passes. The server's refusal and the browser's live check say
 * the same words, from here.
 */
export function outsideCountyReason(block: Readonly<LonLatBox>, county: Readonly<LonLatBox> | null): { zh: string; en: string } | null {
  if (!county || boxesMeet(block, growBox(county, COUNTY_MARGIN_M))) return null;
  const [w, s, e, n] = county.map((v) => v.toFixed(3));
  const [lon, lat] = [(block[0] + block[2]) / 2, (block[1] + block[3]) / 2].map((v) => v.toFixed(4));
  return {
    zh: `地块（中心约 ${lon}°E, ${lat}°N）不在本县范围内（县域约 ${w}–${e}°E，${s}–${n}°N）。请检查坐标或坐标系。`,
    en: `The block (centre about ${lon}°E, ${lat}°N) is outside the county (about ${w}–${e}°E, ${s}–${n}°N). Check the coordinates and their CRS.`,
  };
}

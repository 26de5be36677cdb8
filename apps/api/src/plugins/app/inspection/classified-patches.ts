import type { PatchCollection, PatchProperties } from '@mpm/contracts';
import { roundTo } from '@mpm/domain';
import type { Repositories } from '../repositories.plugin.ts';
import { registerDay } from '../reports/china-time.ts';
import { classifyPatch } from './patch-class.ts';
import type { PatchRow } from './patches-repository.ts';

/** A stored patch's properties, classified (see {@link classifyPatch}); areas to the cm². */
export function patchProperties(row: PatchRow, sliverToleranceM2: number): PatchProperties {
  const { id, code, detectionRound, detectedOn, areaM2, ledgerEntryId, rights, explorationRights, parcels, outsideValidM2, zones, landClasses } = row;
  return {
    id,
    code,
    detectionRound,
    detectedOn,
    areaM2: roundTo(areaM2, 2),
    ...classifyPatch({ areaM2, rights, explorationRights, parcels, outsideValidM2, zones, landClasses }, sliverToleranceM2),
    ledgerEntryId,
  };
}

/**
 * The change patches (of one detection round, or all) as a GeoJSON FeatureCollection, each
 * classified on the fly against the mining rights as they stand on `now`'s day in China time
 * and the protected zones (see {@link classifyPatch}), or as they stood at the end of `asOf`, a
 * past day; nothing of the class is stored.
 */
export async function classifiedPatches(
  repos: Pick<Repositories, 'inspection'>,
  sliverToleranceM2: number,
  now: Date,
  round?: string,
  asOf?: string,
): Promise<PatchCollection> {
  const { day, past } = registerDay(asOf, now);
  const rows = await repos.inspection.patches.withOverlaps(day, { round, historical: past });
  return {
    type: 'FeatureCollection',
    asOf: day,
    features: rows.map((row) => ({ type: 'Feature', id: row.id, geometry: row.geometry, properties: patchProperties(row, sliverToleranceM2) })),
  };
}

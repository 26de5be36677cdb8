import type { PatchCollection } from '@mpm/contracts';
import { roundTo } from '@mpm/domain';
import type { Repositories } from '../repositories.plugin.ts';
import { registerDay } from '../reports/china-time.ts';
import { classifyPatch } from './patch-class.ts';

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
  const rows = await repos.inspection.patches.withOverlaps(day, round, past);
  return {
    type: 'FeatureCollection',
    asOf: day,
    features: rows.map(({ id, code, detectionRound, detectedOn, areaM2, geometry, ledgerEntryId, ...overlaps }) => ({
      type: 'Feature',
      id,
      geometry,
      properties: {
        id,
        code,
        detectionRound,
        detectedOn,
        areaM2: roundTo(areaM2, 2),
        ...classifyPatch({ areaM2, ...overlaps }, sliverToleranceM2),
        ledgerEntryId,
      },
    })),
  };
}

import type { PatchProperties } from '@mpm/contracts';
import { roundTo, type CollectionId, type LicenceState } from '@mpm/domain';

/**
 * The zones no change may occupy, whatever the licence: the ecological red line, permanent
 * basic farmland (cultivable land is not protected as such: only brick clay is barred from it,
 * which a patch cannot tell), the four areas, and the plan's prohibited mining areas.
 */
export const PROTECTED_ZONE_LAYERS: readonly { collection: CollectionId; only?: { property: string; value: string } }[] = [
  { collection: 'eco_redline' },
  { collection: 'farmland', only: { property: 'farmlandClass', value: 'permanentBasic' } },
  { collection: 'nature_reserves' },
  { collection: 'water_sources' },
  { collection: 'scenic_areas' },
  { collection: 'residential_areas' },
  { collection: 'mining_zoning', only: { property: 'zoningClass', value: 'prohibitedMining' } },
];

/**
 * The land classes a doubtful patch is flagged on — seed 002 三（二）“非法占用耕地、林地、草地、湿地和
 * 自然保护地”: farmland and the protected areas make the patch `protected_zone` already; occupying
 * forest land, grassland or wetland needs an approval a licence does not give, so a patch that is
 * not legal names those it meets, for the inspector to check that approval.
 */
export const LAND_CLASS_LAYERS: readonly { collection: CollectionId }[] = [{ collection: 'forest_land' }, { collection: 'grassland' }, { collection: 'wetland' }];

/** A right a patch meets, with its state on the day and the overlap (m², ellipsoidal). */
interface RightOverlap {
  licenceNo: string;
  state: LicenceState;
  overlapAreaM2: number;
}

/** What PostGIS measured of one patch against the rights, the protected zones and the restoration parcels (m², ellipsoidal). */
export interface PatchOverlaps {
  areaM2: number;
  /** The mining rights it meets, with their state on the day. */
  rights: RightOverlap[];
  /** The exploration rights it meets, with their state on the day. */
  explorationRights: RightOverlap[];
  /** The restoration parcels (current ones) it meets. */
  parcels: { featureId: number; name: string; overlapAreaM2: number }[];
  /** The area outside every valid mining right; null when no valid right meets it (then: all of it). */
  outsideValidM2: number | null;
  /** The protected zones it meets. */
  zones: ZoneOverlap[];
  /** The land classes ({@link LAND_CLASS_LAYERS}) it meets. */
  landClasses: ZoneOverlap[];
}

/** A zone or land-class feature a patch meets, with the overlap (m², ellipsoidal). */
interface ZoneOverlap {
  collection: CollectionId;
  featureId: number;
  name: string;
  overlapAreaM2: number;
}

export type PatchVerdict = Pick<PatchProperties, 'classification' | 'licenceNos' | 'outsideAreaM2' | 'zones' | 'landClasses'>;

const isValid = (state: LicenceState) => state === 'valid' || state === 'expiringSoon';

/**
 * A patch's class, in this order of precedence (the first that holds):
 * 1. `protected_zone`: it occupies a protected zone ({@link PROTECTED_ZONE_LAYERS}). First,
 *    because no licence makes that lawful and it is the gravest finding;
 * 2. `legal` or `out_of_bounds`: it lies on a valid licence; legal when the part outside every
 *    valid licence is a sliver, else out of bounds by that part (`outsideAreaM2`);
 * 3. `expired`: it lies on a licence whose last valid day is past (and on no valid one);
 * 4. `closed_then_mined`: it lies on a revoked (注销) mining right, named — 关闭、取缔后又擅自生产 (seed 002);
 * 5. `mining_under_exploration`: it lies on an exploration right that is not revoked, named — 以采代探
 *    (seed 002): an exploration licence never licenses mining;
 * 6. `cover_mining`: it lies on a restoration parcel (named in `zones`) — possible mining under the
 *    name of restoration (以生态修复、工程建设名义变相采矿, seed 002), for an inspector to review;
 * 7. `unlicensed`: none of these; a suspended mining right it lies on is named.
 * "Lies on" means an overlap of at least the ruleset's sliver tolerance, so a boundary offset of
 * a few m² neither makes nor breaks a class. A valid licence comes before 4–6: a production
 * mine's own restoration parcels lie inside its licence.
 * A patch that is not legal also names the land classes it meets ({@link LAND_CLASS_LAYERS}).
 */
export function classifyPatch(patch: PatchOverlaps, sliverToleranceM2: number): PatchVerdict {
  const verdict = patchClass(patch, sliverToleranceM2);
  const landClasses = patch.landClasses.filter((z) => z.overlapAreaM2 >= sliverToleranceM2);
  if (verdict.classification === 'legal' || landClasses.length === 0) return verdict;
  return { ...verdict, landClasses: landClasses.map((z) => ({ ...z, overlapAreaM2: roundTo(z.overlapAreaM2, 2) })) };
}

function patchClass(patch: PatchOverlaps, sliverToleranceM2: number): PatchVerdict {
  const rights = patch.rights.filter((r) => r.overlapAreaM2 >= sliverToleranceM2);
  const licenceNos = (list: readonly RightOverlap[]) => [...new Set(list.map((r) => r.licenceNo))].sort();
  const zones = patch.zones.filter((z) => z.overlapAreaM2 >= sliverToleranceM2);
  if (zones.length > 0) {
    return {
      classification: 'protected_zone',
      licenceNos: licenceNos(rights),
      zones: zones.map(({ collection, featureId, name }) => ({ collection, featureId, name })),
    };
  }
  const valid = rights.filter((r) => isValid(r.state));
  if (valid.length > 0) {
    const outsideM2 = patch.outsideValidM2 ?? patch.areaM2;
    return outsideM2 < sliverToleranceM2
      ? { classification: 'legal', licenceNos: licenceNos(valid) }
      : { classification: 'out_of_bounds', licenceNos: licenceNos(valid), outsideAreaM2: roundTo(outsideM2, 2) };
  }
  const expired = rights.filter((r) => r.state === 'expired');
  if (expired.length > 0) return { classification: 'expired', licenceNos: licenceNos(expired) };
  const revoked = rights.filter((r) => r.state === 'revoked');
  if (revoked.length > 0) return { classification: 'closed_then_mined', licenceNos: licenceNos(revoked) };
  const exploration = patch.explorationRights.filter((r) => r.overlapAreaM2 >= sliverToleranceM2 && r.state !== 'revoked');
  if (exploration.length > 0) return { classification: 'mining_under_exploration', licenceNos: licenceNos(exploration) };
  const parcels = patch.parcels.filter((p) => p.overlapAreaM2 >= sliverToleranceM2);
  if (parcels.length > 0) {
    return {
      classification: 'cover_mining',
      licenceNos: [],
      zones: parcels.map(({ featureId, name }) => ({ collection: 'restoration_parcels', featureId, name })),
    };
  }
  return { classification: 'unlicensed', licenceNos: licenceNos(rights) };
}

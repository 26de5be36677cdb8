import { M2_PER_MU } from '@mpm/domain';
import { assertApart, assertCrosses, assertWithin } from './checks.ts';
import { feature, type Context } from './context.ts';
import { vertexCentroid } from './geometry.ts';
import { blobPolygon } from './protection.ts';
import { EXPLORATION_RIGHT, MINING_RIGHTS } from './rights.ts';
import { rotate } from './shapes.ts';
import type { AreaGeometry, Feature, PointM } from './types.ts';

/** What matching a change patch against the rights, protected zones and parcels should conclude. */
export type PatchClass =
  | 'legal'
  | 'out_of_bounds'
  | 'unlicensed'
  | 'expired'
  | 'protected_zone'
  | 'mining_under_exploration'
  | 'cover_mining'
  | 'closed_then_mined';

/**
 * Where a patch goes: inside a mining right, straddling one edge of a mining right, at a point,
 * inside the exploration right, or on a restoration parcel (its centre, by index).
 */
type Placement =
  | { inside: number; offset: PointM }
  | { across: number; edge: 'east' | 'west' | 'north' | 'south' }
  | { at: PointM; zone?: 'ecoRedline' | 'natureReserve' }
  | { exploration: PointM }
  | { parcel: number };

/** One patch: intended class, placement, area in mu, detection date, land-use change seen. */
type PatchSpec = [expected: PatchClass, placement: Placement, mu: number, detectedOn: string, landChange: string];

/** The detection round (监测批次) of a date in 2025: the quarter it falls in. */
const detectionRound = (detectedOn: string): string =>
  `2025年第${'一二三四'[Math.floor((Number(detectedOn.slice(5, 7)) - 1) / 3)]}季度`;

/** Two patches of each licence class, in the order the detection rounds found them. */
export const PATCHES: readonly PatchSpec[] = [
  ['legal', { inside: 0, offset: { x: 900, y: -400 } }, 5.2, '2025-08-12', '采矿用地范围内工业场地扩建，新增硬化地面'],
  ['out_of_bounds', { across: 1, edge: 'south' }, 3.6, '2025-08-12', '旱地→采矿用地：采场向矿区范围外扩展'],
  ['unlicensed', { at: { x: -5000, y: 1500 } }, 4.1, '2025-08-19', '旱地→裸土地：新增取土坑'],
  ['expired', { inside: 4, offset: { x: -60, y: 30 } }, 2.4, '2025-08-19', '采矿用地：原采场内新增挖损'],
  ['protected_zone', { at: { x: 15500, y: -3500 }, zone: 'ecoRedline' }, 6.3, '2025-09-03', '有林地→裸土地：林地内新增采挖'],
  ['legal', { inside: 3, offset: { x: 40, y: -30 } }, 2.8, '2025-09-03', '采矿用地：采场内正常开采'],
  ['out_of_bounds', { across: 3, edge: 'east' }, 3.1, '2025-11-06', '林地→采矿用地：越界堆放剥离土'],
  ['protected_zone', { at: { x: 6500, y: 3500 }, zone: 'natureReserve' }, 2.2, '2025-11-06', '内陆滩涂→坑塘：新增挖沙坑'],
  ['unlicensed', { at: { x: 7000, y: 1000 } }, 3.4, '2025-11-20', '旱地→裸土地：新增取土场'],
  ['expired', { inside: 4, offset: { x: -70, y: -40 } }, 3.9, '2025-12-02', '采矿用地：许可证到期后继续开采'],
];

/**
 * One patch of each of seed 002's kin of unlicensed mining (issue #15), found in the last round:
 * on the exploration right (以采代探), on an accepted restoration parcel of an abandoned pit
 * (以修复名义变相采矿), and inside the revoked clay pit (关闭后擅自生产). Built after the other
 * layers, from their own random stream, so that adding them moved nothing else.
 */
export const KIN_PATCHES: readonly PatchSpec[] = [
  ['mining_under_exploration', { exploration: { x: 400, y: -300 } }, 3.3, '2025-12-02', '旱地→采矿用地：探矿权范围内新增露天采坑'],
  ['cover_mining', { parcel: 4 }, 1.8, '2025-12-02', '已验收治理区内新增挖损，疑似矿土外运'],
  ['closed_then_mined', { inside: 5, offset: { x: 20, y: -15 } }, 2.1, '2025-12-02', '采矿用地（已注销）：关闭采场内复挖'],
];

/** The layers a patch is matched against. */
export interface PatchTargets {
  miningRights: readonly Feature<AreaGeometry>[];
  explorationRights: readonly Feature<AreaGeometry>[];
  ecoRedline: readonly Feature<AreaGeometry>[];
  natureReserves: readonly Feature<AreaGeometry>[];
  restorationParcels: readonly Feature<AreaGeometry>[];
}

/** Centre (local metres) of a patch placed as `placement` says. */
function patchCentre(placement: Placement, targets: PatchTargets, context: Context): PointM {
  if ('at' in placement) return placement.at;
  if ('exploration' in placement) {
    const { centre, rotationDeg } = EXPLORATION_RIGHT.outline;
    return rotate(placement.exploration, centre, rotationDeg);
  }
  if ('parcel' in placement) return context.frame.toMetres(vertexCentroid(targets.restorationParcels[placement.parcel].geometry));
  if ('inside' in placement) {
    const { centre, rotationDeg } = MINING_RIGHTS[placement.inside].outline;
    return rotate(placement.offset, centre, rotationDeg);
  }
  const { centre, widthM, heightM, rotationDeg } = MINING_RIGHTS[placement.across].outline;
  const offsets = {
    east: { x: widthM / 2, y: 0 },
    west: { x: -widthM / 2, y: 0 },
    north: { x: 0, y: heightM / 2 },
    south: { x: 0, y: -heightM / 2 },
  };
  return rotate(offsets[placement.edge], centre, rotationDeg);
}

/** Throws unless `patch` sits where its intended class says. */
function assertPlacement(patch: Feature<AreaGeometry>, placement: Placement, targets: PatchTargets): void {
  const rights = [...targets.miningRights, ...targets.explorationRights];
  const zones = [...targets.ecoRedline, ...targets.natureReserves];
  if ('inside' in placement) assertWithin(patch, targets.miningRights[placement.inside]);
  if ('across' in placement) assertCrosses(patch, targets.miningRights[placement.across], 300);
  if ('at' in placement) assertApart([patch], rights, 1000);
  if ('exploration' in placement) assertWithin(patch, targets.explorationRights[0]);
  if ('parcel' in placement) {
    assertWithin(patch, targets.restorationParcels[placement.parcel]);
    assertApart([patch], rights, 1000);
  } else {
    assertApart([patch], targets.restorationParcels);
  }
  if ('at' in placement && placement.zone) {
    assertWithin(patch, placement.zone === 'ecoRedline' ? targets.ecoRedline[0] : targets.natureReserves[1]);
  } else {
    assertApart([patch], zones);
  }
  if ('inside' in placement || 'across' in placement) {
    const index = 'inside' in placement ? placement.inside : placement.across;
    assertApart([patch], rights.filter((_, i) => i !== index));
  }
  if ('exploration' in placement) assertApart([patch], targets.miningRights);
}

/**
 * The change patches of `specs`, coded on from `firstSerial`, and the class each is meant to get,
 * keyed by patch code.
 */
export function buildChangePatches(context: Context, targets: PatchTargets, specs: readonly PatchSpec[], firstSerial = 1) {
  const expectedClasses: Record<string, PatchClass> = {};
  const patches = specs.map(([expected, placement, mu, detectedOn, landChange], i) => {
    const radius = Math.sqrt((mu * M2_PER_MU) / Math.PI);
    const geometry = blobPolygon(context, patchCentre(placement, targets, context), radius, {
      vertices: 10,
      elongation: context.random.range(1, 1.6),
      rotationDeg: context.random.range(0, 180),
      waviness: 0.2,
    });
    const code = `WP2025-${String(firstSerial + i).padStart(3, '0')}`;
    const patch = feature({ code, detectionRound: detectionRound(detectedOn), detectedOn, landChange }, geometry);
    assertPlacement(patch, placement, targets);
    expectedClasses[code] = expected;
    return patch;
  });
  return { changePatches: patches, expectedClasses };
}

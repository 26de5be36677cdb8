import { M2_PER_MU } from '@mpm/domain';
import { fitArea } from './area.ts';
import { assertApart } from './checks.ts';
import { DEMO, feature, plainName, townshipOf, type Context } from './context.ts';
import { blobPolygon } from './protection.ts';
import { MINING_RIGHTS } from './rights.ts';
import { rotate } from './shapes.ts';
import type { AreaGeometry, Feature, PointM } from './types.ts';

type Category = 'production' | 'policyClosed' | 'abandoned';
type Status = 'planned' | 'underWay' | 'completed' | 'accepted';
type Side = 'east' | 'west' | 'north' | 'south';

/** Where a parcel goes: beside a mining right, inside one (coal subsidence), or at a point. */
type Placement =
  | { beside: number; side: Side }
  | { inside: number; offset: PointM }
  | { at: PointM; place: string };

/** One restoration parcel: planned year, category, area in mu, placement, progress, method. */
type ParcelSpec = [
  year: number,
  category: Category,
  mu: number,
  placement: Placement,
  status: Status,
  completedOn: string | null,
  method: number,
];

/** Restoration methods (治理方式). */
const METHODS = [
  '削坡整形+覆土绿化',
  '土地复垦（平整+覆土+种植）',
  '排水沟+挡土墙+植被恢复',
  '人工促进天然更新',
  '封育+人工促进天然更新',
  '塌陷区充填+土地平整+复垦',
] as const;

/**
 * The parcels. For each planned year the mu of production parcels add up to the Xinbin row
 * (seed 001: 40.4, 41.6, 106, 106) and so do those of policy-closed and abandoned ones
 * (96, 96, 36, 45).
 */
const PARCELS: readonly ParcelSpec[] = [
  [2019, 'production', 15.23, { beside: 1, side: 'east' }, 'accepted', '2019-10-25', 0],
  [2019, 'production', 12.98, { beside: 2, side: 'north' }, 'accepted', '2019-11-08', 1],
  [2019, 'production', 12.19, { beside: 4, side: 'west' }, 'accepted', '2020-04-30', 0],
  [2019, 'policyClosed', 35.18, { at: { x: -13500, y: 6500 }, place: '马家沟关闭砖厂' }, 'accepted', '2019-11-20', 3],
  [2019, 'abandoned', 32.64, { at: { x: 9500, y: 8000 }, place: '杨家河废弃取土场' }, 'accepted', '2020-05-15', 4],
  [2019, 'policyClosed', 28.18, { at: { x: 14000, y: -3000 }, place: '王家塬关闭砖厂' }, 'accepted', '2019-12-10', 3],
  [2020, 'production', 14.06, { beside: 3, side: 'south' }, 'accepted', '2020-10-18', 1],
  [2020, 'production', 13.71, { beside: 1, side: 'north' }, 'accepted', '2020-11-02', 0],
  [2020, 'production', 13.83, { beside: 4, side: 'south' }, 'completed', '2021-05-20', 2],
  [2020, 'policyClosed', 30.47, { at: { x: -10500, y: -3500 }, place: '刘家沟关闭砖厂' }, 'accepted', '2020-10-30', 3],
  [2020, 'abandoned', 33.96, { at: { x: 4500, y: 13000 }, place: '石崖村废弃采石场' }, 'accepted', '2021-04-28', 4],
  [2020, 'policyClosed', 31.57, { at: { x: -6000, y: 12500 }, place: '庙湾关闭砖厂' }, 'accepted', '2020-12-05', 0],
  [2021, 'production', 39.87, { inside: 0, offset: { x: -800, y: 300 } }, 'accepted', '2021-11-16', 5],
  [2021, 'production', 22.15, { beside: 2, side: 'east' }, 'accepted', '2021-10-22', 0],
  [2021, 'production', 24.36, { beside: 3, side: 'north' }, 'completed', '2022-05-12', 1],
  [2021, 'production', 19.62, { beside: 1, side: 'west' }, 'completed', '2021-12-01', 2],
  [2021, 'abandoned', 20.35, { at: { x: 0, y: -8000 }, place: '郭家废弃取土场' }, 'accepted', '2021-11-30', 4],
  [2021, 'policyClosed', 15.65, { at: { x: -800, y: -600 }, place: '城郊关闭砖厂' }, 'completed', '2022-06-18', 0],
  [2022, 'production', 38.42, { inside: 0, offset: { x: 700, y: 500 } }, 'underWay', null, 5],
  [2022, 'production', 25.07, { beside: 4, side: 'east' }, 'accepted', '2022-11-08', 0],
  [2022, 'production', 22.89, { beside: 2, side: 'west' }, 'completed', '2023-05-26', 1],
  [2022, 'production', 19.62, { beside: 3, side: 'east' }, 'planned', null, 2],
  [2022, 'abandoned', 14.83, { at: { x: 6000, y: -10500 }, place: '南沟废弃取土场' }, 'accepted', '2022-10-30', 3],
  [2022, 'policyClosed', 17.26, { at: { x: 12000, y: 5500 }, place: '高家川关闭砖厂' }, 'underWay', null, 4],
  [2022, 'abandoned', 12.91, { at: { x: -16000, y: 2500 }, place: '后庄废弃采石场' }, 'planned', null, 3],
];

const SIDE_DIRECTIONS: Record<Side, PointM> = {
  east: { x: 1, y: 0 },
  west: { x: -1, y: 0 },
  north: { x: 0, y: 1 },
  south: { x: 0, y: -1 },
};

/** Centre (local metres) of a parcel of radius `radiusM` placed as `placement` says. */
function parcelCentre(placement: Placement, radiusM: number): PointM {
  if ('at' in placement) return placement.at;
  if ('inside' in placement) {
    const { centre } = MINING_RIGHTS[placement.inside].outline;
    return { x: centre.x + placement.offset.x, y: centre.y + placement.offset.y };
  }
  const { centre, widthM, heightM, rotationDeg } = MINING_RIGHTS[placement.beside].outline;
  const direction = SIDE_DIRECTIONS[placement.side];
  const reach = (direction.x !== 0 ? widthM : heightM) / 2 + 1.45 * radiusM + 20;
  return rotate({ x: direction.x * reach, y: direction.y * reach }, centre, rotationDeg);
}

/** Place-name part of a parcel name. */
function parcelPlace(placement: Placement): string {
  if ('at' in placement) return placement.place;
  const right = MINING_RIGHTS['inside' in placement ? placement.inside : placement.beside];
  return right.mineral === 'coal' ? `${right.place}煤矿塌陷区` : `${right.place}砖厂采场`;
}

/** The licence of the mine a parcel belongs to: the right it lies beside or inside; none for a site at a point (its party is gone). */
function parcelLicence(placement: Placement, miningRights: readonly Feature<AreaGeometry>[]): string | null {
  if ('at' in placement) return null;
  return String(miningRights['inside' in placement ? placement.inside : placement.beside].properties.licenceNo);
}

/** The restoration parcels, each fitted to its area and coded with the township it lies in. */
export function buildRestorationParcels(context: Context, miningRights: readonly Feature<AreaGeometry>[]) {
  const yearSerials = new Map<number, number>();
  const parcels = PARCELS.map(([year, category, mu, placement, status, completedOn, method]) => {
    const targetM2 = mu * M2_PER_MU;
    const radius = Math.sqrt(targetM2 / Math.PI);
    const rough = blobPolygon(context, parcelCentre(placement, radius), radius, {
      vertices: 12,
      elongation: context.random.range(1.1, 1.7),
      rotationDeg: context.random.range(0, 180),
      waviness: 0.15,
    });
    const geometry = fitArea(rough, targetM2);
    const township = townshipOf(context, geometry);
    const serial = (yearSerials.get(year) ?? 0) + 1;
    yearSerials.set(year, serial);
    return feature(
      {
        code: `ZL${year}-${String(serial).padStart(2, '0')}`,
        name: `${plainName(township)}${parcelPlace(placement)}治理区${DEMO}`,
        mineCategory: category,
        townshipCode: township.properties.adminCode,
        plannedYear: year,
        restorationStatus: status,
        completedOn,
        method: METHODS[method],
        licenceNo: parcelLicence(placement, miningRights),
      },
      geometry,
    );
  });
  assertApart(parcels, parcels);
  assertApart(parcels, miningRights.slice(1));
  return parcels;
}

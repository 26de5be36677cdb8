import { assertWithin } from './checks.ts';
import { COUNTY_CODE } from './admin.ts';
import { DEMO, feature, plainName, townshipAt, type Context } from './context.ts';
import { polygonFromOutline } from './geometry.ts';
import { cornerOutline } from './shapes.ts';
import type { AreaGeometry, Feature, PointM } from './types.ts';

/** Where a right lies: a licence-style outline (rectangle with cut corners) in local metres. */
export interface RightOutline {
  centre: PointM;
  widthM: number;
  heightM: number;
  rotationDeg: number;
  cuts: readonly number[];
  cutM: number;
}

/** One mining right of the 2020 base year (seed 004: 1 coal + 4 brick clay, 1 large + 4 small). */
interface MiningRightSpec {
  outline: RightOutline;
  /** Village part of the mine name; the township part comes from where the right lies. */
  place: string;
  issued: string;
  holder: string;
  contact: string;
  mineral: 'coal' | 'brickClay';
  capacity10ktPerYear: number;
  validFrom: string;
  validTo: string;
  /** Restoration-fund balance in 万元; null when the mine has no account. The four sum to 12.28. */
  restorationFund10kYuan: number | null;
  /** Whether the fund is provisioned as its rules require (002 未按制度计提); null without an account. */
  restorationFundProvisioned: boolean | null;
  elevationM: [top: number, bottom: number];
  /** Set for a right no longer in force: 注销 (revoked). */
  rightStatus?: 'revoked';
}

/**
 * The coal mine first, then the four brick-clay pits of the 2020 base year (the last one's licence
 * expired in 2024), then a brick-clay pit closed and revoked before it (政策性关闭, 注销), where a
 * patch shows mining again (seed 002: 关闭、取缔后又擅自生产).
 */
export const MINING_RIGHTS: readonly MiningRightSpec[] = [
  {
    outline: { centre: { x: -1500, y: 10000 }, widthM: 3800, heightM: 2600, rotationDeg: 5, cuts: [0, 2], cutM: 600 },
    place: '北山',
    issued: '200912',
    holder: '示范煤业有限公司',
    contact: '0934-5550101',
    mineral: 'coal',
    capacity10ktPerYear: 120,
    validFrom: '2019-12-20',
    validTo: '2039-12-19',
    restorationFund10kYuan: 6.5,
    restorationFundProvisioned: true,
    elevationM: [1280, 560],
  },
  {
    outline: { centre: { x: -9000, y: -6000 }, widthM: 300, heightM: 240, rotationDeg: 20, cuts: [1], cutM: 60 },
    place: '西头村',
    issued: '201206',
    holder: '正宁县示范建材有限公司',
    contact: '0934-5550102',
    mineral: 'brickClay',
    capacity10ktPerYear: 8,
    validFrom: '2018-07-01',
    validTo: '2028-06-30',
    restorationFund10kYuan: 2.1,
    restorationFundProvisioned: true,
    elevationM: [1335, 1290],
  },
  {
    outline: { centre: { x: -700, y: -12300 }, widthM: 320, heightM: 260, rotationDeg: -10, cuts: [3], cutM: 70 },
    place: '南庄村',
    issued: '201303',
    holder: '正宁县示范新型墙材有限公司',
    contact: '0934-5550103',
    mineral: 'brickClay',
    capacity10ktPerYear: 8,
    validFrom: '2019-04-15',
    validTo: '2029-04-14',
    restorationFund10kYuan: 1.95,
    restorationFundProvisioned: false,
    elevationM: [1210, 1170],
  },
  {
    outline: { centre: { x: 11000, y: -9000 }, widthM: 260, heightM: 220, rotationDeg: 35, cuts: [], cutM: 0 },
    place: '东沟村',
    issued: '201509',
    holder: '正宁县示范砖瓦厂',
    contact: '0934-5550104',
    mineral: 'brickClay',
    capacity10ktPerYear: 3,
    validFrom: '2018-10-10',
    validTo: '2028-10-09',
    restorationFund10kYuan: null,
    restorationFundProvisioned: null,
    elevationM: [1290, 1250],
  },
  {
    outline: { centre: { x: -15500, y: -5500 }, widthM: 340, heightM: 250, rotationDeg: 0, cuts: [2], cutM: 80 },
    place: '北塬村',
    issued: '201406',
    holder: '正宁县示范页岩砖厂',
    contact: '0934-5550105',
    mineral: 'brickClay',
    capacity10ktPerYear: 8,
    validFrom: '2019-07-01',
    validTo: '2024-06-30',
    restorationFund10kYuan: 1.73,
    restorationFundProvisioned: true,
    elevationM: [1350, 1300],
  },
  {
    outline: { centre: { x: -12000, y: -10500 }, widthM: 280, heightM: 230, rotationDeg: 15, cuts: [0], cutM: 60 },
    place: '柳沟村',
    issued: '201105',
    holder: '正宁县示范机砖厂',
    contact: '0934-5550106',
    mineral: 'brickClay',
    capacity10ktPerYear: 4,
    validFrom: '2011-05-10',
    validTo: '2021-05-09',
    restorationFund10kYuan: null,
    restorationFundProvisioned: null,
    elevationM: [1320, 1285],
    rightStatus: 'revoked',
  },
];

/**
 * The sweep of existing mines (issue #15) finds each of its problems exactly once in the demo: for
 * the zone problems, three clay pits (by index) reach with one edge into one protected zone each —
 * 南庄村 into the 四郎河 red line (and so the prohibited area grown around it), 东沟村 into the
 * 永和镇 village (a 四区 residential area), and the coal mine's south-west corner into 山河塬
 * permanent farmland — and two into a land class: 东沟村 into 永和镇's urban development boundary
 * (drawn round the village) and 北塬村 into a slope grassland. Their patches and parcels stay outside.
 */
export const SWEEP_ZONE_SCENARIOS = [
  { right: 2, zone: 'ecoRedline' },
  { right: 3, zone: 'residentialArea' },
  { right: 0, zone: 'permanentFarmland' },
  { right: 3, zone: 'urbanDevelopmentBoundary' },
  { right: 4, zone: 'grassland' },
] as const;

/** The exploration right: coal, inside the first exploration block. */
export const EXPLORATION_RIGHT = {
  outline: { centre: { x: -9700, y: 10300 }, widthM: 2600, heightM: 1800, rotationDeg: 8, cuts: [], cutM: 0 },
  issued: '202303',
  holder: '甘肃示范煤田地质勘查院',
  validFrom: '2023-03-20',
  validTo: '2028-03-19',
} as const;

/**
 * A licence number in the 23-character style of Chinese licences: C (mining) or T
 * (exploration), county code, year and month first issued, a 4-digit type code, then
 * "DEMO" and a 2-digit serial where the real serial would be.
 */
export const licenceNo = (kind: 'C' | 'T', issued: string, typeCode: string, serial: number): string =>
  `${kind}${COUNTY_CODE}${issued}${typeCode}DEMO${String(serial).padStart(2, '0')}`;

/** The outline of a right as a polygon. */
export const rightPolygon = (context: Context, o: RightOutline) =>
  polygonFromOutline(context.frame, cornerOutline(o.centre, o.widthM, o.heightM, o.rotationDeg, o.cuts, o.cutM));

/** The mining rights; names say the township they lie in. */
function buildMiningRights(context: Context): Feature<AreaGeometry>[] {
  return MINING_RIGHTS.map((spec, i) => {
    const geometry = rightPolygon(context, spec.outline);
    const township = plainName(townshipAt(context, geometry));
    const coal = spec.mineral === 'coal';
    return feature(
      {
        licenceNo: licenceNo('C', spec.issued, coal ? '7130' : '7230', i + 1),
        mineName: `正宁县${township}${spec.place}${coal ? '煤矿' : '砖瓦用粘土矿'}${DEMO}`,
        holder: spec.holder,
        holderContact: `${spec.contact}${DEMO}`,
        mineral: spec.mineral,
        miningMethod: coal ? 'underground' : 'openPit',
        scaleClass: coal ? 'large' : 'small',
        capacity10ktPerYear: spec.capacity10ktPerYear,
        validFrom: spec.validFrom,
        validTo: spec.validTo,
        rightStatus: spec.rightStatus ?? 'active',
        restorationFund10kYuan: spec.restorationFund10kYuan,
        restorationFundProvisioned: spec.restorationFundProvisioned,
        elevationTopM: spec.elevationM[0],
        elevationBottomM: spec.elevationM[1],
      },
      geometry,
    );
  });
}

/** The exploration right, checked to lie inside its planning block. */
function buildExplorationRights(context: Context, block: Feature<AreaGeometry>): Feature<AreaGeometry>[] {
  const right = feature(
    {
      licenceNo: licenceNo('T', EXPLORATION_RIGHT.issued, '1130', 1),
      holder: EXPLORATION_RIGHT.holder,
      mineral: 'coal',
      validFrom: EXPLORATION_RIGHT.validFrom,
      validTo: EXPLORATION_RIGHT.validTo,
      rightStatus: 'active',
    },
    rightPolygon(context, EXPLORATION_RIGHT.outline),
  );
  assertWithin(right, block);
  return [right];
}

/** Mining and exploration rights. */
export function buildRights(context: Context, explorationBlocks: readonly Feature<AreaGeometry>[]) {
  return {
    miningRights: buildMiningRights(context),
    explorationRights: buildExplorationRights(context, explorationBlocks[0]),
  };
}

import { fitArea } from './area.ts';
import { assertWithin } from './checks.ts';
import { DEMO, feature, plainName, townshipOf, type Context } from './context.ts';
import { buffer, difference, intersection, polygonFromOutline, union } from './geometry.ts';
import { blobPolygon, clipTo } from './protection.ts';
import { cornerOutline } from './shapes.ts';
import type { AreaGeometry, Feature, PointM } from './types.ts';

/** The concentrated sand/gravel/clay mining zones of 专栏二 (seed 004), with their areas in m². */
export const CONCENTRATED_ZONES = [
  {
    name: '正宁县榆林子镇党家村砂石土集中开采区',
    township: '榆林子镇',
    centre: { x: -7800, y: -7200 },
    areaM2: 280000,
    attributes: { mainMineral: 'brickClay', resources10kt: 476, existingRights: 0, plannedRights: 1 },
  },
  {
    name: '正宁县山河镇蔡峪村砂石土集中开采区',
    township: '山河镇',
    centre: { x: 3000, y: -3800 },
    areaM2: 220000,
    attributes: { mainMineral: 'brickClay', resources10kt: 374, existingRights: 0, plannedRights: 1 },
  },
] as const;

/** Both zones: minimum scale 13 万吨/年 and extraction cap 13 万吨 (专栏二). */
const ZONE_LIMITS = { minScale10ktPerYear: 13, extractionCap10kt: 13 } as const;

/** Minerals of every prohibited mining area. */
const ALL_SOLID_MINERALS = 'coal,brickClay,constructionSand,constructionStone';

/** The two concentrated mining zones, each fitted to its stated area on the ellipsoid. */
function buildConcentratedZones(context: Context): Feature<AreaGeometry>[] {
  return CONCENTRATED_ZONES.map((zone) => {
    const radius = Math.sqrt(zone.areaM2 / Math.PI);
    const rough = blobPolygon(context, zone.centre, radius, { vertices: 16, elongation: 1.8, rotationDeg: 30 });
    const geometry = fitArea(rough, zone.areaM2);
    const township = plainName(townshipOf(context, geometry));
    if (township !== zone.township) throw new Error(`${zone.name} landed in ${township}`);
    return feature({ name: `${zone.name}${DEMO}`, ...zone.attributes, ...ZONE_LIMITS }, geometry);
  });
}

/** The one mining planning block (开采规划区块): brick clay, inside the 党家村 zone. */
function buildMiningBlocks(context: Context, zones: readonly Feature<AreaGeometry>[]) {
  const { centre } = CONCENTRATED_ZONES[0];
  const outline = polygonFromOutline(context.frame, cornerOutline(centre, 480, 300, 30, [0, 2], 60));
  const block = feature(
    {
      code: 'KC621025-01',
      name: `正宁县榆林子镇党家村砖瓦用粘土开采规划区块${DEMO}`,
      mineral: 'brickClay',
      allocationMethod: 'tenderAuctionListing',
    },
    clipTo(outline, zones[0].geometry),
  );
  assertWithin(block, zones[0]);
  return [block];
}

/** Outlines of the exploration planning blocks (勘查规划区块), both for coal. */
export const EXPLORATION_BLOCKS: readonly { code: string; name: string; centre: PointM; size: [number, number] }[] = [
  { code: 'KT621025-01', name: '正宁县永正煤炭勘查规划区块', centre: { x: -9500, y: 10200 }, size: [4200, 2800] },
  { code: 'KT621025-02', name: '正宁县三嘉煤炭勘查规划区块', centre: { x: 6500, y: 9500 }, size: [3600, 2600] },
];

/** The two coal exploration planning blocks. */
function buildExplorationBlocks(context: Context) {
  return EXPLORATION_BLOCKS.map((block, i) =>
    feature(
      { code: block.code, name: `${block.name}${DEMO}`, mineral: 'coal' },
      polygonFromOutline(context.frame, cornerOutline(block.centre, ...block.size, i === 0 ? 8 : -6, [3 - i], 800)),
    ),
  );
}

/** The areas the prohibited mining areas are drawn around (the large red line holds the large reserve). */
interface ProhibitionSources {
  ecoRedline: readonly Feature<AreaGeometry>[];
  natureReserves: readonly Feature<AreaGeometry>[];
}

/**
 * Key, restricted and prohibited mining areas. Prohibited areas are the red line and the
 * reserves grown by a margin, so they cover them; the other areas are cut back to stay clear.
 */
function buildMiningZoning(context: Context, sources: ProhibitionSources) {
  const grown = (area: Feature<AreaGeometry>, marginM: number) =>
    intersection(buffer(area.geometry, marginM), context.county)!;
  const prohibited = [
    feature(
      { name: `子午岭禁止开采区${DEMO}`, zoningClass: 'prohibitedMining', minerals: ALL_SOLID_MINERALS },
      grown(sources.ecoRedline[0], 300),
    ),
    feature(
      { name: `四郎河源头禁止开采区${DEMO}`, zoningClass: 'prohibitedMining', minerals: ALL_SOLID_MINERALS },
      grown(sources.ecoRedline[1], 200),
    ),
    feature(
      { name: `湫头河湿地禁止开采区${DEMO}`, zoningClass: 'prohibitedMining', minerals: ALL_SOLID_MINERALS },
      grown(sources.natureReserves[1], 200),
    ),
  ];
  const allProhibited = union(prohibited.map((f) => f.geometry));
  const clear = (area: AreaGeometry) => difference(clipTo(area, context.county), allProhibited)!;
  const coalField = blobPolygon(context, { x: -1500, y: 10300 }, 8500, { vertices: 40, elongation: 3, waviness: 0.08 });
  const clayField = blobPolygon(context, { x: -8200, y: -7000 }, 1300, { elongation: 1.4, rotationDeg: 30 });
  const townRing = blobPolygon(context, { x: 500, y: 0 }, 3000, { vertices: 30, elongation: 1.4, rotationDeg: 15 });
  return [
    feature({ name: `正宁北部煤炭重点开采区${DEMO}`, zoningClass: 'keyMining', minerals: 'coal' }, clear(coalField)),
    feature({ name: `榆林子砖瓦用粘土重点开采区${DEMO}`, zoningClass: 'keyMining', minerals: 'brickClay' }, clear(clayField)),
    feature(
      {
        name: `县城周边限制开采区${DEMO}`,
        zoningClass: 'restrictedMining',
        minerals: 'brickClay,constructionSand,constructionStone',
      },
      clear(townRing),
    ),
    ...prohibited,
  ];
}

/** Every plan layer. */
export function buildPlan(context: Context, sources: ProhibitionSources) {
  const concentratedZones = buildConcentratedZones(context);
  return {
    concentratedZones,
    miningBlocks: buildMiningBlocks(context, concentratedZones),
    explorationBlocks: buildExplorationBlocks(context),
    miningZoning: buildMiningZoning(context, sources),
  };
}

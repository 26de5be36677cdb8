import { DEMO, feature, type Context } from './context.ts';
import { difference, intersection, multiPolygon, polygonFromOutline } from './geometry.ts';
import { blob, type BlobOptions } from './shapes.ts';
import type { AreaGeometry, Feature, PointM, Polygon } from './types.ts';

/** An irregular polygon of about `radiusM` around `centre` (local metres). */
export function blobPolygon(context: Context, centre: PointM, radiusM: number, options: Partial<BlobOptions> = {}) {
  return polygonFromOutline(context.frame, blob(context.random, centre, radiusM, { vertices: 24, ...options }));
}

/** `area` cut to `container`; throws when nothing is left. */
export function clipTo(area: AreaGeometry, container: AreaGeometry): AreaGeometry {
  const clipped = intersection(area, container);
  if (!clipped) throw new Error('area lies outside its container');
  return clipped;
}

/** The ecological protection red line (生态保护红线): one large forest area and one headwater area. */
function buildEcoRedline(context: Context): Feature<AreaGeometry>[] {
  const forest = blobPolygon(context, { x: 17500, y: 3000 }, 7000, { vertices: 48, elongation: 0.6, waviness: 0.12 });
  // A village inside the forest is left out of the red line (开天窗), which makes a hole.
  const village = blobPolygon(context, { x: 16500, y: -500 }, 450, { vertices: 14 });
  const forestArea = difference(clipTo(forest, context.county), village);
  if (forestArea?.type !== 'Polygon' || forestArea.coordinates.length !== 2) throw new Error('village is not a hole');
  const headwater = blobPolygon(context, { x: -3000, y: -13200 }, 1600, { elongation: 1.8, rotationDeg: 20 });
  const note = '按生态保护红线管控，原则上禁止开发性、生产性建设活动，允许有限人为活动（自然资发〔2022〕142号）';
  return [
    feature({ name: `子午岭水源涵养生态保护红线${DEMO}`, controlNote: note }, forestArea),
    feature({ name: `四郎河源头生态保护红线${DEMO}`, controlNote: note }, clipTo(headwater, context.county)),
  ];
}

/** Nature reserves (自然保护区): one inside the large red-line area, one small wetland. */
function buildNatureReserves(context: Context, ecoRedline: readonly Feature<AreaGeometry>[]) {
  const forest = blobPolygon(context, { x: 18500, y: 4500 }, 3500, { vertices: 36 });
  const wetland = blobPolygon(context, { x: 6500, y: 3500 }, 900, { elongation: 1.6, rotationDeg: -40 });
  return [
    feature(
      { name: `子午岭自然保护区正宁片区${DEMO}`, protectionLevel: 'nationalLevel' },
      clipTo(forest, ecoRedline[0].geometry),
    ),
    feature({ name: `湫头河湿地自然保护区${DEMO}`, protectionLevel: 'countyLevel' }, wetland),
  ];
}

/** The other three of the "four areas" (四区): water sources, scenic areas, residential areas. */
function buildFourAreas(context: Context) {
  const area = (centre: PointM, radiusM: number, options: Partial<BlobOptions> = {}) =>
    clipTo(blobPolygon(context, centre, radiusM, { vertices: 20, ...options }), context.county);
  const waterSources = [
    feature(
      { name: `县城饮用水水源地保护区${DEMO}`, protectionLevel: 'countyLevel' },
      area({ x: -1500, y: 3500 }, 900, { elongation: 1.5 }),
    ),
    feature(
      { name: `永和镇饮用水水源地保护区${DEMO}`, protectionLevel: 'countyLevel' },
      area({ x: 8000, y: -3500 }, 650),
    ),
  ];
  const scenicAreas = [
    feature(
      { name: `秦直道遗址景观区${DEMO}`, protectionLevel: 'provincialLevel' },
      area({ x: 13000, y: 11000 }, 1400, { elongation: 2.2, rotationDeg: 70 }),
    ),
    feature({ name: `罗川古城景观区${DEMO}`, protectionLevel: 'countyLevel' }, area({ x: -9000, y: 3500 }, 1000)),
  ];
  const residentialAreas = [
    feature(
      { name: `山河镇城区${DEMO}`, protectionLevel: 'countyLevel' },
      area({ x: 500, y: 0 }, 1500, { elongation: 1.6, rotationDeg: 15 }),
    ),
    feature({ name: `榆林子镇集镇${DEMO}`, protectionLevel: 'countyLevel' }, area({ x: -6000, y: -9800 }, 420)),
    feature({ name: `永和镇集镇${DEMO}`, protectionLevel: 'countyLevel' }, area({ x: 10450, y: -9000 }, 420)),
  ];
  return { waterSources, scenicAreas, residentialAreas };
}

/** Permanent basic farmland (永久基本农田) on the tablelands, and some cultivable land (可耕地). */
function buildFarmland(context: Context): Feature<AreaGeometry>[] {
  const field = (centre: PointM, radiusM: number, options: Partial<BlobOptions> = {}): Polygon =>
    blobPolygon(context, centre, radiusM, { vertices: 18, waviness: 0.2, ...options });
  return [
    feature(
      { name: `周家塬永久基本农田${DEMO}`, farmlandClass: 'permanentBasic' },
      field({ x: -14000, y: -1000 }, 2200, { vertices: 28 }),
    ),
    feature(
      { name: `永和塬永久基本农田${DEMO}`, farmlandClass: 'permanentBasic' },
      field({ x: 6000, y: -5500 }, 1400, { elongation: 1.5 }),
    ),
    feature(
      { name: `山河塬永久基本农田${DEMO}`, farmlandClass: 'permanentBasic' },
      field({ x: -3500, y: 8000 }, 1500, { elongation: 1.4, rotationDeg: 30 }),
    ),
    feature(
      { name: `永正塬永久基本农田${DEMO}`, farmlandClass: 'permanentBasic' },
      multiPolygon([field({ x: -9000, y: 8000 }, 900), field({ x: -6800, y: 6200 }, 700)]),
    ),
    feature({ name: `党家村可耕地${DEMO}`, farmlandClass: 'cultivable' }, field({ x: -9500, y: -9200 }, 450)),
    feature({ name: `宫河镇可耕地${DEMO}`, farmlandClass: 'cultivable' }, field({ x: 3000, y: -8000 }, 500)),
  ];
}

/** Every protected-area layer. */
export function buildProtection(context: Context) {
  const ecoRedline = buildEcoRedline(context);
  const natureReserves = buildNatureReserves(context, ecoRedline);
  return { ecoRedline, natureReserves, ...buildFourAreas(context), farmland: buildFarmland(context) };
}

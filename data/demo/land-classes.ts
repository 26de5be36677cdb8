import { DEMO, feature, type Context } from './context.ts';
import { blobPolygon, clipTo } from './protection.ts';
import type { BlobOptions } from './shapes.ts';
import type { AreaGeometry, Feature, PointM } from './types.ts';

/** One area of a land-class layer: its name (without the demo suffix), place and shape. */
interface AreaSpec {
  name: string;
  centre: PointM;
  radiusM: number;
  options?: Partial<BlobOptions>;
  properties?: Record<string, string>;
}

/**
 * 三区三线's urban development boundaries (城镇开发边界): the county seat and two market towns,
 * each drawn round its concentrated residential area.
 */
const URBAN: readonly AreaSpec[] = [
  { name: '县城城镇开发边界', centre: { x: 500, y: 0 }, radiusM: 2000, options: { elongation: 1.4, rotationDeg: 15 } },
  { name: '永和镇城镇开发边界', centre: { x: 10150, y: -8900 }, radiusM: 700 },
  { name: '榆林子镇城镇开发边界', centre: { x: -6000, y: -9800 }, radiusM: 700 },
];

/** Forest land (林地) on the loess ridges, away from the red line's forest (which the red line already covers). */
const FOREST: readonly AreaSpec[] = [
  { name: '罗川林场林地', centre: { x: -14500, y: 9500 }, radiusM: 1200, options: { elongation: 1.3 } },
  { name: '湫头川林地', centre: { x: 9000, y: 12000 }, radiusM: 1000, options: { elongation: 0.7, rotationDeg: 20 } },
];

/** Grassland (草地) on the slopes. */
const GRASSLAND: readonly AreaSpec[] = [
  { name: '北塬村坡草地', centre: { x: -15500, y: -5160 }, radiusM: 250, options: { rotationDeg: -60 } },
  { name: '榆林子坡草地', centre: { x: -13000, y: -11000 }, radiusM: 900 },
];

/** Wetland (湿地) along the rivers, with its protection level (important wetlands are listed by level). */
const WETLAND: readonly AreaSpec[] = [
  {
    name: '湫头河河流湿地',
    centre: { x: 4500, y: 2000 },
    radiusM: 600,
    options: { elongation: 1.8, rotationDeg: 10 },
    properties: { protectionLevel: 'provincialLevel' },
  },
  {
    name: '四郎河河流湿地',
    centre: { x: -2000, y: -6000 },
    radiusM: 500,
    options: { elongation: 1.6, rotationDeg: -20 },
    properties: { protectionLevel: 'countyLevel' },
  },
];

function build(context: Context, specs: readonly AreaSpec[], defaults: Record<string, string | null> = {}) {
  return specs.map((spec) =>
    feature(
      { name: `${spec.name}${DEMO}`, ...defaults, ...spec.properties },
      clipTo(blobPolygon(context, spec.centre, spec.radiusM, { vertices: 22, ...spec.options }), context.county),
    ),
  );
}

/**
 * The layers the campaigns' checks need beyond the protected areas (seed 002): 城镇开发边界 and
 * 林地、草地、湿地. Drawn from their own random stream (`context.random` here is not the main
 * one), so adding them moved no other shape of the demo county.
 */
export function buildLandClasses(context: Context): Record<'urban' | 'forest' | 'grassland' | 'wetland', Feature<AreaGeometry>[]> {
  return {
    urban: build(context, URBAN),
    forest: build(context, FOREST),
    grassland: build(context, GRASSLAND),
    wetland: build(context, WETLAND, { protectionLevel: null }),
  };
}

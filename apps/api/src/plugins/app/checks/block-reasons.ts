import type { Bilingual, Validation as Checked } from '@mpm/domain';
import { NOT_A_NUMBER, OUT_OF_RANGE, RING_NOT_CLOSED, SELF_INTERSECTION, type Reason as CornerListReason } from '@mpm/geo';

export { invalid } from '@mpm/domain';
export { NOT_A_NUMBER, OUT_OF_RANGE, RING_NOT_CLOSED, SELF_INTERSECTION };

/**
 * Every reason a block is refused, once, in camelCase; each is also the `code` of the 400
 * answer. Those that mean the same as a corner-list reason of `@mpm/geo` are that reason
 * (`notANumber`, `outOfRange`, `ringNotClosed`, `selfIntersection`), and a ring problem that
 * `@mpm/geo` finds keeps its reason. Messages for people: {@link BLOCK_MESSAGES}.
 */
export const NEITHER_OR_BOTH = 'neitherOrBoth';
export const NOT_A_POLYGON = 'notAPolygon';
export const MALFORMED_COORDINATES = 'malformedCoordinates';
export const TOO_MANY_VERTICES = 'tooManyVertices';
export const BAD_POSITION = 'badPosition';
export const PROJECTED_METRES = 'projectedMetres';
export const LON_LAT_SWAPPED = 'lonLatSwapped';
export const TOO_FEW_POSITIONS = 'tooFewPositions';
export const OUTSIDE_COUNTY = 'outsideCounty';
export const INVALID_RING = 'invalidRing';
export const PARTS_OVERLAP = 'partsOverlap';
export const INVALID_CORNER_LIST = 'invalidCornerList';
/** Smaller than the county's minimum block area (its message: `tooSmallBlockReason` of `@mpm/geo`). */
export const BLOCK_TOO_SMALL = 'blockTooSmall';

export type BlockReason =
  | typeof NEITHER_OR_BOTH
  | typeof NOT_A_POLYGON
  | typeof MALFORMED_COORDINATES
  | typeof TOO_MANY_VERTICES
  | typeof BAD_POSITION
  | typeof PROJECTED_METRES
  | typeof LON_LAT_SWAPPED
  | typeof TOO_FEW_POSITIONS
  | typeof OUTSIDE_COUNTY
  | typeof INVALID_RING
  | typeof PARTS_OVERLAP
  | typeof INVALID_CORNER_LIST
  | typeof BLOCK_TOO_SMALL
  | CornerListReason;

/** The outcome of a block validation: the value, or the reason and a message naming what and where. */
export type Validation<T> = Checked<T, BlockReason>;

/**
 * Where in the GeoJSON a problem is: 1-based polygon (MultiPolygon only), ring and position,
 * followed by the 0-based JSON path a developer would look up.
 */
export interface Spot {
  polygon?: number;
  ring?: number;
  position?: number;
}

export function spot({ polygon, ring, position }: Spot): Bilingual {
  const path = [polygon, ring, position].filter((i) => i !== undefined).map((i) => `[${i! - 1}]`).join('');
  const zh = [
    polygon !== undefined ? `第 ${polygon} 个多边形` : '',
    ring !== undefined ? `第 ${ring} 环` : '',
    position !== undefined ? `第 ${position} 个坐标` : '',
  ].join('');
  const en = [
    polygon !== undefined ? `polygon ${polygon}` : '',
    ring !== undefined ? `ring ${ring}` : '',
    position !== undefined ? `position ${position}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  if (!path) return { zh: 'coordinates', en: 'coordinates' };
  return { zh: `${zh}（coordinates${path}）`, en: `${en} (coordinates${path})` };
}

const at = (where: Spot, body: Bilingual): Bilingual => {
  const place = spot(where);
  return { zh: `${place.zh}：${body.zh}`, en: `${place.en}: ${body.en}` };
};

const fmt = (value: unknown): string => {
  if (typeof value === 'number') return String(value);
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 40 ? `${text.slice(0, 40)}…` : text;
};

/** The message of each reason, keyed by it (the corner-list and topology messages come from `@mpm/geo`). */
export const BLOCK_MESSAGES = {
  neitherOrBoth: (): Bilingual => ({
    zh: '请给出地块：geometry（GeoJSON）与 cornerList（拐点坐标）二者必须且只能给一个。',
    en: 'Give the block as exactly one of geometry (GeoJSON) and cornerList (corner-point list).',
  }),
  notAPolygon: (found: unknown): Bilingual => {
    const type = typeof found === 'object' && found !== null ? (found as { type?: unknown }).type : undefined;
    const what =
      typeof type === 'string'
        ? { zh: fmt(type), en: fmt(type) }
        : typeof found === 'object' && found !== null
          ? { zh: '没有 type 成员的对象', en: 'an object without "type"' }
          : { zh: fmt(found), en: fmt(found) };
    return {
      zh: `地块必须是 GeoJSON 的 Polygon 或 MultiPolygon，收到的是 ${what.zh}。`,
      en: `The block must be a GeoJSON Polygon or MultiPolygon; got ${what.en}.`,
    };
  },
  malformedCoordinates: (where: Spot, expected: Bilingual): Bilingual => at(where, { zh: `应为${expected.zh}。`, en: `expected ${expected.en}.` }),
  tooManyVertices: (max: number): Bilingual => ({
    zh: `地块坐标超过 ${max} 个，请简化后再检查（登记报盘要求拐点少于 1000 个）。`,
    en: `The block has more than ${max} positions; simplify it first (registration files allow fewer than 1,000 corners).`,
  }),
  badPosition: (where: Spot, count: number): Bilingual =>
    at(where, {
      zh: `坐标应为 [经度, 纬度] 或 [经度, 纬度, 高程]，这里有 ${count} 个数值。`,
      en: `a position is [lon, lat] or [lon, lat, elevation]; this one has ${count} values.`,
    }),
  notANumber: (where: Spot, value: unknown): Bilingual =>
    at(where, { zh: `${fmt(value)} 不是有限的数字。`, en: `${fmt(value)} is not a finite number.` }),
  projectedMetres: (where: Spot, x: number, y: number): Bilingual =>
    at(where, {
      zh: `[${x}, ${y}] 像是以米为单位的投影坐标（如高斯–克吕格 X/Y），不是经纬度。请提交 2000 国家大地坐标系经纬度（EPSG:4490），或改用拐点坐标（cornerList）提交。`,
      en: `[${x}, ${y}] looks like projected metres (e.g. Gauss–Krüger X/Y), not lon/lat. Send CGCS2000 lon/lat (EPSG:4490), or send the corners as a corner list (cornerList).`,
    }),
  lonLatSwapped: (where: Spot, x: number, y: number): Bilingual =>
    at(where, {
      zh: `[${x}, ${y}] 的经纬度顺序颠倒：GeoJSON 要求 [经度, 纬度]，即 [${y}, ${x}]。`,
      en: `[${x}, ${y}] has longitude and latitude swapped: GeoJSON wants [lon, lat], i.e. [${y}, ${x}].`,
    }),
  outOfRange: (where: Spot, x: number, y: number): Bilingual =>
    at(where, {
      zh: `[${x}, ${y}] 超出经纬度范围（经度 −180…180，纬度 −90…90）。`,
      en: `[${x}, ${y}] is outside lon −180…180 / lat −90…90.`,
    }),
  tooFewPositions: (where: Spot, count: number): Bilingual =>
    at(where, {
      zh: `环只有 ${count} 个坐标，至少需要 4 个（3 个拐点加闭合点）。`,
      en: `the ring has ${count} positions; it needs at least 4 (3 corners and the closing one).`,
    }),
  ringNotClosed: (where: Spot, count: number): Bilingual =>
    at(where, {
      zh: `环未闭合：最后一个坐标（第 ${count} 个）与第 1 个不同。`,
      en: `the ring is not closed: its last position (${count}) differs from its first.`,
    }),
  partsOverlap: (): Bilingual => ({
    zh: 'MultiPolygon 的各部分相互重叠或共边，请合并为一个多边形或分开检查。',
    en: 'The parts of the MultiPolygon overlap or share an edge; merge them into one polygon or check them separately.',
  }),
} satisfies Partial<Record<BlockReason, (...args: never[]) => Bilingual>>;

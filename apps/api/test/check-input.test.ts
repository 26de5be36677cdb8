import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';

const clay = { mineral: 'brickClay', capacity10ktPerYear: 13, rightKind: 'new' };

/** A closed ring around a point in the demo county (a 100 m square near the county seat). */
const ring = (lon = 108.4, lat = 35.45, d = 0.001) => [
  [lon, lat],
  [lon + d, lat],
  [lon + d, lat + d],
  [lon, lat + d],
  [lon, lat],
];
const polygon = (...rings: unknown[]) => ({ type: 'Polygon', coordinates: rings });

/** Many positions on a small circle in the county, closed. */
const circle = (n: number) => {
  const positions = Array.from({ length: n }, (_, i) => [108.4 + 0.01 * Math.cos((2 * Math.PI * i) / n), 35.45 + 0.01 * Math.sin((2 * Math.PI * i) / n)]);
  return [...positions, positions[0]];
};

interface Case {
  name: string;
  /** The request body, or raw JSON text for what JSON.stringify cannot write (1e309). */
  body: object | string;
  code: string;
  zh: string[];
  en: string[];
}

const CASES: Case[] = [
  { name: 'neither geometry nor corner list', body: { proposal: clay }, code: 'neitherOrBoth', zh: ['二者必须且只能给一个'], en: ['exactly one of geometry'] },
  {
    name: 'both geometry and corner list',
    body: { geometry: polygon(ring()), cornerList: { text: 'x' }, proposal: clay },
    code: 'neitherOrBoth',
    zh: ['二者必须且只能给一个'],
    en: ['exactly one of geometry'],
  },
  {
    name: 'a point',
    body: { geometry: { type: 'Point', coordinates: [108.4, 35.45] }, proposal: clay },
    code: 'notAPolygon',
    zh: ['Polygon 或 MultiPolygon', '"Point"'],
    en: ['Polygon or MultiPolygon', '"Point"'],
  },
  {
    name: 'a null geometry',
    body: { geometry: null, proposal: clay },
    code: 'notAPolygon',
    zh: ['收到的是 null'],
    en: ['got null'],
  },
  {
    name: 'a Polygon without coordinates',
    body: { geometry: { type: 'Polygon' }, proposal: clay },
    code: 'malformedCoordinates',
    zh: ['coordinates：应为非空的环数组'],
    en: ['coordinates: expected a non-empty array of rings'],
  },
  {
    name: 'coordinates that are not arrays',
    body: { geometry: { type: 'Polygon', coordinates: [['a']] }, proposal: clay },
    code: 'malformedCoordinates',
    zh: ['第 1 环第 1 个坐标（coordinates[0][0]）'],
    en: ['ring 1, position 1 (coordinates[0][0])'],
  },
  {
    name: 'an unclosed ring',
    body: { geometry: polygon(ring().slice(0, 4)), proposal: clay },
    code: 'ringNotClosed',
    zh: ['第 1 环', '未闭合'],
    en: ['ring 1', 'not closed'],
  },
  {
    name: 'a ring of 3 positions',
    body: { geometry: polygon([[108.4, 35.45], [108.401, 35.45], [108.4, 35.45]]), proposal: clay },
    code: 'tooFewPositions',
    zh: ['只有 3 个坐标', '至少需要 4 个'],
    en: ['3 positions', 'at least 4'],
  },
  {
    name: 'a hole that is not closed',
    body: { geometry: polygon(ring(108.4, 35.45, 0.01), ring(108.402, 35.452).slice(0, 4)), proposal: clay },
    code: 'ringNotClosed',
    zh: ['第 2 环（coordinates[1]）'],
    en: ['ring 2 (coordinates[1])'],
  },
  {
    name: 'an infinite ordinate (1e309)',
    body: `{"geometry":{"type":"Polygon","coordinates":[[[108.4,35.45],[1e309,35.45],[108.401,35.451],[108.4,35.45]]]},"proposal":${JSON.stringify(clay)}}`,
    // Refused before the check runs, as any number that is not finite in any request (database-limits.ts).
    code: 'numberNotFinite',
    zh: ['coordinates', '须为有限的数'],
    en: ['coordinates', 'must be a finite number'],
  },
  {
    name: 'a number sent as text',
    body: { geometry: polygon([[108.4, 35.45], [108.401, '35.45'], [108.401, 35.451], [108.4, 35.45]]), proposal: clay },
    code: 'notANumber',
    zh: ['"35.45" 不是有限的数字'],
    en: ['"35.45" is not a finite number'],
  },
  {
    name: 'a null ordinate',
    body: { geometry: polygon([[108.4, 35.45], [108.401, 35.45], [null, 35.451], [108.4, 35.45]]), proposal: clay },
    code: 'notANumber',
    zh: ['第 3 个坐标', 'null'],
    en: ['position 3', 'null'],
  },
  {
    name: 'four ordinates',
    body: { geometry: polygon([[108.4, 35.45, 1200, 7], [108.401, 35.45], [108.401, 35.451], [108.4, 35.45, 1200, 7]]), proposal: clay },
    code: 'badPosition',
    zh: ['第 1 个坐标', '4 个数值'],
    en: ['position 1', '4 values'],
  },
  {
    name: 'a longitude beyond 180',
    body: { geometry: polygon([[108.4, 35.45], [208.4, 35.45], [108.401, 35.451], [108.4, 35.45]]), proposal: clay },
    code: 'outOfRange',
    zh: ['第 2 个坐标', '超出经纬度范围'],
    en: ['position 2', 'outside lon'],
  },
  {
    name: 'projected metres sent as lon/lat',
    body: { geometry: polygon([[36536336.78, 3919044.08], [36536436.78, 3919044.08], [36536436.78, 3919144.08], [36536336.78, 3919044.08]]), proposal: clay },
    code: 'projectedMetres',
    zh: ['投影坐标', 'EPSG:4490'],
    en: ['projected metres', 'EPSG:4490'],
  },
  {
    name: 'latitude and longitude swapped',
    body: { geometry: polygon(ring().map(([x, y]) => [y, x])), proposal: clay },
    code: 'lonLatSwapped',
    zh: ['经纬度顺序颠倒', '[经度, 纬度]'],
    en: ['longitude and latitude swapped', '[lon, lat]'],
  },
  {
    name: 'a bow-tie',
    body: { geometry: polygon([[108.4, 35.45], [108.401, 35.451], [108.401, 35.45], [108.4, 35.451], [108.4, 35.45]]), proposal: clay },
    code: 'selfIntersection',
    zh: ['边 1–2 与 边 3–4 相交'],
    en: ['segment 1–2 intersects segment 3–4'],
  },
  {
    name: 'a block in Beijing',
    body: { geometry: polygon(ring(116.39, 39.9)), proposal: clay },
    code: 'outsideCounty',
    zh: ['不在本县范围内', '116.3'],
    en: ['outside the county', '116.3'],
  },
  {
    name: 'too many vertices',
    body: { geometry: polygon(circle(2_500)), proposal: clay },
    code: 'tooManyVertices',
    zh: ['超过 2000 个'],
    en: ['more than 2000'],
  },
  {
    name: 'MultiPolygon parts that overlap',
    body: { geometry: { type: 'MultiPolygon', coordinates: [[ring()], [ring(108.4005, 35.4505)]] }, proposal: clay },
    code: 'partsOverlap',
    zh: ['相互重叠'],
    en: ['overlap'],
  },
  {
    name: 'a corner list with X and Y swapped on line 3',
    body: { cornerList: { text: '点号 X Y\n1 3928000.00 36536000.00\n2 36536400.00 3928000.00\n3 3927700.00 36536400.00\n' }, proposal: clay },
    code: 'invalidCornerList',
    zh: ['第 3 行', 'X 与 Y 颠倒'],
    en: ['line 3', 'X and Y are swapped'],
  },
];

describe.each(TEST_DATABASES)('POST /api/check refuses bad blocks on %s', (kind) => {
  let t: TestApp;
  let cookie: string;
  let auditBefore: number;
  const auditCount = async () => Number((await t.db.knex('audit_log').count<{ n: string }[]>({ n: '*' }))[0].n);

  beforeAll(async () => {
    t = await createTestApp(kind);
    cookie = await t.login();
    auditBefore = await auditCount();
  });
  afterAll(() => t?.close());

  it.each(CASES)('$name → 400 $code, in Chinese and English', async ({ body, code, zh, en }) => {
    for (const [language, expected] of [['zh-CN', zh], ['en-GB,en;q=0.9', en]] as const) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/check',
        payload: typeof body === 'string' ? body : JSON.stringify(body),
        headers: { cookie, 'content-type': 'application/json', 'accept-language': language },
      });
      expect(response.statusCode, response.body).toBe(400);
      const answer = response.json();
      expect(answer.code).toBe(code);
      for (const part of expected) expect(answer.message).toContain(part);
    }
  });

  it('accepts a valid block with a hole and an elevation ordinate', async () => {
    const geometry = polygon(ring(108.4, 35.45, 0.01).map(([x, y]) => [x, y, 1200]), [...ring(108.402, 35.452)].reverse());
    const response = await t.app.inject({ method: 'POST', url: '/api/check', payload: { geometry, proposal: clay }, headers: { cookie } });
    expect(response.statusCode, response.body).toBe(200);
  });

  it('writes nothing for any of them', async () => {
    expect(await auditCount()).toBe(auditBefore);
  });
});

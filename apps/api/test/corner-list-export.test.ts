import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCornerListBytes, gkToLonLat, lonLatToGk, parseCornerList, type CornerList, type GkPoint, type GkZone } from '@mpm/geo';
import { REPO_ROOT } from '../src/config.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { signInStaff } from './helpers/staff.ts';

/** The demo county lies in 3° zone 36 (central meridian 108°E). */
const ZONE: GkZone = { widthDeg: 3, zone: 36, prefixed: true };
const FORMATS = ['plainTable', 'registration', 'exchange'] as const;

/** A ring of corners on the centimetre grid, as a surveyor registers them: north-west of (x0, y0), w × h metres. */
const rectangle = (x0: number, y0: number, w: number, h: number): GkPoint[] => [
  { northingM: x0, eastingM: y0 },
  { northingM: x0, eastingM: y0 + w },
  { northingM: x0 - h, eastingM: y0 + w },
  { northingM: x0 - h, eastingM: y0 },
];
/** A lon/lat ring (closed, counter-clockwise) through GK corners given clockwise. */
const lonLatRing = (corners: GkPoint[]): GeoJSON.Position[] => {
  const ring = [...corners].reverse().map((p): GeoJSON.Position => [...gkToLonLat(p, ZONE)]);
  return [...ring, ring[0]];
};

const demoRight = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data', 'demo', 'mining_rights.geojson'), 'utf8')).features[0];
// Two blocks of one licence, corners to the centimetre, inside the demo county (around 108.3°E, 35.45°N).
const blockA = rectangle(3924567.89, 36527345.67, 300.25, 200.13);
const blockB = rectangle(3924267.41, 36527745.02, 150.5, 120.77);
// A block with a hole.
const outer = rectangle(3921111.11, 36529222.22, 400, 400);
const hole = rectangle(3921011.11, 36529322.22, 100.55, 100.55);

/** Every corner of `expected` is a corner of the parsed list within a millimetre, and nothing else is. */
function expectSameCorners(list: CornerList, expected: GkPoint[][][]) {
  expect(list.zone).toMatchObject({ zone: 36, widthDeg: 3 });
  expect(list.polygons.map((p) => p.rings.map((r) => r.points.length))).toEqual(expected.map((p) => p.map((r) => r.length)));
  list.polygons.forEach((polygon, b) =>
    polygon.rings.forEach((ring, r) => {
      for (const want of expected[b][r]) {
        const near = ring.points.filter((p) => Math.hypot(p.northingM - want.northingM, p.eastingM - want.eastingM) < 0.001);
        expect(near, `block ${b + 1} ring ${r + 1} corner ${want.northingM}, ${want.eastingM}`).toHaveLength(1);
      }
    }),
  );
}

describe.each(TEST_DATABASES)('corner-point list export (导出界址点) on %s', (kind) => {
  let t: TestApp;
  let cookies: Awaited<ReturnType<typeof signInStaff>>;
  let twoBlocksId: number;
  let holedId: number;
  const get = (url: string, cookie?: string, lang = 'zh-CN') =>
    t.app.inject({ url, headers: { ...(cookie && { cookie }), 'accept-language': lang } });
  const parsed = (body: Buffer, format: (typeof FORMATS)[number]) => {
    const result = parseCornerList(decodeCornerListBytes(new Uint8Array(body)).text, { format });
    if (!result.ok) throw new Error(JSON.stringify(result.errors.slice(0, 3)));
    return result.value;
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    cookies = await signInStaff(t);
    const right = (licenceNo: string, mineName: string, coordinates: GeoJSON.Position[][][]) => ({
      geometry: { type: 'MultiPolygon', coordinates } as GeoJSON.MultiPolygon,
      properties: { ...demoRight.properties, licenceNo, mineName },
    });
    await t.app.repos.layers.insert('mining_rights', [
      right('C6210252025017130TEST01', '两块段测试煤矿', [[lonLatRing(blockA)], [lonLatRing(blockB)]]),
      right('C6210252025017130TEST02', '带孔测试煤矿', [[lonLatRing(outer), lonLatRing(hole).reverse()]]),
    ]);
    const ids = await t.db.knex('mining_rights').whereIn('licence_no', ['C6210252025017130TEST01', 'C6210252025017130TEST02']).orderBy('licence_no').pluck('id');
    [twoBlocksId, holedId] = ids.map(Number);
  }, 120_000);
  afterAll(() => t?.close());

  it.each(FORMATS)('writes a right of two blocks as %s text that the planner’s parser reads back to the millimetre in GK', async (format) => {
    const response = await get(`/api/layers/mining_rights/features/${twoBlocksId}/corner-list?format=${format}`, cookies.admin);
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    expectSameCorners(parsed(response.rawPayload, format), [[blockA], [blockB]]);
  });

  it('keeps a hole in the plain table and the exchange file, and refuses it in the registration text, which has none', async () => {
    for (const format of ['plainTable', 'exchange'] as const) {
      const response = await get(`/api/layers/mining_rights/features/${holedId}/corner-list?format=${format}`, cookies.admin);
      expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
      expectSameCorners(parsed(response.rawPayload, format), [[outer, hole]]);
    }
    const refused = await get(`/api/layers/mining_rights/features/${holedId}/corner-list?format=registration`, cookies.admin);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('holesNotSupported');
  });

  it('writes registration and exchange text in GBK (as iconv reads it) and a plain table in UTF-8, each under its Chinese name', async () => {
    const exchange = await get(`/api/layers/mining_rights/features/${twoBlocksId}/corner-list?format=exchange`, cookies.admin);
    expect(exchange.headers['content-type']).toBe('text/plain; charset=GBK');
    const bytes = exchange.rawPayload;
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const text = execFileSync('iconv', ['-f', 'GBK', '-t', 'UTF-8'], { input: bytes }).toString('utf8');
    expect(text).toContain('[属性描述]');
    expect(text).toContain('坐标系=2000国家大地坐标系');
    expect(text).toMatch(/^\d+,\d+\.\d{4},C6210252025017130TEST01-1,两块段测试煤矿,面,,,,@\r$/m);
    const name = '采矿权-C6210252025017130TEST01-两块段测试煤矿-拐点坐标-坐标交换格式.txt';
    expect(exchange.headers['content-disposition']).toBe(
      `attachment; filename="mining_rights-${twoBlocksId}-corner-list-exchange.txt"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );

    const registration = await get(`/api/layers/mining_rights/features/${twoBlocksId}/corner-list?format=registration`, cookies.admin);
    const registrationText = execFileSync('iconv', ['-f', 'GBK', '-t', 'UTF-8'], { input: registration.rawPayload }).toString('utf8');
    expect(registrationText).toMatch(/^矿区范围拐点坐标总数应小于1000个\r\n矿区范围拐点坐标与标高的总行数=10\r\nXY001=1,3924367\.76,36527345\.67\r\n/);

    const table = await get(`/api/layers/mining_rights/features/${twoBlocksId}/corner-list?format=plainTable`, cookies.admin, 'en');
    expect(table.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(table.rawPayload.toString('utf8')).toContain('2000国家大地坐标系，3°带，中央经线108°，带号36');
    expect(table.headers['content-disposition']).toContain(encodeURIComponent('Mining rights-C6210252025017130TEST01-'));
    const utf8 = await get(`/api/layers/mining_rights/features/${twoBlocksId}/corner-list?format=exchange&encoding=UTF-8`, cookies.admin);
    expect(utf8.rawPayload.toString('utf8')).toContain('两块段测试煤矿');
  });

  it('writes in the zone asked for, off by no more than its centimetre rounding', async () => {
    const response = await get(`/api/layers/mining_rights/features/${twoBlocksId}/corner-list?format=plainTable&zone=35`, cookies.admin);
    expect(response.statusCode).toBe(200);
    const list = parsed(response.rawPayload, 'plainTable');
    expect(list.zone).toMatchObject({ zone: 35, widthDeg: 3 });
    // Rounded to the centimetre in zone 35: back in zone 36, each corner is within the rounding (√2 × 5 mm) of its own.
    for (const point of list.polygons[0].rings[0].points) {
      const back = lonLatToGk(gkToLonLat(point, list.zone), ZONE);
      expect(Math.min(...blockA.map((p) => Math.hypot(back.northingM - p.northingM, back.eastingM - p.eastingM)))).toBeLessThan(0.0071);
    }
    expect((await get(`/api/layers/mining_rights/features/${twoBlocksId}/corner-list?format=plainTable&zone=24`, cookies.admin)).statusCode).toBe(400);
  });

  it('writes in the county’s zone when none is asked for', async () => {
    const url = `/api/layers/mining_rights/features/${twoBlocksId}/corner-list?format=registration`;
    const profile = async (gkZone: number) => {
      const response = await t.app.inject({
        method: 'PUT',
        url: '/api/settings/county',
        headers: { cookie: cookies.admin },
        payload: { name: '正宁县（示范）', adminCode: '621025', gkZone },
      });
      expect(response.statusCode, response.body).toBe(200);
    };
    await profile(35);
    try {
      expect(parsed((await get(url, cookies.admin)).rawPayload, 'registration').zone).toMatchObject({ zone: 35, widthDeg: 3 });
    } finally {
      await profile(36);
    }
    expectSameCorners(parsed((await get(url, cookies.admin)).rawPayload, 'registration'), [[blockA], [blockB]]);
  });

  it('follows the OGC API’s visibility: a layer the county hides is a 404 to visitors, and only rights and blocks have corner lists', async () => {
    const url = `/api/layers/mining_rights/features/${twoBlocksId}/corner-list?format=plainTable`;
    expect((await get(url)).statusCode).toBe(200);
    const hidden = await t.app.inject({ method: 'PUT', url: '/api/layers/mining_rights', headers: { cookie: cookies.admin }, payload: { isPublic: false } });
    expect(hidden.statusCode, hidden.body).toBe(200);
    try {
      expect((await get(url)).statusCode).toBe(404);
      expect((await get(url, cookies.inspector1)).statusCode).toBe(200);
    } finally {
      await t.app.inject({ method: 'PUT', url: '/api/layers/mining_rights', headers: { cookie: cookies.admin }, payload: { isPublic: true } });
    }
    expect((await get('/api/layers/mining_rights/features/999999/corner-list?format=plainTable', cookies.admin)).statusCode).toBe(404);
    const farmland = await t.db.knex('protected_areas').where({ kind: 'farmland' }).first('id');
    const refused = await get(`/api/layers/farmland/features/${farmland.id}/corner-list?format=plainTable`, cookies.admin);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('noCornerList');
    const block = await t.db.knex('planning_blocks').where({ kind: 'mining' }).first('id');
    expect((await get(`/api/layers/mining_blocks/features/${block.id}/corner-list?format=exchange`, cookies.admin)).statusCode).toBe(200);
  });

  it('writes a saved proposal’s block, of the version asked for, for its readers only', async () => {
    const geometry: GeoJSON.Polygon = { type: 'Polygon', coordinates: [lonLatRing(blockA)] };
    const proposal = { mineral: 'brickClay', capacity10ktPerYear: 13, rightKind: 'new' };
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/proposals',
      headers: { cookie: cookies.planner1 },
      payload: { name: '测试拟设区', geometry, proposal },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json();
    const moved: GeoJSON.Polygon = { type: 'Polygon', coordinates: [lonLatRing(blockB)] };
    const saved = await t.app.inject({
      method: 'PUT',
      url: `/api/proposals/${id}`,
      headers: { cookie: cookies.planner1 },
      payload: { baseVersion: 1, name: '测试拟设区', geometry: moved, proposal },
    });
    expect(saved.statusCode, saved.body).toBe(200);

    for (const format of FORMATS) {
      const latest = await get(`/api/proposals/${id}/corner-list?format=${format}`, cookies.inspector1);
      expect(latest.statusCode, latest.body.slice(0, 300)).toBe(200);
      expectSameCorners(parsed(latest.rawPayload, format), [[blockB]]);
    }
    const first = await get(`/api/proposals/${id}/corner-list?format=registration&version=1`, cookies.planner1);
    expectSameCorners(parsed(first.rawPayload, 'registration'), [[blockA]]);
    expect(first.headers['content-disposition']).toContain(encodeURIComponent(`方案-${id}-v1-测试拟设区-拐点坐标-登记报盘格式.txt`));
    expect((await get(`/api/proposals/${id}/corner-list?format=registration`)).statusCode).toBe(401);
    expect((await get(`/api/proposals/${id}/corner-list?format=registration&version=9`, cookies.admin)).statusCode).toBe(404);
    expect((await get(`/api/proposals/99999/corner-list?format=registration`, cookies.admin)).statusCode).toBe(404);
  });
});

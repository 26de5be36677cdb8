import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gkToLonLat, lonLatToGk, type GkZone } from '@mpm/geo';
import { REPO_ROOT } from '../src/config.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';

const ZONE_36: GkZone = { widthDeg: 3, zone: 36, prefixed: true };
const clay = { mineral: 'brickClay', capacity10ktPerYear: 13, rightKind: 'new' };

/**
 * DOMAIN's sample block (400 m east–west × 300 m north–south, corners listed clockwise from
 * the north-west as on a licence) moved into the demo county: centred on the westernmost corner
 * of the 四郎河 red line, so that it straddles it. Gauss–Krüger zone 36, to 2 decimals.
 */
function sampleCorners() {
  const redline = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data', 'demo', 'eco_redline.geojson'), 'utf8')) as GeoJSON.FeatureCollection;
  const ring = (redline.features.find((f) => f.properties?.name === '四郎河源头生态保护红线（示范）')!.geometry as GeoJSON.Polygon).coordinates[0];
  const west = ring.reduce((a, p) => (p[0] < a[0] ? p : a));
  const centre = lonLatToGk([west[0], west[1]], ZONE_36);
  const [n, e] = [Math.round(centre.northingM), Math.round(centre.eastingM)];
  return [
    [n + 150, e - 200],
    [n + 150, e + 200],
    [n - 150, e + 200],
    [n - 150, e - 200],
  ].map(([x, y]) => ({ x: x.toFixed(2), y: y.toFixed(2) }));
}

const corners = sampleCorners();
const noPrefix = (y: string) => (Number(y) - 36_000_000).toFixed(2);

/** The three formats of ECOSYSTEM §2.3, with the sample's corners. */
const FORMATS = {
  plainTable: [
    '矿区范围拐点坐标（2000国家大地坐标系，3°带，中央经线108°，带号36）',
    '点号        X(m)            Y(m)',
    ...corners.map((c, i) => ` ${i + 1}      ${c.x}      ${c.y}`),
    '开采深度：由 +420 m 至 +180 m 标高      矿区面积：0.1200 km²',
  ].join('\n'),
  registration: [
    '矿区范围拐点坐标总数应小于1000个',
    '矿区范围拐点坐标与标高的总行数=5',
    ...corners.map((c, i) => `XY00${i + 1}=${i + 1},${c.x},${c.y}`),
    'XY005=标高,420,180,,1',
  ].join('\n'),
  exchange: [
    '[属性描述]',
    '格式版本号=1.01',
    '数据产生单位=正宁县自然资源局（示范）',
    '数据产生日期=2025-6-15',
    '坐标系=2000国家大地坐标系',
    '几度分带=3',
    '投影类型=高斯克吕格',
    '计量单位=米',
    '带号=36',
    '精度=0.01',
    '转换参数=,,,,,,',
    '[地块坐标]',
    '5,12.0000,1,拟设采矿区块一,面,,采矿用地,,@',
    ...[...corners, corners[0]].map((c, i) => `J${(i % 4) + 1},1,${c.x},${c.y}`),
  ].join('\n'),
};

describe.each(TEST_DATABASES)('POST /api/check with a corner list on %s', (kind) => {
  let t: TestApp;
  let cookie: string;
  const check = (body: object, language = 'zh-CN') =>
    t.app.inject({ method: 'POST', url: '/api/check', payload: body, headers: { cookie, 'accept-language': language } });
  const verdict = (findings: { ruleId: string; featureId?: number }[]) => findings.map((f) => `${f.ruleId}:${f.featureId ?? ''}`);

  beforeAll(async () => {
    t = await createTestApp(kind);
    cookie = await t.login();
  });
  afterAll(() => t?.close());

  it.each(Object.entries(FORMATS))('reads the %s format and gives the verdict of the same block as GeoJSON', async (format, text) => {
    const response = await check({ cornerList: { text }, proposal: clay });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.cornerList).toEqual({ format, epsg: 4524 });
    expect(body.areaKm2).toBe(0.12);
    expect(body.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('ecoRedline');

    const ring = [...corners, corners[0]].map((c) => gkToLonLat({ northingM: Number(c.x), eastingM: Number(c.y) }, ZONE_36));
    const same = await check({ geometry: { type: 'Polygon', coordinates: [ring] }, proposal: clay });
    expect(same.statusCode, same.body).toBe(200);
    expect(verdict(body.findings)).toEqual(verdict(same.json().findings));
    expect(body.areaM2).toBeCloseTo(same.json().areaM2, 1);
  });

  it('takes the zone from the request when the eastings carry no prefix', async () => {
    const text = corners.map((c, i) => `${i + 1},${c.x},${noPrefix(c.y)}`).join('\n');
    const response = await check({ cornerList: { text, zone: 36 }, proposal: clay });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().areaKm2).toBe(0.12);
  });

  it('answers the parser’s own placed messages, in Chinese and English', async () => {
    const text = corners.map((c, i) => `${i + 1},${c.x},${noPrefix(c.y)}`).join('\n');
    const zh = await check({ cornerList: { text }, proposal: clay });
    expect(zh.statusCode).toBe(400);
    expect(zh.json()).toMatchObject({ code: 'invalidCornerList' });
    expect(zh.json().message).toContain('第 1 行：Y 坐标缺少带号');
    const en = await check({ cornerList: { text }, proposal: clay }, 'en');
    expect(en.json().message).toContain('line 1: Y has no zone prefix');

    const crossing = [corners[0], corners[2], corners[1], corners[3]].map((c, i) => `${i + 1},${c.x},${c.y}`).join('\n');
    const crossed = await check({ cornerList: { text: crossing }, proposal: clay }, 'en');
    expect(crossed.statusCode).toBe(400);
    expect(crossed.json().message).toMatch(/segment 1–2 intersects segment 3–4/);
  });
});

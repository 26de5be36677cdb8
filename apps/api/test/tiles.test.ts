import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { tileUrlAt } from './helpers/tiles.ts';

/** A zone of the demo county (the demo data may add a suffix such as （示范）). */
const ZONE_NAME = '正宁县榆林子镇党家村砂石土集中开采区';

interface Feature {
  id: number;
  geometry: GeoJSON.Geometry;
  properties: Record<string, unknown>;
}

describe.each(TEST_DATABASES)('vector tiles on %s', (kind) => {
  let t: TestApp;
  let cookie: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    cookie = await t.login();
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
  const features = async (collection: string, headers: Record<string, string> = {}): Promise<Feature[]> =>
    (await get(`/ogc/collections/${collection}/items?limit=1000`, headers)).json().features;
  /** The tile at zoom `z` under the feature's first position. */
  const tileUrl = (collection: string, feature: Feature, z: number) => tileUrlAt(collection, feature.geometry, z);
  const decode = (body: Buffer) => new VectorTile(new PbfReader(body));

  it('describes a layer as TileJSON 3.0.0 with absolute tile URLs', async () => {
    const response = await get('/tiles/concentrated_zones.json', { host: 'maps.example.cn:8080' });
    expect(response.statusCode).toBe(200);
    const tilejson = response.json();
    expect(tilejson).toMatchObject({
      tilejson: '3.0.0',
      tiles: [expect.stringMatching(/^http:\/\/maps\.example\.cn:8080\/tiles\/concentrated_zones\/\{z\}\/\{x\}\/\{y\}\.mvt\?v=\d+$/)],
      minzoom: 0,
      maxzoom: 16,
      vector_layers: [{ id: 'concentrated_zones', minzoom: 0, maxzoom: 16 }],
    });
    expect(Object.keys(tilejson.vector_layers[0].fields)).toEqual(expect.arrayContaining(['name', 'mainMineral']));
    const [minX, minY, maxX, maxY] = tilejson.bounds as number[];
    expect(minX).toBeLessThan(maxX);
    expect(minY).toBeLessThan(maxY);
    const [lon, lat, zoom] = tilejson.center as number[];
    expect(lon).toBeGreaterThanOrEqual(minX);
    expect(lon).toBeLessThanOrEqual(maxX);
    expect(lat).toBeGreaterThanOrEqual(minY);
    expect(lat).toBeLessThanOrEqual(maxY);
    expect(zoom).toBeGreaterThanOrEqual(0);
    expect(zoom).toBeLessThanOrEqual(16);

    const rights = (await get('/tiles/mining_rights.json')).json();
    expect(rights.vector_layers[0].fields).not.toHaveProperty('holderContact');
    const staffRights = (await get('/tiles/mining_rights.json', { cookie })).json();
    expect(staffRights.vector_layers[0].fields).toHaveProperty('holderContact');
  });

  it('serves a tile over the county that decodes to the layer, its ids and properties', async () => {
    const zones = await features('concentrated_zones');
    const zone = zones.find((f) => String(f.properties.name).startsWith(ZONE_NAME))!;
    expect(zone).toBeDefined();
    // From z8 on: at lower zooms the zone is smaller than a tile unit and left out, by either encoder.
    for (const z of [8, 12, 16, 20]) {
      const response = await get(tileUrl('concentrated_zones', zone, z));
      expect(response.statusCode, `z${z}`).toBe(200);
      expect(response.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
      expect(response.headers['cache-control']).toBe('public, max-age=60');
      const layer = decode(response.rawPayload).layers.concentrated_zones;
      expect(Object.keys(decode(response.rawPayload).layers)).toEqual(['concentrated_zones']);
      expect(layer.length).toBeGreaterThan(0);
      expect(layer.extent).toBe(4096);
      const decoded = Array.from({ length: layer.length }, (_, i) => layer.feature(i));
      const match = decoded.find((f) => f.id === zone.id);
      expect(match, `z${z}: zone ${zone.id} in tile`).toBeDefined();
      expect(match!.properties).toMatchObject({ name: zone.properties.name, mainMineral: zone.properties.mainMineral });
      expect(match!.type).toBe(3);
    }
  });

  it('keeps staff-only fields out of public tiles', async () => {
    const right = (await features('mining_rights'))[0];
    const url = tileUrl('mining_rights', right, 14);
    const anonymous = decode((await get(url)).rawPayload).layers.mining_rights;
    const staffResponse = await get(url, { cookie });
    expect(staffResponse.headers['cache-control']).toBe('private, no-store');
    const staff = decode(staffResponse.rawPayload).layers.mining_rights;
    const find = (layer: typeof anonymous) =>
      Array.from({ length: layer.length }, (_, i) => layer.feature(i)).find((f) => f.id === right.id)!;
    expect(find(anonymous).properties).not.toHaveProperty('holderContact');
    expect(find(anonymous).properties).toHaveProperty('holder');
    expect(find(staff).properties).toHaveProperty('holderContact');
  });

  it('answers 204 for a tile where the layer has nothing', async () => {
    const response = await get('/tiles/concentrated_zones/10/300/400.mvt');
    expect(response.statusCode).toBe(204);
    expect(response.rawPayload).toHaveLength(0);
  });

  it.each([
    ['/tiles/county/23/0/0.mvt', 'z'],
    ['/tiles/county/-1/0/0.mvt', 'z'],
    ['/tiles/county/1.5/0/0.mvt', 'z'],
    ['/tiles/county/a/0/0.mvt', 'z'],
    ['/tiles/county/2/4/0.mvt', 'x'],
    ['/tiles/county/2/0/4.mvt', 'y'],
    ['/tiles/county/2/0/1.5.mvt', 'y'],
    ['/tiles/county/2/0/-1.mvt', 'y'],
    ['/tiles/county/0/0/.mvt', 'y'],
  ])('refuses %s naming %s', async (url, name) => {
    const chinese = await get(url);
    expect(chinese.statusCode).toBe(400);
    expect(chinese.json().code).toBe('invalidTile');
    expect(chinese.json().message).toContain(`瓦片坐标 ${name} 无效`);
    const english = await get(url, { 'accept-language': 'en' });
    expect(english.json().message).toContain(`Tile coordinate ${name} is invalid: must be an integer`);
  });

  it('hides a non-public layer from anonymous callers and serves it to staff', async () => {
    const redline = (await features('eco_redline', { cookie }))[0];
    const url = tileUrl('eco_redline', redline, 12);
    for (const path of ['/tiles/eco_redline.json', url]) {
      const anonymous = await get(path);
      expect(anonymous.statusCode, path).toBe(404);
      expect(anonymous.json().code).toBe('unknownCollection');
      expect((await get(path.replace('eco_redline', 'no_such_layer'))).json().code).toBe('unknownCollection');
    }
    expect((await get('/tiles/eco_redline.json', { cookie })).statusCode).toBe(200);
    const staff = await get(url, { cookie });
    expect(staff.statusCode).toBe(200);
    expect(staff.headers['cache-control']).toBe('private, no-store');
    expect(decode(staff.rawPayload).layers.eco_redline.length).toBeGreaterThan(0);
  });
});

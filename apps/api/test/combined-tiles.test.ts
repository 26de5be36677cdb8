import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOlderTile, combinedTileKey } from '../src/plugins/app/tiles/tile-key.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { combinedTileUrlAt, tileFeatures, tileLayerNames } from './helpers/tiles.ts';

interface Feature {
  id: number;
  geometry: GeoJSON.Geometry;
  properties: Record<string, unknown>;
}

describe('combined tile keys', () => {
  it('name each layer revision, so a new revision of one layer makes exactly the combined tiles holding it older', () => {
    const key = combinedTileKey([
      { layer: 'townships', revision: '3', key: 'townships|3|1node|name|8/1/2' },
      { layer: 'mining_rights', revision: '12', key: 'mining_rights|12|1node|holder|8/1/2' },
    ]);
    expect(isOlderTile(key, 'mining_rights', '13')).toBe(true);
    expect(isOlderTile(key, 'mining_rights', '12')).toBe(false);
    expect(isOlderTile(key, 'townships', '4')).toBe(true);
    expect(isOlderTile(key, 'eco_redline', '99')).toBe(false);
    expect(isOlderTile('townships|3|1node|name|8/1/2', 'townships', '4')).toBe(true);
  });
});

describe.each(TEST_DATABASES)('the tile of every layer on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
  const features = async (collection: string): Promise<Feature[]> =>
    (await get(`/ogc/collections/${collection}/items?limit=1000`, { cookie: admin })).json().features;
  const etagOf = async (url: string, headers: Record<string, string> = {}) => (await get(url, headers)).headers.etag as string;
  /** Each layer's features (id → properties) in an encoded tile. */
  const byLayer = (body: Buffer) =>
    Object.fromEntries(
      tileLayerNames(body).map((name) => [name, new Map(tileFeatures(body, name).map((f) => [f.id, f.properties]))]),
    );

  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await t.login();
  });
  afterAll(async () => {
    await t?.close();
  });

  it("holds each layer the caller may see with the same features as the layer's own tile", async () => {
    const [zone] = await features('concentrated_zones');
    for (const [who, headers] of [
      ['public', {}],
      ['staff', { cookie: admin }],
    ] as const) {
      const layers: { id: string }[] = (await get('/api/layers', headers)).json().layers;
      for (const z of [9, 13]) {
        const url = combinedTileUrlAt(zone.geometry, z);
        const response = await get(url, headers);
        expect(response.statusCode, `${who} z${z}`).toBe(200);
        expect(response.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
        const combined = byLayer(response.rawPayload);
        expect(combined.concentrated_zones?.size, `${who} z${z}`).toBeGreaterThan(0);
        for (const { id } of layers) {
          const own = await get(url.replace('/tiles/', `/tiles/${id}/`), headers);
          const expected = own.statusCode === 204 ? undefined : byLayer(own.rawPayload)[id];
          expect(combined[id], `${who} z${z} ${id}`).toEqual(expected);
        }
        expect(Object.keys(combined).every((id) => layers.some((layer) => layer.id === id))).toBe(true);
      }
    }
  });

  it('keeps staff-only layers and fields from the public, and lets shared caches keep only what everyone gets', async () => {
    const [redline] = await features('eco_redline');
    const [right] = await features('mining_rights');
    const redlineUrl = combinedTileUrlAt(redline.geometry, 12);
    const anonymous = await get(redlineUrl);
    expect(anonymous.headers['cache-control']).toBe('public, max-age=60');
    expect(anonymous.headers.vary).toContain('Cookie');
    expect(tileLayerNames(anonymous.rawPayload)).not.toContain('eco_redline');
    const staff = await get(redlineUrl, { cookie: admin });
    expect(staff.headers['cache-control']).toBe('private, no-store');
    expect(tileLayerNames(staff.rawPayload)).toContain('eco_redline');
    expect(staff.headers.etag).not.toBe(anonymous.headers.etag);

    const rightUrl = combinedTileUrlAt(right.geometry, 14);
    const publicRight = tileFeatures((await get(rightUrl)).rawPayload, 'mining_rights').find((f) => f.id === right.id);
    expect(publicRight?.properties).toHaveProperty('holder');
    expect(publicRight?.properties).not.toHaveProperty('holderContact');
    const staffRight = tileFeatures((await get(rightUrl, { cookie: admin })).rawPayload, 'mining_rights').find((f) => f.id === right.id);
    expect(staffRight?.properties).toHaveProperty('holderContact');
  });

  it('tags the tile, answers If-None-Match with 304, compresses as accepted and answers 204 where nothing lands', async () => {
    const [zone] = await features('concentrated_zones');
    const url = combinedTileUrlAt(zone.geometry, 12);
    const plain = await get(url);
    const etag = plain.headers.etag as string;
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    expect(plain.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'cross-origin-resource-policy': 'same-origin' });
    const again = await get(url, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload).toHaveLength(0);
    const gzipped = await get(`${url}?v=abc`, { 'accept-encoding': 'gzip' });
    expect(gzipped.headers).toMatchObject({ 'content-encoding': 'gzip', etag });
    expect(zlib.gunzipSync(gzipped.rawPayload).equals(plain.rawPayload)).toBe(true);
    const brotli = await get(url, { 'accept-encoding': 'br' });
    expect(zlib.brotliDecompressSync(brotli.rawPayload).equals(plain.rawPayload)).toBe(true);
    expect((await get('/tiles/10/300/400.mvt')).statusCode).toBe(204);
    expect((await get('/tiles/2/4/0.mvt')).json().code).toBe('invalidTile');
  });

  it('changes on a write to a layer it holds, and only then; /api/layers names the tiles with the data revision', async () => {
    const parcel = (await features('restoration_parcels')).find((f) => f.properties.code === 'ZL2022-04')!;
    const url = combinedTileUrlAt(parcel.geometry, 14);
    const template = async (headers: Record<string, string> = {}) => (await get('/api/layers', headers)).json().tiles.url as string;
    const before = { public: await etagOf(url), staff: await etagOf(url, { cookie: admin }), template: await template() };
    expect(before.template).toMatch(/^http:\/\/[^/]+\/tiles\/\{z\}\/\{x\}\/\{y\}\.mvt\?v=[\w-]+$/);
    expect(tileFeatures((await get(url)).rawPayload, 'restoration_parcels').find((f) => f.id === parcel.id)?.properties.restorationStatus).toBe(
      'planned',
    );

    // A layer the public does not see: the staff's tiles change, the public's stay as they are.
    const hide = await t.app.inject({ method: 'PUT', url: '/api/layers/eco_redline', headers: { cookie: admin }, payload: { hiddenFields: ['name'] } });
    expect(hide.statusCode, hide.body).toBe(200);
    expect(await etagOf(url)).toBe(before.public);
    expect(await template()).toBe(before.template);
    expect(await etagOf(url, { cookie: admin })).not.toBe(before.staff);

    const progress = await t.app.inject({
      method: 'POST',
      url: `/api/restoration/parcels/${parcel.id}/progress`,
      headers: { cookie: admin },
      payload: { recordedOn: '2024-03-01', status: 'underWay', doneMu: 1 },
    });
    expect(progress.statusCode, progress.body).toBe(201);
    expect(await etagOf(url)).not.toBe(before.public);
    expect(await template()).not.toBe(before.template);
    const after = await get(url, { 'accept-encoding': 'gzip' });
    const status = tileFeatures(zlib.gunzipSync(after.rawPayload), 'restoration_parcels').find((f) => f.id === parcel.id)?.properties.restorationStatus;
    expect(status).toBe('underWay');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { COLLECTION_IDS, LAYERS, getLayer, type CollectionId } from '@mpm/domain';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { firstPosition, tileAt } from './helpers/tiles.ts';

interface Feature {
  id: number;
  geometry: GeoJSON.Geometry;
  properties: Record<string, unknown>;
}

const NOT_PUBLIC = LAYERS.filter((layer) => !layer.publicByDefault).map((layer) => layer.id);
const PUBLIC = LAYERS.filter((layer) => layer.publicByDefault).map((layer) => layer.id);
const staffOnly = (id: CollectionId) => getLayer(id).fields.filter((f) => f.staffOnly).map((f) => f.key as string);

/** The XYZ tile URL holding a lon/lat at zoom `z`. */
function tileUrl(collection: string, position: [number, number], z: number): string {
  const { x, y } = tileAt(position, z);
  return `/tiles/${collection}/${z}/${x}/${y}.mvt`;
}

describe.each(TEST_DATABASES)('what anonymous callers may see on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  let planner: string;
  const get = (url: string, cookie?: string) => t.app.inject({ url, headers: cookie ? { cookie } : {} });
  const put = (id: string, payload: object, cookie?: string) =>
    t.app.inject({ method: 'PUT', url: `/api/layers/${id}`, payload, headers: { 'accept-language': 'en', ...(cookie ? { cookie } : {}) } });
  const items = async (id: string, cookie?: string): Promise<Feature[]> =>
    (await get(`/ogc/collections/${id}/items?limit=1000`, cookie)).json().features;
  /** Property keys of every feature of the tile at zoom 12 under the first feature (anonymous unless `cookie`). */
  const tileKeys = async (id: string, feature: Feature, cookie?: string): Promise<Set<string>> => {
    const response = await get(tileUrl(id, firstPosition(feature.geometry), 12), cookie);
    expect(response.statusCode, id).toBe(200);
    const layer = new VectorTile(new PbfReader(response.rawPayload)).layers[id];
    const keys = new Set<string>();
    for (let i = 0; i < layer.length; i++) for (const key of Object.keys(layer.feature(i).properties)) keys.add(key);
    return keys;
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await t.login();
    const user = { username: 'planner1', displayName: '规划员', role: 'planner', password: 'planner-one-secret' };
    expect((await t.app.inject({ method: 'POST', url: '/api/users', payload: user, headers: { cookie: admin } })).statusCode).toBe(201);
    planner = await t.login(user.username, user.password);
  });
  afterAll(() => t?.close());

  it('keeps layers that are not public by default (red line, farmland, change patches…) from every anonymous door', async () => {
    expect(NOT_PUBLIC).toEqual(expect.arrayContaining(['eco_redline', 'farmland', 'change_patches']));
    const listed = (await get('/api/layers')).json().layers.map((l: { id: string }) => l.id);
    const collections = (await get('/ogc/collections')).json().collections.map((c: { id: string }) => c.id);
    expect(new Set(listed)).toEqual(new Set(PUBLIC));
    expect(new Set(collections)).toEqual(new Set(PUBLIC));
    for (const id of NOT_PUBLIC) {
      const feature = (await items(id, planner))[0];
      expect(feature, id).toBeDefined();
      for (const url of [
        `/ogc/collections/${id}`,
        `/ogc/collections/${id}/items`,
        `/ogc/collections/${id}/items/${feature.id}`,
        `/tiles/${id}.json`,
        tileUrl(id, firstPosition(feature.geometry), 12),
      ]) {
        const response = await get(url);
        expect(response.statusCode, url).toBe(404);
        expect(response.body, url).not.toContain(String(feature.properties.name ?? feature.properties.code));
        expect((await get(url, planner)).statusCode, `${url} for staff`).toBe(200);
      }
    }
  });

  it('never gives anonymous callers a staff-only field, in items, features, TileJSON or tiles', async () => {
    for (const id of PUBLIC) {
      const hidden = staffOnly(id);
      const features = await items(id);
      expect(features.length, id).toBeGreaterThan(0);
      for (const f of features) for (const key of hidden) expect(f.properties, `${id} ${key}`).not.toHaveProperty(key);
      const one = (await get(`/ogc/collections/${id}/items/${features[0].id}`)).json();
      for (const key of hidden) expect(one.properties).not.toHaveProperty(key);
      const fields = Object.keys((await get(`/tiles/${id}.json`)).json().vector_layers[0].fields);
      for (const key of hidden) expect(fields).not.toContain(key);
      const keys = await tileKeys(id, features[0]);
      for (const key of hidden) expect(keys.has(key), `${id} tile ${key}`).toBe(false);
    }
    const summary = (await get('/api/layers')).json().layers.find((l: { id: string }) => l.id === 'mining_rights');
    expect(summary.publicFields).toContain('holder');
    expect(summary.publicFields).not.toContain('holderContact');
    expect(summary).not.toHaveProperty('hiddenFields');
  });

  it('lets only admins hide fields, and refuses fields the layer does not have', async () => {
    expect((await put('mining_rights', { hiddenFields: ['holder'] })).statusCode).toBe(401);
    expect((await put('mining_rights', { hiddenFields: ['holder'] }, planner)).statusCode).toBe(403);
    const unknown = await put('mining_rights', { hiddenFields: ['holder', 'ownerPhone'] }, admin);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'unknownField' });
    expect(unknown.json().message).toContain('ownerPhone');
    expect((await put('mining_rights', {}, admin)).statusCode).toBe(400);
    expect((await put('no_such_layer', { hiddenFields: [] }, admin)).statusCode).toBe(404);
    expect((await get('/api/layers')).json().layers.find((l: { id: string }) => l.id === 'mining_rights').publicFields).toContain('holder');
  });

  it('keeps a field the county hides (the holder of mining rights) from anonymous callers everywhere, not from staff', async () => {
    const response = await put('mining_rights', { hiddenFields: ['holder'] }, admin);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ id: 'mining_rights', isPublic: true, hiddenFields: ['holder'] });
    expect(response.json().publicFields).not.toContain('holder');
    const [entry] = await t.db.knex('audit_log').where({ entity: 'layer_settings', entity_id: 'mining_rights' }).orderBy('id', 'desc').limit(1);
    expect(entry.detail).toMatchObject({ hiddenFields: ['holder'], before: { hiddenFields: [] }, after: { hiddenFields: ['holder'] } });

    const holders = new Set((await items('mining_rights', planner)).map((f) => String(f.properties.holder)));
    const features = await items('mining_rights');
    for (const f of features) expect(f.properties).not.toHaveProperty('holder');
    expect(features[0].properties).toHaveProperty('licenceNo');
    const one = await get(`/ogc/collections/mining_rights/items/${features[0].id}`);
    expect(one.json().properties).not.toHaveProperty('holder');
    for (const holder of holders) expect(one.body).not.toContain(holder);
    expect(Object.keys((await get('/tiles/mining_rights.json')).json().vector_layers[0].fields)).not.toContain('holder');
    const tile = await get(tileUrl('mining_rights', firstPosition(features[0].geometry), 12));
    const text = tile.rawPayload.toString('utf8');
    for (const holder of holders) expect(text).not.toContain(holder);
    expect((await tileKeys('mining_rights', features[0])).has('holder')).toBe(false);
    expect((await tileKeys('mining_rights', features[0])).has('licenceNo')).toBe(true);

    const listed = (await get('/api/layers')).json().layers.find((l: { id: string }) => l.id === 'mining_rights');
    expect(listed.publicFields).not.toContain('holder');
    const forStaff = (await get('/api/layers', planner)).json().layers.find((l: { id: string }) => l.id === 'mining_rights');
    expect(forStaff.hiddenFields).toEqual(['holder']);

    expect((await items('mining_rights', planner))[0].properties).toHaveProperty('holder');
    expect((await tileKeys('mining_rights', features[0], planner)).has('holder')).toBe(true);
    const staffTile = await get(tileUrl('mining_rights', firstPosition(features[0].geometry), 12), planner);
    expect(staffTile.headers['cache-control']).toBe('private, no-store');

    expect((await put('mining_rights', { hiddenFields: [] }, admin)).statusCode).toBe(200);
    expect((await items('mining_rights'))[0].properties).toHaveProperty('holder');
  });

  it('withholds restoration progress from the public when the county stops publishing the parcels or their status', async () => {
    const publicUrls = ['/api/restoration/summary', '/api/restoration/parcels', '/api/restoration/parcels?year=2020'];
    for (const url of publicUrls) expect((await get(url)).statusCode, url).toBe(200);

    expect((await put('restoration_parcels', { hiddenFields: ['restorationStatus'] }, admin)).statusCode).toBe(200);
    for (const url of publicUrls) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.json().code).toBe('notPublished');
      expect((await get(url, planner)).statusCode, `${url} for staff`).toBe(200);
    }
    for (const f of await items('restoration_parcels')) expect(f.properties).not.toHaveProperty('restorationStatus');

    expect((await put('restoration_parcels', { hiddenFields: [], isPublic: false }, admin)).statusCode).toBe(200);
    for (const url of [...publicUrls, '/ogc/collections/restoration_parcels/items']) expect((await get(url)).statusCode, url).toBe(404);

    expect((await put('restoration_parcels', { isPublic: true }, admin)).statusCode).toBe(200);
    for (const url of publicUrls) expect((await get(url)).statusCode, url).toBe(200);
  });

  it('publishes a layer the county opens, keeping its own field settings', async () => {
    expect((await put('eco_redline', { hiddenFields: ['controlNote'] }, admin)).statusCode).toBe(200);
    expect((await get('/ogc/collections/eco_redline/items')).statusCode).toBe(404);
    const opened = await put('eco_redline', { isPublic: true }, admin);
    expect(opened.json()).toMatchObject({ isPublic: true, hiddenFields: ['controlNote'] });
    const features = await items('eco_redline');
    expect(features.length).toBeGreaterThan(0);
    for (const f of features) expect(f.properties).not.toHaveProperty('controlNote');
    expect((await items('eco_redline', planner))[0].properties).toHaveProperty('controlNote');
    expect(COLLECTION_IDS).toContain('eco_redline');
  });
});

import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ByteLru } from '../src/plugins/app/tiles/tile-cache.ts';
import { preferredCoding } from '../src/plugins/app/tiles/content-coding.ts';
import { matchesEtag } from '../src/plugins/app/tiles/tile-key.ts';
import { LAYER_STATE_MAX_AGE_MS } from '../src/plugins/app/tiles/layer-state.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { tileFeatures, tileUrlAt } from './helpers/tiles.ts';

interface Feature {
  id: number;
  geometry: GeoJSON.Geometry;
  properties: Record<string, unknown>;
}

describe('tile cache parts', () => {
  it('evicts the least recently used entries once past its bytes, and keeps nothing at 0', () => {
    const lru = new ByteLru<string>(100);
    lru.set('a', 'A', 40);
    lru.set('b', 'B', 40);
    expect(lru.get('a')).toBe('A');
    lru.set('c', 'C', 40);
    expect([lru.get('a'), lru.get('b'), lru.get('c')]).toEqual(['A', undefined, 'C']);
    expect(lru.bytes).toBe(80);
    lru.set('big', 'X', 101);
    expect([lru.get('big'), lru.size]).toEqual([undefined, 2]);
    lru.deleteWhere((key) => key === 'a');
    expect([lru.size, lru.bytes]).toEqual([1, 40]);
    const none = new ByteLru<string>(0);
    none.set('a', 'A', 1);
    expect(none.size).toBe(0);
  });

  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip', 'gzip'],
    ['gzip, deflate, br, zstd', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['x-gzip', 'gzip'],
    ['*', 'br'],
    ['*;q=0.2, br;q=0', 'gzip'],
    ['gzip;q=0, identity', 'identity'],
    ['deflate', 'identity'],
  ])('answers Accept-Encoding %j with %s', (header, coding) => {
    expect(preferredCoding(header)).toBe(coding);
  });

  it('compares entity tags weakly, in a list or as *', () => {
    expect(matchesEtag('W/"abc"', 'W/"abc"')).toBe(true);
    expect(matchesEtag('"abc"', 'W/"abc"')).toBe(true);
    expect(matchesEtag('"x", W/"abc"', 'W/"abc"')).toBe(true);
    expect(matchesEtag('*', 'W/"abc"')).toBe(true);
    expect(matchesEtag('W/"abd"', 'W/"abc"')).toBe(false);
    expect(matchesEtag(undefined, 'W/"abc"')).toBe(false);
  });
});

describe.each(TEST_DATABASES)('cached vector tiles on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
  const features = async (collection: string): Promise<Feature[]> =>
    (await get(`/ogc/collections/${collection}/items?limit=1000`, { cookie: admin })).json().features;
  const etagOf = async (url: string, headers: Record<string, string> = {}) => (await get(url, headers)).headers.etag as string;
  /** The properties of feature `id` in the tile at `url`. */
  const propertiesIn = async (url: string, layer: string, id: number, headers: Record<string, string> = {}) =>
    tileFeatures((await get(url, headers)).rawPayload, layer).find((f) => f.id === id)?.properties;

  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await t.login();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('tags each tile and answers a matching If-None-Match with 304 and no body', async () => {
    const [zone] = await features('concentrated_zones');
    const url = tileUrlAt('concentrated_zones', zone.geometry, 12);
    const first = await get(url);
    expect(first.statusCode).toBe(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    // Of helmet's headers, those that apply to a tile (the rest are for documents).
    expect(first.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'cross-origin-resource-policy': 'same-origin' });
    expect(first.headers['content-security-policy']).toBeUndefined();
    expect(await etagOf(url)).toBe(etag);
    for (const ifNoneMatch of [etag, `"other", ${etag}`, etag.slice(2), '*']) {
      const again = await get(url, { 'if-none-match': ifNoneMatch });
      expect(again.statusCode, ifNoneMatch).toBe(304);
      expect(again.rawPayload).toHaveLength(0);
      expect(again.headers).toMatchObject({ etag, 'cache-control': 'public, max-age=60' });
    }
    expect((await get(url, { 'if-none-match': 'W/"other"' })).statusCode).toBe(200);
    const empty = await get('/tiles/concentrated_zones/10/300/400.mvt');
    expect(empty.statusCode).toBe(204);
    expect((await get('/tiles/concentrated_zones/10/300/400.mvt', { 'if-none-match': empty.headers.etag as string })).statusCode).toBe(304);
  });

  it('sends gzip or brotli as the client accepts, decoding to the very same tile', async () => {
    const [right] = await features('mining_rights');
    const url = tileUrlAt('mining_rights', right.geometry, 13);
    const plain = await get(url);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toContain('Accept-Encoding');
    const gzipped = await get(url, { 'accept-encoding': 'gzip' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
    expect(gzipped.headers.etag).toBe(plain.headers.etag);
    expect(zlib.gunzipSync(gzipped.rawPayload).equals(plain.rawPayload)).toBe(true);
    const brotli = await get(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(brotli.rawPayload).equals(plain.rawPayload)).toBe(true);
    expect(brotli.rawPayload.length).toBeLessThan(plain.rawPayload.length);
  });

  it('never gives one audience the cached tile of another', async () => {
    const [right] = await features('mining_rights');
    for (const [z, order] of [
      [12, ['public', 'staff', 'public']],
      [14, ['staff', 'public', 'staff']],
    ] as const) {
      const url = tileUrlAt('mining_rights', right.geometry, z);
      const etags = new Map<string, string>();
      for (const who of order) {
        const headers: Record<string, string> = who === 'staff' ? { cookie: admin, 'accept-encoding': 'gzip' } : { 'accept-encoding': 'gzip' };
        const response = await get(url, headers);
        const properties = tileFeatures(zlib.gunzipSync(response.rawPayload), 'mining_rights').find((f) => f.id === right.id)?.properties;
        if (who === 'staff') expect(properties, `z${z} staff`).toHaveProperty('holderContact');
        else expect(properties, `z${z} public`).not.toHaveProperty('holderContact');
        expect(etags.get(who) ?? response.headers.etag).toBe(response.headers.etag);
        etags.set(who, response.headers.etag as string);
      }
      expect(etags.get('staff')).not.toBe(etags.get('public'));
    }
  });

  it("changes a layer's tiles, ETag and content, on a write to it, and no other layer's", async () => {
    const parcel = (await features('restoration_parcels')).find((f) => f.properties.code === 'ZL2022-04')!;
    expect(parcel.properties.restorationStatus).toBe('planned');
    const parcelUrl = tileUrlAt('restoration_parcels', parcel.geometry, 14);
    const others = [
      tileUrlAt('concentrated_zones', (await features('concentrated_zones'))[0].geometry, 12),
      tileUrlAt('townships', parcel.geometry, 12),
      tileUrlAt('mining_rights', (await features('mining_rights'))[0].geometry, 12),
    ];
    // Clients keep public tiles for a minute: the TileJSON's tile URL names the data revision, so a
    // map that asks for the TileJSON again after a write fetches tiles anew rather than from its cache.
    const template = async (id: string) => (await t.app.inject({ method: 'GET', url: `/tiles/${id}.json` })).json().tiles[0] as string;
    const templates = async () => Promise.all(['restoration_parcels', 'townships'].map(template));
    const [parcelTemplate, townshipTemplate] = await templates();
    expect(parcelTemplate).toMatch(/\/tiles\/restoration_parcels\/\{z\}\/\{x\}\/\{y\}\.mvt\?v=\d+$/);
    const before = { parcel: await etagOf(parcelUrl), others: await Promise.all(others.map((url) => etagOf(url))) };
    expect((await propertiesIn(parcelUrl, 'restoration_parcels', parcel.id))?.restorationStatus).toBe('planned');

    const progress = await t.app.inject({
      method: 'POST',
      url: `/api/restoration/parcels/${parcel.id}/progress`,
      headers: { cookie: admin },
      payload: { recordedOn: '2024-03-01', status: 'underWay', doneMu: 1 },
    });
    expect(progress.statusCode, progress.body).toBe(201);
    expect(await etagOf(parcelUrl)).not.toBe(before.parcel);
    expect((await propertiesIn(parcelUrl, 'restoration_parcels', parcel.id))?.restorationStatus).toBe('underWay');
    expect(await Promise.all(others.map((url) => etagOf(url)))).toEqual(before.others);
    const [parcelTemplateAfter, townshipTemplateAfter] = await templates();
    expect(parcelTemplateAfter).not.toBe(parcelTemplate);
    expect(townshipTemplateAfter).toBe(townshipTemplate);

    // A change of what the public may see is a write too: hiding a field.
    const [right] = await features('mining_rights');
    const rightUrl = tileUrlAt('mining_rights', right.geometry, 13);
    const publicBefore = await etagOf(rightUrl);
    expect(await propertiesIn(rightUrl, 'mining_rights', right.id)).toHaveProperty('holder');
    const hide = await t.app.inject({ method: 'PUT', url: '/api/layers/mining_rights', headers: { cookie: admin }, payload: { hiddenFields: ['holder'] } });
    expect(hide.statusCode, hide.body).toBe(200);
    expect(await etagOf(rightUrl)).not.toBe(publicBefore);
    expect(await propertiesIn(rightUrl, 'mining_rights', right.id)).not.toHaveProperty('holder');
    expect(await propertiesIn(rightUrl, 'mining_rights', right.id, { cookie: admin })).toHaveProperty('holder');
    expect(await Promise.all(others.slice(0, 2).map((url) => etagOf(url)))).toEqual(before.others.slice(0, 2));
  });

  it("answers a layer's cached tile from the state in hand after writes to other layers or to none, and a written layer's only once read again", async () => {
    const [zone] = await features('concentrated_zones');
    const zoneUrl = tileUrlAt('concentrated_zones', zone.geometry, 12);
    const parcel = (await features('restoration_parcels')).find((f) => f.properties.restorationStatus === 'planned' && f.properties.code !== 'ZL2022-04')!;
    const parcelUrl = tileUrlAt('restoration_parcels', parcel.geometry, 13);
    const zoneEtag = await etagOf(zoneUrl);
    const parcelEtag = await etagOf(parcelUrl);
    const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: { cookie: admin }, payload });
    const ledger = await post('/api/ledger', { title: '不改图层的写入', source: 'siteCheck', geometry: zone.geometry });
    expect(ledger.statusCode, ledger.body).toBe(201);
    const progress = await post(`/api/restoration/parcels/${parcel.id}/progress`, { recordedOn: '2024-03-01', status: 'underWay', doneMu: 1 });
    expect(progress.statusCode, progress.body).toBe(201);

    // While the revisions cannot be read (a transaction holds their table)…
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = t.db.knex.transaction(async (trx) => {
      await trx.raw('LOCK TABLE layer_data_revisions IN ACCESS EXCLUSIVE MODE');
      locked();
      await released;
    });
    await isLocked;
    const within = <T>(ms: number, answer: Promise<T>) => Promise.race([answer, new Promise<'waiting'>((resolve) => setTimeout(() => resolve('waiting'), ms))]);
    let parcelTile: ReturnType<typeof get> | undefined;
    try {
      // …the other layer's tile is answered, unchanged…
      const zoneTile = await within(2000, get(zoneUrl));
      expect(zoneTile === 'waiting' ? zoneTile : zoneTile.headers.etag).toBe(zoneEtag);
      // …and the written layer's waits for them.
      parcelTile = get(parcelUrl);
      expect(await within(300, parcelTile)).toBe('waiting');
    } finally {
      release();
      await holder;
    }
    expect((await parcelTile).headers.etag).not.toBe(parcelEtag);
  });

  it('sees a write by another process (straight to the database), of data or publication, within a second and one read', async () => {
    const [zone] = await features('concentrated_zones');
    const url = tileUrlAt('concentrated_zones', zone.geometry, 11);
    const before = await etagOf(url);
    await t.db.knex('concentrated_zones').where({ id: zone.id }).update({ name: '另一进程改的名字' });
    await new Promise((resolve) => setTimeout(resolve, LAYER_STATE_MAX_AGE_MS + 100));
    // The state has grown old: this request is answered from it while it is read again.
    expect(await etagOf(url)).toBe(before);
    await expect.poll(() => etagOf(url), { timeout: LAYER_STATE_MAX_AGE_MS }).not.toBe(before);
    expect((await propertiesIn(url, 'concentrated_zones', zone.id))?.name).toBe('另一进程改的名字');

    // Its publication too: the layer withdrawn from the public.
    await t.db.knex('layer_settings').insert({ layer_id: 'concentrated_zones', is_public: false }).onConflict('layer_id').merge();
    await new Promise((resolve) => setTimeout(resolve, LAYER_STATE_MAX_AGE_MS + 100));
    await expect.poll(async () => (await get(url)).statusCode, { timeout: LAYER_STATE_MAX_AGE_MS }).toBe(404);
    expect((await get(url, { cookie: admin })).statusCode).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTION_IDS, term } from '@mpm/domain';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_ADMIN_PASSWORD, TEST_DATABASES } from './helpers/databases.ts';

/** Layers the county keeps from the public by default. */
const STAFF_ONLY_LAYERS = ['eco_redline', 'farmland', 'forest_land', 'grassland', 'wetland', 'water_sources', 'residential_areas', 'change_patches'];
/** A zone of the demo county (the demo data may add a suffix such as （示范）). */
const ZONE_NAME = '正宁县榆林子镇党家村砂石土集中开采区';
const BASIC = `Basic ${Buffer.from(`admin:${TEST_ADMIN_PASSWORD}`).toString('base64')}`;

interface Link {
  href: string;
  rel: string;
  type?: string;
}
interface Feature {
  type: 'Feature';
  id: number;
  geometry: GeoJSON.Geometry;
  properties: Record<string, unknown>;
}
interface FeatureCollection {
  type: 'FeatureCollection';
  numberMatched: number;
  numberReturned: number;
  timeStamp: string;
  features: Feature[];
  links: Link[];
}

const linkTo = (links: Link[], rel: string) => links.find((link) => link.rel === rel);

/** Every position in a GeoJSON coordinates array, however deeply nested. */
const positions = (value: unknown): number[][] =>
  Array.isArray(value) ? (typeof value[0] === 'number' ? [value as number[]] : value.flatMap(positions)) : [];

/** [minLon, minLat, maxLon, maxLat] of a geometry. */
function boundsOf(geometry: GeoJSON.Geometry): [number, number, number, number] {
  const points = positions('coordinates' in geometry ? geometry.coordinates : []);
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}

describe.each(TEST_DATABASES)('OGC API – Features on %s', (kind) => {
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
  const getJson = async <T>(url: string, headers: Record<string, string> = {}): Promise<T> => {
    const response = await get(url, headers);
    expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
    return response.json() as T;
  };
  /** Path and query of an absolute link, for `inject`. */
  const pathOf = (href: string) => {
    const url = new URL(href);
    return `${url.pathname}${url.search}`;
  };
  /** Follows `next` links from `url` to the end; returns every page. */
  async function allPages(url: string, headers: Record<string, string> = {}): Promise<FeatureCollection[]> {
    const pages: FeatureCollection[] = [];
    let next: string | undefined = url;
    while (next) {
      expect(pages.length, 'paging does not end').toBeLessThan(1000);
      const page: FeatureCollection = await getJson<FeatureCollection>(next, headers);
      pages.push(page);
      const link = linkTo(page.links, 'next');
      next = link ? pathOf(link.href) : undefined;
    }
    return pages;
  }

  it('has a landing page linking the API definition, conformance and collections', async () => {
    const landing = await getJson<{ title: string; links: Link[] }>('/ogc');
    const rels = Object.fromEntries(landing.links.map((link) => [link.rel, link]));
    expect(Object.keys(rels)).toEqual(
      expect.arrayContaining(['self', 'service-desc', 'service-doc', 'conformance', 'data']),
    );
    expect(rels['service-desc']).toMatchObject({
      href: 'http://localhost/ogc/api',
      type: 'application/vnd.oai.openapi+json;version=3.0',
    });
    expect(rels['service-doc']).toMatchObject({ href: 'http://localhost/ogc/api.html', type: 'text/html' });
    const doc = await get(pathOf(rels['service-doc'].href));
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toMatch(/^text\/html/);
    expect(doc.body).toContain('GET http://localhost/ogc/collections/{collectionId}/items');
    expect(doc.body).toContain('<code>limit</code>');
    expect(rels.conformance.href).toBe('http://localhost/ogc/conformance');
    expect(rels.data.href).toBe('http://localhost/ogc/collections');
    const elsewhere = await getJson<{ links: Link[] }>('/ogc', { host: 'gis.example.cn:8443' });
    expect(linkTo(elsewhere.links, 'data')!.href).toBe('http://gis.example.cn:8443/ogc/collections');
    const garbage = await get('/ogc', { host: 'not a host' });
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().code).toBe('invalidHost');

    const conformance = await getJson<{ conformsTo: string[] }>('/ogc/conformance');
    expect(conformance.conformsTo).toEqual(
      expect.arrayContaining(
        ['core', 'geojson', 'oas30'].map((c) => `http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/${c}`),
      ),
    );
  });

  it('lists only public collections to anonymous callers and all of them to staff', async () => {
    const anonymous = await getJson<{ collections: { id: string }[] }>('/ogc/collections');
    const ids = anonymous.collections.map((c) => c.id);
    expect(ids).toEqual(COLLECTION_IDS.filter((id) => !STAFF_ONLY_LAYERS.includes(id)));

    for (const headers of [{ cookie }, { authorization: BASIC }] as Record<string, string>[]) {
      const staff = await getJson<{ collections: { id: string }[] }>('/ogc/collections', headers);
      expect(staff.collections.map((c) => c.id)).toEqual([...COLLECTION_IDS]);
    }
    const wrong = await get('/ogc/collections', { authorization: `Basic ${Buffer.from('admin:nope').toString('base64')}` });
    expect(wrong.statusCode).toBe(401);
  });

  it('describes a collection with its Chinese title, extent and items link', async () => {
    const zones = await getJson<{
      id: string;
      title: string;
      description: string;
      extent: { spatial: { bbox: number[][]; crs: string } };
      links: Link[];
    }>('/ogc/collections/concentrated_zones');
    expect(zones).toMatchObject({
      id: 'concentrated_zones',
      title: '砂石土集中开采区',
      description: term('concentrated_zones', 'en'),
    });
    expect(zones.extent.spatial.crs).toBe('http://www.opengis.net/def/crs/OGC/1.3/CRS84');
    const [minX, minY, maxX, maxY] = zones.extent.spatial.bbox[0];
    expect(minX).toBeLessThan(maxX);
    expect(minY).toBeLessThan(maxY);
    expect([minX, maxX].every((x) => x > 73 && x < 136)).toBe(true);
    expect(linkTo(zones.links, 'items')).toMatchObject({
      href: 'http://localhost/ogc/collections/concentrated_zones/items',
      type: 'application/geo+json',
    });
  });

  it('hides a non-public collection from anonymous callers exactly like an unknown one', async () => {
    for (const url of ['/ogc/collections/eco_redline', '/ogc/collections/eco_redline/items', '/ogc/collections/eco_redline/items/1']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.json().code).toBe('unknownCollection');
      expect((await get(url.replace('eco_redline', 'no_such_layer'))).json().code).toBe('unknownCollection');
    }
    const staff = await getJson<FeatureCollection>('/ogc/collections/eco_redline/items', { cookie });
    expect(staff.numberMatched).toBeGreaterThan(0);
  });

  it('pages through items with next links until numberMatched features are seen', async () => {
    const first = await get('/ogc/collections/restoration_parcels/items?limit=3');
    expect(first.headers['content-type']).toMatch(/^application\/geo\+json/);
    const pages = await allPages('/ogc/collections/restoration_parcels/items?limit=3');
    const { numberMatched } = pages[0];
    expect(numberMatched).toBeGreaterThan(3);
    const ids = pages.flatMap((page) => page.features.map((f) => f.id));
    expect(ids).toHaveLength(numberMatched);
    expect(new Set(ids).size).toBe(numberMatched);
    expect(ids.every(Number.isInteger)).toBe(true);
    for (const page of pages) {
      expect(page.numberReturned).toBe(page.features.length);
      expect(page.numberReturned).toBeLessThanOrEqual(3);
      expect(page.numberMatched).toBe(numberMatched);
      expect(Number.isNaN(Date.parse(page.timeStamp))).toBe(false);
    }
    expect(linkTo(pages[0].links, 'prev')).toBeUndefined();
    expect(new URL(linkTo(pages[1].links, 'prev')!.href).searchParams.get('offset')).toBe('0');

    const byDefault = await getJson<FeatureCollection>('/ogc/collections/restoration_parcels/items');
    expect(byDefault.numberReturned).toBe(Math.min(10, numberMatched));
  });

  it('filters by bbox, keeps bbox and limit in next links, and reads GDAL-style numbers', async () => {
    const all = await getJson<FeatureCollection>('/ogc/collections/concentrated_zones/items');
    const zone = all.features.find((f) => String(f.properties.name).startsWith(ZONE_NAME))!;
    expect(zone).toBeDefined();
    const bbox = boundsOf(zone.geometry)
      .map((v) => v.toPrecision(18))
      .join(',');
    const near = await getJson<FeatureCollection>(`/ogc/collections/concentrated_zones/items?bbox=${bbox}`);
    expect(near.features.map((f) => f.id)).toContain(zone.id);
    expect(near.numberMatched).toBeLessThanOrEqual(all.numberMatched);

    const far = await getJson<FeatureCollection>('/ogc/collections/concentrated_zones/items?bbox=0,0,1,1');
    expect(far).toMatchObject({ numberMatched: 0, numberReturned: 0, features: [] });
    expect(linkTo(far.links, 'next')).toBeUndefined();

    const county = await getJson<{ extent: { spatial: { bbox: number[][] } } }>('/ogc/collections/county');
    const everything = county.extent.spatial.bbox[0].join(',');
    const roads = await getJson<FeatureCollection>('/ogc/collections/roads/items?limit=100');
    const paged = await getJson<FeatureCollection>(`/ogc/collections/roads/items?limit=1&bbox=${everything}`);
    expect(paged.numberMatched).toBe(roads.numberMatched);
    const next = new URL(linkTo(paged.links, 'next')!.href);
    expect(next.searchParams.get('bbox')).toBe(everything);
    expect(next.searchParams.get('limit')).toBe('1');
    expect(next.searchParams.get('offset')).toBe('1');
  });

  it('lowers a limit above the maximum to it instead of refusing it (/req/core/fc-limit-response-1)', async () => {
    const all = await getJson<FeatureCollection>('/ogc/collections/restoration_parcels/items?limit=10000');
    for (const limit of ['10001', '99999999999999999999']) {
      const page = await getJson<FeatureCollection>(`/ogc/collections/restoration_parcels/items?limit=${limit}&offset=1`);
      expect(page.numberReturned).toBe(all.numberMatched - 1);
      expect(page.features.map((f) => f.id)).toEqual(all.features.slice(1).map((f) => f.id));
      // The links page by the limit actually used.
      for (const rel of ['self', 'prev']) expect(new URL(linkTo(page.links, rel)!.href).searchParams.get('limit')).toBe('10000');
    }
  });

  it('returns one feature by id, with Chinese values intact', async () => {
    const all = await getJson<FeatureCollection>('/ogc/collections/concentrated_zones/items');
    const zone = all.features.find((f) => String(f.properties.name).startsWith(ZONE_NAME))!;
    expect(zone, `a zone named ${ZONE_NAME}…`).toBeDefined();
    const response = await get(`/ogc/collections/concentrated_zones/items/${zone.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/geo\+json/);
    expect(response.json()).toMatchObject({ type: 'Feature', id: zone.id, properties: zone.properties });

    const missing = await get('/ogc/collections/concentrated_zones/items/99999999');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('featureNotFound');
  });

  it('never shows staff-only fields to anonymous callers', async () => {
    const anonymous = await getJson<FeatureCollection>('/ogc/collections/mining_rights/items?limit=100');
    expect(anonymous.features.length).toBeGreaterThan(0);
    for (const feature of anonymous.features) {
      expect(feature.properties).not.toHaveProperty('holderContact');
      expect(feature.properties).not.toHaveProperty('restorationFund10kYuan');
      expect(feature.properties).toHaveProperty('holder');
    }
    const one = await getJson<Feature>(`/ogc/collections/mining_rights/items/${anonymous.features[0].id}`);
    expect(one.properties).not.toHaveProperty('holderContact');

    const staff = await getJson<FeatureCollection>('/ogc/collections/mining_rights/items?limit=100', {
      authorization: BASIC,
    });
    expect(staff.features.every((f) => 'holderContact' in f.properties)).toBe(true);
    expect(staff.features.some((f) => typeof f.properties.holderContact === 'string')).toBe(true);
  });

  it('filters the licence registers by datetime (instant, interval, open ends) and lets layers without time ignore it', async () => {
    const rights = await t.db.knex('mining_rights').select<{ id: number; from: string; to: string }[]>(
      'id',
      t.db.knex.raw("to_char(valid_from, 'YYYY-MM-DD') AS from"),
      t.db.knex.raw("to_char(valid_to, 'YYYY-MM-DD') AS to"),
    );
    // A day some rights are in force and others not: the day after the earliest expiry.
    const expiry = rights.map((r) => r.to).sort()[0];
    const day = new Date(Date.parse(`${expiry}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const inForce = (start: string, end: string) => rights.filter((r) => r.from <= end && r.to >= start).map((r) => r.id).sort((a, b) => a - b);
    const ids = async (datetime: string) =>
      (await getJson<FeatureCollection>(`/ogc/collections/mining_rights/items?limit=1000&datetime=${encodeURIComponent(datetime)}`)).features.map((f) => Number(f.id)).sort((a, b) => a - b);
    expect(inForce(day, day).length).toBeGreaterThan(0);
    expect(inForce(day, day).length).toBeLessThan(rights.length);
    expect(await ids(day)).toEqual(inForce(day, day));
    // An instant is the day it falls on in China time: 16:30 UTC the day before is 00:30 of `day`.
    const eveBefore = new Date(Date.parse(`${day}T00:30:00+08:00`)).toISOString();
    expect(await ids(eveBefore)).toEqual(inForce(day, day));
    expect(await ids(`${expiry}/${day}`)).toEqual(inForce(expiry, day));
    expect(await ids(`../${expiry}`)).toEqual(inForce('0001-01-01', expiry));
    expect(await ids(`${day}/..`)).toEqual(inForce(day, '9999-12-31'));
    const roads = (await getJson<FeatureCollection>('/ogc/collections/roads/items?limit=1000')).numberMatched;
    expect((await getJson<FeatureCollection>(`/ogc/collections/roads/items?limit=1000&datetime=${day}`)).numberMatched).toBe(roads);
    for (const bad of ['2021-02-30', 'yesterday', '../..', `${day}/${expiry}`, '2024-01-01/2024-02-01/2024-03-01']) {
      const answer = await get(`/ogc/collections/mining_rights/items?datetime=${encodeURIComponent(bad)}`);
      expect(answer.statusCode, bad).toBe(400);
      expect(answer.json().code).toBe('invalidDatetime');
    }
  });

  it('describes exactly the implemented paths and parameters in its OpenAPI document', async () => {
    const response = await get('/ogc/api');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/vnd\.oai\.openapi\+json;version=3\.0(;|$)/);
    const doc = response.json();
    expect(doc.openapi).toMatch(/^3\.0\./);
    expect(doc.servers[0].url).toBe('http://localhost/ogc');
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/',
      '/api',
      '/api.html',
      '/collections',
      '/collections/{collectionId}',
      '/collections/{collectionId}/items',
      '/collections/{collectionId}/items/{featureId}',
      '/conformance',
    ]);
    const names = (doc.paths['/collections/{collectionId}/items'].get.parameters as { $ref: string }[]).map(
      (p) => doc.components.parameters[p.$ref.split('/').pop()!].name,
    );
    expect(names.sort()).toEqual(['bbox', 'bbox-crs', 'collectionId', 'crs', 'datetime', 'f', 'limit', 'offset']);
  });

  describe('refuses bad input with a 4xx naming the problem', () => {
    const items = '/ogc/collections/concentrated_zones/items';
    const cases: [url: string, status: number, code: string, zh: string, en: string][] = [
      ['/ogc/collections/no_such_layer', 404, 'unknownCollection', '图层“no_such_layer”', 'no layer "no_such_layer"'],
      ['/ogc/collections/no_such_layer/items', 404, 'unknownCollection', '不存在', 'no layer'],
      [`${items}?bbox=1,2,3`, 400, 'invalidBbox', 'bbox 须为 4 个', 'bbox must be 4 comma-separated numbers'],
      [`${items}?bbox=1,2,3,4,5`, 400, 'invalidBbox', 'bbox 须为 4 个', 'bbox must be 4'],
      [`${items}?bbox=a,b,c,d`, 400, 'invalidBbox', 'bbox 须为 4 个', 'bbox must be 4'],
      [`${items}?bbox=`, 400, 'invalidBbox', 'bbox', 'bbox must be 4'],
      [`${items}?bbox=0x10,0,20,1`, 400, 'invalidBbox', 'bbox', 'bbox must be 4'],
      [`${items}?bbox=Infinity,0,1,1`, 400, 'invalidBbox', 'bbox', 'bbox must be 4'],
      [`${items}?bbox=1e400,0,1,1`, 400, 'invalidBbox', 'bbox 超出范围', 'bbox is out of range'],
      [`${items}?bbox=-181,0,1,1`, 400, 'invalidBbox', '经度须在 -180 到 180', 'longitudes must be within -180..180'],
      [`${items}?bbox=0,-91,1,1`, 400, 'invalidBbox', '纬度须在 -90 到 90', 'latitudes within -90..90'],
      [`${items}?bbox=108,35,107,36`, 400, 'invalidBbox', 'minx ≤ maxx', 'need minx <= maxx'],
      [`${items}?bbox=107,36,108,35`, 400, 'invalidBbox', 'miny ≤ maxy', 'miny <= maxy'],
      [`${items}?limit=0`, 400, 'invalidLimit', 'limit 须为 1 到 10000 之间的整数', 'limit must be an integer from 1 to 10000'],
      [`${items}?limit=abc`, 400, 'invalidLimit', 'limit 须为', 'limit must be'],
      [`${items}?limit=2.5`, 400, 'invalidLimit', 'limit 须为', 'limit must be'],
      [`${items}?limit=-1`, 400, 'invalidLimit', 'limit 须为', 'limit must be'],
      [`${items}?offset=-1`, 400, 'invalidOffset', 'offset 须为 0 到', 'offset must be an integer from 0'],
      [`${items}?offset=abc`, 400, 'invalidOffset', 'offset 须为', 'offset must be'],
      [`${items}?offset=1.5`, 400, 'invalidOffset', 'offset 须为', 'offset must be'],
      [`${items}?offset=99999999999999999999`, 400, 'invalidOffset', 'offset 须为', 'offset must be'],
      [`${items}?limit=1&limit=2`, 400, 'invalidRequest', 'limit', 'limit'],
      [`${items}?name=x`, 400, 'unknownParameter', '不支持查询参数“name”', 'Unknown query parameter "name"'],
      [`${items}?f=html`, 400, 'unsupportedFormat', 'f 仅支持 json', 'f supports only json'],
      [`${items}/abc`, 400, 'invalidFeatureId', 'featureId 须为整数', 'featureId must be an integer'],
      [`${items}/1.5`, 400, 'invalidFeatureId', 'featureId 须为整数', 'featureId must be an integer'],
      [`${items}/-3`, 404, 'featureNotFound', '没有编号为 -3 的要素', 'no feature with id -3'],
    ];

    it.each(cases)('%s → %i %s', async (url, status, code, zh, en) => {
      const chinese = await get(url);
      expect(chinese.statusCode, chinese.body).toBe(status);
      expect(chinese.json().code).toBe(code);
      expect(chinese.json().message).toContain(zh);
      expect(chinese.json().message).toMatch(/[\u4e00-\u9fff]/);
      const english = await get(url, { 'accept-language': 'en-US,en;q=0.9' });
      expect(english.statusCode).toBe(status);
      expect(english.json().message).toContain(en);
      expect(english.json().message).not.toMatch(/[\u4e00-\u9fff]/);
    });
  });
});

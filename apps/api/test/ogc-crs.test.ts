import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';

const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
const EPSG = (code: number) => `http://www.opengis.net/def/crs/EPSG/0/${code}`;

/** PROJ's own answer, through GDAL: CGCS2000 lon/lat to a zone's easting and northing. */
function gdalToZone(lon: number, lat: number, epsg: number): [number, number] {
  const out = execFileSync('gdaltransform', ['-s_srs', 'EPSG:4490', '-t_srs', `EPSG:${epsg}`, '-output_xy'], { input: `${lon} ${lat}\n`, encoding: 'utf8' });
  const [easting, northing] = out.trim().split(/\s+/).map(Number);
  return [easting, northing];
}

const firstVertex = (g: GeoJSON.Geometry) => (g as GeoJSON.MultiPolygon).coordinates[0][0][0] as [number, number];

describe.each(TEST_DATABASES)('OGC API – Features Part 2: CRS by reference, on %s', (kind) => {
  let t: TestApp;
  const get = (url: string) => t.app.inject({ url });
  const items = async (query: string) => {
    const response = await get(`/ogc/collections/mining_rights/items?limit=100${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return { crs: response.headers['content-crs'], features: response.json().features as GeoJSON.Feature[] };
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
  }, 120_000);
  afterAll(async () => t?.close());

  it('lists CRS84, CGCS2000 and the county’s Gauss–Krüger zone for every collection, stored in CGCS2000', async () => {
    const { collections } = (await get('/ogc/collections')).json();
    for (const collection of collections) {
      expect(collection.crs).toEqual([CRS84, EPSG(4490), EPSG(4524), EPSG(4545)]);
      expect(collection.storageCrs).toBe(EPSG(4490));
    }
    expect((await get('/ogc/conformance')).json().conformsTo).toContain('http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs');
    const api = (await get('/ogc/api')).json();
    const itemParameters = api.paths['/collections/{collectionId}/items'].get.parameters.map((p: { $ref: string }) => p.$ref);
    expect(itemParameters).toEqual(expect.arrayContaining(['#/components/parameters/crs', '#/components/parameters/bbox-crs']));
  });

  it('answers in CGCS2000 latitude first, and in the zone northing first, each vertex within a millimetre of PROJ', async () => {
    const plain = await items('');
    expect(plain.crs).toBe(`<${CRS84}>`);
    const geographic = await items(`&crs=${encodeURIComponent(EPSG(4490))}`);
    expect(geographic.crs).toBe(`<${EPSG(4490)}>`);
    const zone = await items(`&crs=${encodeURIComponent(EPSG(4524))}`);
    expect(zone.crs).toBe(`<${EPSG(4524)}>`);
    for (const [i, feature] of plain.features.entries()) {
      const [lon, lat] = firstVertex(feature.geometry);
      expect(firstVertex(geographic.features[i].geometry)).toEqual([lat, lon]);
      const [northing, easting] = firstVertex(zone.features[i].geometry);
      const [e, n] = gdalToZone(lon, lat, 4524);
      expect(Math.abs(easting - e)).toBeLessThan(0.001);
      expect(Math.abs(northing - n)).toBeLessThan(0.001);
    }
    const one = await get(`/ogc/collections/mining_rights/items/${plain.features[0].id}?crs=${encodeURIComponent(EPSG(4545))}`);
    expect(one.headers['content-crs']).toBe(`<${EPSG(4545)}>`);
    expect(firstVertex(one.json().geometry)[1]).toBeLessThan(1_000_000);
  });

  it('takes a bbox in its own CRS and axis order, selecting what the CRS84 bbox selects', async () => {
    const [lon, lat] = firstVertex((await items('')).features[0].geometry);
    const d = 0.001;
    const lonLat = await items(`&bbox=${[lon - d, lat - d, lon + d, lat + d].join(',')}`);
    const latLon = await items(`&bbox=${[lat - d, lon - d, lat + d, lon + d].join(',')}&bbox-crs=${encodeURIComponent(EPSG(4490))}`);
    const [e, n] = gdalToZone(lon, lat, 4524);
    const northEast = await items(`&bbox=${[n - 100, e - 100, n + 100, e + 100].join(',')}&bbox-crs=${encodeURIComponent(EPSG(4524))}`);
    expect(lonLat.features.length).toBeGreaterThan(0);
    expect(latLon.features.map((f) => f.id)).toEqual(lonLat.features.map((f) => f.id));
    expect(northEast.features.map((f) => f.id)).toEqual(lonLat.features.map((f) => f.id));
  });

  it('refuses a CRS it does not offer, naming the ones it does', async () => {
    for (const query of [`crs=${encodeURIComponent(EPSG(3857))}`, 'crs=nonsense', `bbox=1,2,3,4&bbox-crs=${encodeURIComponent(EPSG(2383))}`]) {
      const response = await get(`/ogc/collections/mining_rights/items?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().code).toBe('unsupportedCrs');
      expect(response.json().message).toContain(CRS84);
    }
  });
});

import fs from 'node:fs';
import path from 'node:path';
import * as turf from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEARCH_GROUP_LIMIT, SEARCH_MAX_LENGTH, type SearchResponse, type SearchResult } from '@mpm/contracts';
import { formatDms, lonLatToGk } from '@mpm/geo';
import { REPO_ROOT } from '../src/config.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { STAFF, demoTownships, signInStaff, square } from './helpers/staff.ts';

type Who = 'admin' | keyof typeof STAFF | 'anonymous';

const demo = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data', 'demo', `${name}.geojson`), 'utf8')) as GeoJSON.FeatureCollection;
const rights = demo('mining_rights').features.map((f) => f.properties as Record<string, string>);
const redline = String(demo('eco_redline').features[0]!.properties!.name);

const inBox = ([lon, lat]: readonly number[], [x0, y0, x1, y1]: readonly number[]) => lon >= x0 && lon <= x1 && lat >= y0 && lat <= y1;

describe.each(TEST_DATABASES)('search on %s', (kind) => {
  let t: TestApp;
  let cookies: Awaited<ReturnType<typeof signInStaff>>;
  const townships = demoTownships();

  const get = (url: string, who: Who, lang = 'zh-CN') =>
    t.app.inject({ url, headers: { 'accept-language': lang, ...(who !== 'anonymous' && { cookie: cookies[who] }) } });
  const search = async (q: string, who: Who = 'anonymous', lang?: string): Promise<SearchResponse> => {
    const response = await get(`/api/search?q=${encodeURIComponent(q)}`, who, lang);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const group = (body: SearchResponse, kind: string): SearchResult[] => body.groups.find((g) => g.kind === kind)?.results ?? [];
  const all = (body: SearchResponse) => body.groups.flatMap((g) => g.results);

  beforeAll(async () => {
    t = await createTestApp(kind);
    cookies = await signInStaff(t);
  });
  afterAll(() => t?.close());

  it('refuses an empty or over-long query with a named 400 in the user’s language', async () => {
    for (const url of ['/api/search', '/api/search?q=', '/api/search?q=%20%20']) {
      const response = await get(url, 'anonymous', 'en');
      expect(response.statusCode, url).toBe(400);
      expect(response.json()).toMatchObject({ code: 'searchQueryEmpty', message: 'Type something to search for.' });
    }
    const long = await get(`/api/search?q=${encodeURIComponent('镇'.repeat(SEARCH_MAX_LENGTH + 1))}`, 'anonymous');
    expect(long.statusCode).toBe(400);
    expect(long.json().code).toBe('searchQueryTooLong');
    expect(long.json().message).toContain(String(SEARCH_MAX_LENGTH));
    await search('镇'.repeat(SEARCH_MAX_LENGTH));
  });

  it('finds a township by part of its name, with a bbox around it', async () => {
    const target = townships[1]!;
    const body = await search(target.name.slice(0, 3));
    const place = group(body, 'place').find((r) => r.layer === 'townships' && r.label === target.name);
    expect(place, JSON.stringify(body)).toBeDefined();
    expect(inBox(target.inside, place!.bbox!)).toBe(true);
    expect(body.groups[0]!.kind).toBe('place');
  });

  it('finds a licence by number, holder or mine name, labelled by its mine name', async () => {
    const right = rights[1]!;
    for (const q of [right.licenceNo!, right.licenceNo!.slice(-6).toLowerCase(), right.holder!, right.mineName!.slice(3, 12)]) {
      const licences = group(await search(q), 'licence');
      expect(licences.map((r) => r.label), q).toContain(right.mineName);
      const found = licences.find((r) => r.label === right.mineName)!;
      expect(found).toMatchObject({ layer: 'mining_rights', detail: `${right.licenceNo} · ${right.holder}` });
    }
    expect(group(await search(right.licenceNo!), 'licence')[0]!.label).toBe(right.mineName);
  });

  it('shows anonymous callers only public layers and fields; staff everything', async () => {
    expect(all(await search(redline)).filter((r) => r.layer === 'eco_redline')).toEqual([]);
    expect(group(await search(redline, 'planner1'), 'feature').map((r) => r.layer)).toContain('eco_redline');

    const contact = rights[0]!.holderContact!.slice(0, 12);
    expect(all(await search(contact))).toEqual([]);
    expect(group(await search(contact, 'inspector1'), 'licence').map((r) => r.label)).toEqual([rights[0]!.mineName]);

    const holder = rights[1]!.holder!;
    const hide = (hiddenFields: string[]) =>
      t.app.inject({ method: 'PUT', url: '/api/layers/mining_rights', payload: { hiddenFields }, headers: { cookie: cookies.admin } });
    expect((await hide(['holder'])).statusCode).toBe(200);
    try {
      expect(group(await search(holder), 'licence')).toEqual([]);
      const byNumber = group(await search(rights[1]!.licenceNo!), 'licence')[0]!;
      expect(byNumber.detail).toBe(rights[1]!.licenceNo);
      expect(group(await search(holder, 'planner1'), 'licence').length).toBeGreaterThan(0);
    } finally {
      expect((await hide([])).statusCode).toBe(200);
    }
  });

  it('takes % and _ literally, never as wildcards', async () => {
    for (const q of ['%', '_', '%%', '镇%', '_镇', '\\']) expect(all(await search(q, 'admin')), q).toEqual([]);
    expect(all(await search('（示范）')).length).toBeGreaterThan(0);
  });

  it('limits each group', async () => {
    const body = await search('（示范）', 'admin');
    for (const g of body.groups) expect(g.results.length, g.kind).toBeLessThanOrEqual(SEARCH_GROUP_LIMIT);
    expect(group(body, 'feature').length).toBe(SEARCH_GROUP_LIMIT);
  });

  it('reads decimal, DMS and Gauss–Krüger coordinates, in either order', async () => {
    const [lon, lat] = townships[4]!.inside;
    const near = (r: SearchResult | undefined) => {
      expect(r?.kind).toBe('coordinate');
      expect(r!.point![0]).toBeCloseTo(lon, 6);
      expect(r!.point![1]).toBeCloseTo(lat, 6);
    };
    const first = async (q: string) => group(await search(q), 'coordinate')[0];
    near(await first(`${lon.toFixed(7)}, ${lat.toFixed(7)}`));
    near(await first(`${lat.toFixed(7)} ${lon.toFixed(7)}`));
    near(await first(`${formatDms(lon, 'lon', 4)} ${formatDms(lat, 'lat', 4)}`));
    near(await first(`北纬${formatDms(lat, undefined, 4)}，东经${formatDms(lon, undefined, 4)}`));
    const gk = lonLatToGk([lon, lat], { widthDeg: 3, zone: 36, prefixed: true });
    const x = gk.northingM.toFixed(3);
    const y = gk.eastingM.toFixed(3);
    near(await first(`${x}, ${y}`));
    near(await first(`X=${x} Y=${y}`));
    near(await first(`${y} ${x}`));
    expect((await first(`${x}, ${y}`))!.detail).toContain('36');
    expect(await first(`${x}, ${(gk.eastingM - 36_000_000).toFixed(3)}`)).toBeUndefined();
    expect(await first('12.5, 200.1')).toBeUndefined();
  });

  it('finds proposals for staff and ledger entries by number for the ledger’s readers', async () => {
    const geometry = square(townships[3]!.inside, 150);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/proposals',
      headers: { cookie: cookies.planner1 },
      payload: { name: '搜索用拟设开采区', geometry, proposal: { mineral: 'brickClay', capacity10ktPerYear: 13, rightKind: 'new' } },
    });
    expect(created.statusCode, created.body).toBe(201);
    const proposals = group(await search('搜索用拟设', 'inspector1'), 'proposal');
    expect(proposals).toMatchObject([{ id: created.json().id, label: '搜索用拟设开采区' }]);
    expect(inBox(townships[3]!.inside, proposals[0]!.bbox!)).toBe(true);
    expect(group(await search('搜索用拟设'), 'proposal')).toEqual([]);
    // A draft deleted is gone from search as from the list.
    const deleted = await t.app.inject({
      method: 'DELETE',
      url: `/api/proposals/${created.json().id}`,
      headers: { cookie: cookies.planner1 },
      payload: { baseRevision: created.json().revision },
    });
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect(group(await search('搜索用拟设', 'inspector1'), 'proposal')).toEqual([]);

    const entry = await t.app.inject({
      method: 'POST',
      url: '/api/ledger',
      headers: { cookie: cookies.inspector1 },
      payload: { title: '搜索用无证采砂点', source: 'siteCheck', geometry: square(townships[3]!.inside, 40) },
    });
    expect(entry.statusCode, entry.body).toBe(201);
    const id = entry.json().id as number;
    for (const q of [`#${id}`, String(id), `编号${id}`, '无证采砂']) {
      expect(group(await search(q, 'planner1'), 'ledger')[0], q).toMatchObject({ id, label: `#${id} 搜索用无证采砂点`, detail: '待核查' });
    }
    expect(group(await search(`#${id}`, 'planner1', 'en'), 'ledger')[0]!.detail).toBe('To verify');
    expect(group(await search(`#${id}`), 'ledger')).toEqual([]);
  });

  it('gives one label point per feature, inside it, with the fields the caller may read', async () => {
    const anonymous = (await get('/api/labels', 'anonymous')).json() as GeoJSON.FeatureCollection<GeoJSON.Point>;
    const layers = new Set(anonymous.features.map((f) => f.properties!.layer));
    expect(layers.has('townships')).toBe(true);
    expect(layers.has('mining_rights')).toBe(true);
    expect(layers.has('eco_redline')).toBe(false);
    const labelled = anonymous.features.filter((f) => f.properties!.layer === 'townships');
    expect(labelled.length).toBe(townships.length);
    for (const township of townships) {
      const point = labelled.find((f) => f.properties!.name === township.name)!;
      expect(turf.booleanPointInPolygon(point.geometry.coordinates, township.feature), township.name).toBe(true);
    }
    const right = anonymous.features.find((f) => f.properties!.layer === 'mining_rights')!;
    expect(Object.keys(right.properties!).sort()).toEqual(['layer', 'licenceNo', 'mineName']);

    const staff = (await get('/api/labels', 'planner1')).json() as GeoJSON.FeatureCollection;
    expect(staff.features.some((f) => f.properties!.layer === 'eco_redline' && f.properties!.name === redline)).toBe(true);
  });
});

import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTION_IDS, getLayer } from '@mpm/domain';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_ADMIN_PASSWORD, TEST_DATABASES } from './helpers/databases.ts';

const run = promisify(execFile);

/** The layers the catalogue publishes by default (the demo county keeps every default). */
const PUBLIC_LAYERS = COLLECTION_IDS.filter((id) => getLayer(id).publicByDefault);
/** A zone of the demo county (the demo data may add a suffix such as （示范）). */
const ZONE_NAME = '正宁县榆林子镇党家村砂石土集中开采区';

/** GDAL talks straight to the test server: no proxy, no cached answers, UTF-8 output. */
const GDAL_ENV = {
  ...process.env,
  NO_PROXY: '*',
  no_proxy: '*',
  LC_ALL: 'C.UTF-8',
  CPL_VSIL_CURL_NON_CACHED: '/vsicurl/',
  GDAL_HTTP_TIMEOUT: '30',
};

/** Runs `ogrinfo` read-only; a missing GDAL fails the suite with the fix rather than skipping it. */
async function ogrinfo(...args: string[]): Promise<string> {
  const command = `ogrinfo -ro ${args.join(' ')}`;
  let output: { stdout: string; stderr: string };
  try {
    output = await run('ogrinfo', ['-ro', ...args], { env: GDAL_ENV, timeout: 60_000, maxBuffer: 64 << 20 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('ogrinfo was not found on PATH: install GDAL (Debian: apt-get install gdal-bin) to run this suite', {
        cause: error,
      });
    }
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`${command} failed:\n${stderr ?? ''}\n${stdout ?? ''}`, { cause: error });
  }
  // ogrinfo reports some failures (e.g. an unexpected Content-Type) on stderr and still exits 0.
  expect(output.stderr, command).not.toMatch(/ERROR/);
  return output.stdout;
}

/** Layer names from `ogrinfo`'s listing: lines like `1: county (Multi Polygon)`. */
const layerNames = (listing: string) => [...listing.matchAll(/^\d+: (\S+)/gm)].map((m) => m[1]);
const featureCount = (output: string) => output.match(/^OGRFeature\(/gm)?.length ?? 0;

describe.each(TEST_DATABASES)('GDAL ogrinfo against the OGC API on %s', (kind) => {
  let t: TestApp;
  let source: string;
  const requests: string[] = [];

  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    t.app.server.on('request', (request: { url?: string }) => requests.push(request.url ?? ''));
    source = `OAPIF:http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/ogc`;
    await ogrinfo('--version');
  });
  afterAll(async () => {
    await t?.close();
  });

  const numberMatched = async (collection: string, headers: Record<string, string> = {}) =>
    (await t.app.inject({ url: `/ogc/collections/${collection}/items?limit=1`, headers })).json().numberMatched as number;

  it('lists the public collections, and no others, to an anonymous client', async () => {
    const names = layerNames(await ogrinfo(source));
    expect(names.sort()).toEqual([...PUBLIC_LAYERS].sort());
  });

  it('takes the feature count from numberMatched', async () => {
    expect(await ogrinfo('-so', source, 'concentrated_zones')).toMatch(/^Feature Count: 2$/m);
  });

  it('reads every feature of a layer by following next links, with Chinese values intact', async () => {
    const counts = await Promise.all(PUBLIC_LAYERS.map(async (id) => [id, await numberMatched(id)] as const));
    const [layer, expected] = counts.reduce((best, c) => (c[1] > best[1] ? c : best));
    expect(expected, 'a public layer with more than one default page (10) of features').toBeGreaterThan(10);

    requests.length = 0;
    const output = await ogrinfo('-al', '-q', source, layer);
    expect(featureCount(output)).toBe(expected);
    const pages = requests.filter((url) => url.startsWith(`/ogc/collections/${layer}/items`));
    expect(pages.length).toBeGreaterThanOrEqual(Math.ceil(expected / 10));
    expect(pages.some((url) => /[?&]offset=\d+/.test(url))).toBe(true);

    const zones = await ogrinfo('-al', '-q', source, 'concentrated_zones');
    expect(featureCount(zones)).toBe(2);
    expect(zones).toContain(`name (String) = ${ZONE_NAME}`);
  });

  it('passes a spatial filter to the server as bbox, which the server applies', async () => {
    requests.length = 0;
    const output = await ogrinfo('-al', '-q', '-spat', '0', '0', '1', '1', source, 'concentrated_zones');
    expect(featureCount(output)).toBe(0);
    // GDAL filters again on its side, so replay its exact request to see what the server answered.
    const sent = requests.find((url) => /\/items\?.*bbox=/.test(url));
    expect(sent, 'a request with bbox').toBeDefined();
    const answer = (await t.app.inject(sent!)).json();
    expect(answer).toMatchObject({ numberMatched: 0, numberReturned: 0 });
  });

  it('filters attributes itself, since the API declares no property filters', async () => {
    const zones = (await t.app.inject('/ogc/collections/concentrated_zones/items')).json().features as {
      properties: { name: string };
    }[];
    const name = zones.map((zone) => zone.properties.name).find((n) => n.startsWith(ZONE_NAME))!;
    const output = await ogrinfo('-al', '-q', '-where', `name = '${name}'`, source, 'concentrated_zones');
    expect(featureCount(output)).toBe(1);
    expect(output).toContain(`name (String) = ${name}`);
  });

  it('shows staff-only collections and fields to staff signing in with USERPWD', async () => {
    const userpwd = `USERPWD=admin:${TEST_ADMIN_PASSWORD}`;
    const names = layerNames(await ogrinfo('-oo', userpwd, source));
    expect(names.sort()).toEqual([...COLLECTION_IDS].sort());
    const redline = await ogrinfo('-oo', userpwd, '-so', source, 'eco_redline');
    expect(redline).toMatch(new RegExp(`^Feature Count: ${await numberMatched('eco_redline', {
      authorization: `Basic ${Buffer.from(`admin:${TEST_ADMIN_PASSWORD}`).toString('base64')}`,
    })}$`, 'm'));
    expect(await ogrinfo('-oo', userpwd, '-al', '-q', source, 'mining_rights')).toMatch(/holderContact \(String\) = /);
    expect(await ogrinfo('-al', '-q', source, 'mining_rights')).not.toContain('holderContact');
  });
});

import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium, waitForMapIdle } from './helpers/browser.ts';
import { squareCornerList } from './helpers/corner-list.ts';
import { collectErrors, signIn } from './helpers/inspector.ts';
import { REPO_ROOT } from './helpers/paths.ts';
import { startServer, type RunningServer } from './helpers/server.ts';

/** The first administrator's password of the empty county: the rule refuses one holding the user name, as the suite's own does. */
const SETUP_ADMIN_PASSWORD = 'county-setup-2026';

const SCREENSHOT = path.join(REPO_ROOT, 'test-results/setup-county.png');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-e2e-setup-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const demo = (id: string) =>
  JSON.parse(fs.readFileSync(path.join(REPO_ROOT, `data/demo/${id}.geojson`), 'utf8')) as GeoJSON.FeatureCollection<GeoJSON.Polygon>;

/** The demo layer as a bureau's file holds it: its attributes under the file's own column names (`columns`: demo key → column). */
function bureauSource(id: string, columns: Record<string, string>): string {
  const source = path.join(dir, `${id}.src.geojson`);
  const features = demo(id).features.map((f) => ({
    type: 'Feature',
    geometry: f.geometry,
    properties: Object.fromEntries(Object.entries(columns).map(([key, column]) => [column, f.properties![key]])),
  }));
  fs.writeFileSync(source, JSON.stringify({ type: 'FeatureCollection', features }));
  return source;
}

/** A GBK shapefile in the 3° zone 36 (EPSG:4524) made by GDAL, zipped by Python: `{name}.zip`. */
function shapefileZip(name: string, source: string): { name: string; mimeType: string; buffer: Buffer } {
  const folder = fs.mkdtempSync(path.join(dir, `${name}-`));
  execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=CP936', '-s_srs', 'EPSG:4490', '-t_srs', 'EPSG:4524', path.join(folder, `${name}.shp`), source]);
  const zip = path.join(dir, `${name}.zip`);
  const script = 'import sys, zipfile, os\nwith zipfile.ZipFile(sys.argv[1], "w") as z:\n  for f in sys.argv[2:]: z.write(f, os.path.basename(f))';
  execFileSync('python3', ['-c', script, zip, ...fs.readdirSync(folder).map((f) => path.join(folder, f))]);
  return { name: `${name}.zip`, mimeType: 'application/zip', buffer: fs.readFileSync(zip) };
}

/** A GeoPackage made by GDAL, in CGCS2000 lon/lat. */
function geoPackage(name: string, source: string): { name: string; mimeType: string; buffer: Buffer } {
  const out = path.join(dir, `${name}.gpkg`);
  execFileSync('ogr2ogr', ['-f', 'GPKG', '-a_srs', 'EPSG:4490', out, source]);
  return { name: `${name}.gpkg`, mimeType: 'application/geopackage+sqlite3', buffer: fs.readFileSync(out) };
}

/** The databases the server runs on here: the embedded one always, PostgreSQL + PostGIS when CI gives one. */
const DATABASES = process.env.DATABASE_URL ? (['pglite', 'postgres'] as const) : (['pglite'] as const);

/** An empty product (`LOAD_DEMO=false`) on `kind`: a new data directory, and for PostgreSQL a new database. */
async function emptyServer(kind: (typeof DATABASES)[number]): Promise<{ server: RunningServer; drop(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-e2e-empty-'));
  const env: Record<string, string> = { LOAD_DEMO: 'false', ADMIN_PASSWORD: SETUP_ADMIN_PASSWORD };
  let dropDatabase = async () => {};
  if (kind === 'postgres') {
    const name = `mpm_e2e_empty_${crypto.randomBytes(4).toString('hex')}`;
    const psql = (sql: string) => execFileSync('psql', [process.env.DATABASE_URL!, '-q', '-c', sql]);
    psql(`CREATE DATABASE ${name}`);
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    dropDatabase = async () => void psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  const server = await startServer({ dataDir, env });
  return {
    server,
    async drop() {
      await server.stop();
      await dropDatabase();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Uploads `file` into the import form, waits for its preview without problems, and writes it into its empty layer. */
async function importFile(panel: Locator, file: { name: string; mimeType: string; buffer: Buffer }, revision = 1) {
  await panel.getByLabel('要导入的文件（可多选）').setInputFiles(file);
  await panel.getByRole('button', { name: '上传并预览' }).click();
  await panel.getByTestId('import-feature-count').waitFor({ timeout: 60_000 });
  await panel.getByText('未发现问题。').waitFor({ timeout: 30_000 });
  // Into an empty layer: nothing is removed, so nothing to confirm.
  await panel.getByRole('button', { name: '写入图层' }).click();
  await panel.getByRole('status').filter({ hasText: `已写入，为图层第 ${revision} 版` }).waitFor({ timeout: 60_000 });
}

/** The set-up step of `layer` in the panel. */
const step = (panel: Locator, layer: string) => panel.locator(`.setup-layer[data-layer="${layer}"]`);

describe.each(DATABASES)('a county set up from its own files in the browser, on %s', (kind) => {
  let browser: Browser;
  let empty: Awaited<ReturnType<typeof emptyServer>>;
  beforeAll(async () => {
    browser = await launchChromium();
    empty = await emptyServer(kind);
  });
  afterAll(async () => {
    await browser?.close();
    await empty?.drop();
  });

  it('starts empty, takes the county’s profile, imports its boundary, townships and red line, and checks a block on them', async () => {
    const url = empty.server.url;
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page: Page = await context.newPage();
    const errors = collectErrors(page, (_text, from) => from.endsWith('/api/check'));
    await page.goto(url);
    await page.getByRole('status').filter({ hasText: '尚未设置县域数据' }).waitFor();

    await signIn(page, { username: 'admin', password: SETUP_ADMIN_PASSWORD });
    await page.getByRole('group', { name: '模式' }).getByRole('button', { name: '数据' }).click();
    const panel = page.getByRole('complementary', { name: '数据管理' });
    const setup = panel.locator('details.county-setup');
    expect(await setup.getAttribute('open')).not.toBeNull();
    expect(await step(panel, 'county').getByRole('button').isDisabled()).toBe(true);

    // 1. The profile: a malformed code is refused in words, then the county is saved.
    await setup.getByLabel('县（市、区）名称').fill('正宁县');
    await setup.getByLabel('行政区划代码（6 位）').fill('621025');
    await setup.getByLabel('高斯–克吕格 3 度带带号').selectOption('36');
    await setup.getByRole('button', { name: '保存县情信息' }).click();
    await setup.locator('.county-setup-summary').filter({ hasText: '正宁县（621025），3 度带第 36 带' }).waitFor();
    await page.locator('.app-header .county-name').filter({ hasText: '正宁县' }).waitFor();

    // 2. The boundary, a GBK shapefile in zone 36 with no name of its own: it takes the profile's.
    await step(panel, 'county').getByRole('button', { name: '导入县界' }).click();
    expect(await panel.getByLabel('图层', { exact: true }).inputValue()).toBe('county');
    await importFile(panel, shapefileZip('county', bureauSource('county', {})));
    await step(panel, 'county').filter({ hasText: '1 个要素' }).waitFor();

    // 3. The townships, a GeoPackage with the land survey's column names (XZQMC, XZQDM).
    await step(panel, 'townships').getByRole('button', { name: '导入乡镇界' }).click();
    await importFile(panel, geoPackage('townships', bureauSource('townships', { name: 'XZQMC', adminCode: 'XZQDM' })));
    const townships = demo('townships').features.length;
    // The county works now: the set-up folds to its summary line.
    await step(panel, 'townships').filter({ hasText: `${townships} 个要素` }).waitFor({ state: 'attached' });
    await expect.poll(() => setup.getAttribute('open')).toBeNull();

    // 4. Another layer: the red line, a GBK shapefile with Chinese column names.
    await setup.locator('summary').click();
    await step(panel, 'eco_redline').getByRole('button', { name: '导入生态保护红线' }).click();
    await importFile(panel, shapefileZip('eco_redline', bureauSource('eco_redline', { name: '名称', controlNote: '管控要求' })));
    await step(panel, 'eco_redline').filter({ hasText: '2 个要素' }).waitFor();
    await waitForMapIdle(page);
    await page.screenshot({ path: SCREENSHOT });

    // The planner's check on the county's own data: a block over the red line is forbidden, live and by the server.
    await page.getByRole('group', { name: '模式' }).getByRole('button', { name: '规划' }).click();
    const plan = page.getByRole('complementary', { name: '规划审查' });
    await plan.locator('.ruleset-title').waitFor();
    await plan.getByLabel('矿种').selectOption({ label: '砖瓦用粘土' });
    await plan.getByLabel('拟设生产能力').fill('15');
    await plan.getByRole('radio', { name: '新立' }).check();
    await plan.getByRole('tab', { name: '粘贴拐点坐标' }).click();
    const corner = demo('eco_redline').features[0].geometry.coordinates[0][0];
    await plan.getByRole('textbox', { name: '拐点坐标' }).fill(squareCornerList(corner, 150));
    await plan.getByRole('button', { name: '解析并显示' }).click();
    const live = plan.locator('.live-check .finding[data-rule-id="ecoRedline"]');
    await live.waitFor({ timeout: 30_000 });
    expect(await live.getAttribute('data-outcome')).toBe('forbidden');
    await plan.getByRole('button', { name: '正式审查' }).click();
    const verdict = plan.locator('.verdict .finding[data-rule-id="ecoRedline"]');
    await verdict.waitFor({ timeout: 60_000 });
    expect(await verdict.getAttribute('data-outcome')).toBe('forbidden');
    expect(await verdict.textContent()).toContain('生态保护红线');

    expect(errors).toEqual([]);
    await context.close();
  });
});

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useServerAndBrowser, waitForMapIdle } from './helpers/browser.ts';
import { collectErrors, loginCookie, signIn } from './helpers/inspector.ts';
import { REPO_ROOT } from './helpers/paths.ts';
import { TEST_ADMIN_PASSWORD } from './helpers/server.ts';

const SCREENSHOT = path.join(REPO_ROOT, 'test-results/data-import-preview.png');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-e2e-data-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const NAMES = ['东庄永久基本农田', '西庄永久基本农田'];

/** A square of 0.002° with its south-west corner at `[lon, lat]`. */
const square = (lon: number, lat: number): GeoJSON.Polygon => ({
  type: 'Polygon',
  coordinates: [[[lon, lat], [lon + 0.002, lat], [lon + 0.002, lat + 0.002], [lon, lat + 0.002], [lon, lat]]],
});

/**
 * Two farmland polygons as a bureau receives them: a shapefile in the 3° zone 36 (EPSG:4524)
 * with its text in GBK (GDAL writes the `.cpg`), zipped. Returns the zip's bytes.
 */
function gbkShapefileZip(): Buffer {
  const source = path.join(dir, 'source.geojson');
  const features = NAMES.map((name, i) => ({
    type: 'Feature',
    properties: { 名称: name, 耕地类型: '永久基本农田' },
    geometry: square(108.31 + i * 0.01, 35.46 + i * 0.01),
  }));
  fs.writeFileSync(source, JSON.stringify({ type: 'FeatureCollection', features }));
  const shp = path.join(dir, 'farmland.shp');
  execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=CP936', '-s_srs', 'EPSG:4490', '-t_srs', 'EPSG:4524', shp, source]);
  const parts = fs.readdirSync(dir).filter((f) => f.startsWith('farmland.')).map((f) => path.join(dir, f));
  const zip = path.join(dir, 'farmland.zip');
  const script = 'import sys, zipfile, os\nwith zipfile.ZipFile(sys.argv[1], "w") as z:\n  for f in sys.argv[2:]: z.write(f, os.path.basename(f))';
  execFileSync('python3', ['-c', script, zip, ...parts]);
  return fs.readFileSync(zip);
}

const suite = useServerAndBrowser();

/** Names of the farmland features the map's source holds now (what the tiles say). */
const mapFarmlandNames = (page: Page) =>
  page.evaluate(() => {
    const map = window.__mpmMap!;
    const layer = map.getStyle().layers.find((l) => 'source-layer' in l && l['source-layer'] === 'farmland');
    if (!layer || !('source' in layer) || !map.getSource(layer.source)) return [];
    return [...new Set(map.querySourceFeatures(layer.source, { sourceLayer: 'farmland' }).map((f) => String(f.properties.name)))].sort();
  });

describe('data mode (数据管理)', () => {
  it('imports a GBK shapefile zip into farmland, shows it on the map, restores the layer and exports it', async () => {
    const admin = await loginCookie(suite.server.url, 'admin', TEST_ADMIN_PASSWORD);
    const farmland = async () => {
      const response = await fetch(`${suite.server.url}/ogc/collections/farmland/items?limit=1000`, { headers: { cookie: admin } });
      return ((await response.json()) as GeoJSON.FeatureCollection).features.map((f) => String(f.properties!.name)).sort();
    };
    const before = await farmland();
    expect(before.length).toBeGreaterThan(0);

    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
    const page = await context.newPage();
    const errors = collectErrors(page);
    // Farmland is off by default: on, to see the import reach the map.
    await page.goto(`${suite.server.url}/#on=farmland`);
    await waitForMapIdle(page);
    await signIn(page, { username: 'admin', password: TEST_ADMIN_PASSWORD });
    await page.getByRole('group', { name: '模式' }).getByRole('button', { name: '数据' }).click();
    const panel = page.getByRole('complementary', { name: '数据管理' });
    await panel.getByLabel('图层', { exact: true }).selectOption('farmland');

    // The preview: GBK read from the .cpg, the zone from the .prj, the Chinese names in the sample, no problems.
    await panel.getByLabel('要导入的文件（可多选）').setInputFiles({ name: 'farmland.zip', mimeType: 'application/zip', buffer: gbkShapefileZip() });
    await panel.getByRole('button', { name: '上传并预览' }).click();
    const encoding = panel.getByTestId('import-encoding');
    await encoding.waitFor({ timeout: 30_000 });
    expect(await encoding.textContent()).toBe('GBK');
    expect(await panel.getByTestId('import-crs').textContent()).toBe('EPSG:4524');
    expect(await panel.getByTestId('import-feature-count').textContent()).toBe('2');
    const sample = await panel.locator('.import-sample tbody tr').allTextContents();
    expect(sample.map((row) => NAMES.find((name) => row.includes(name)))).toEqual(NAMES);
    expect(await panel.getByLabel('字段“名称”对应的图层字段').inputValue()).toBe('name');
    await panel.getByText('未发现问题。').waitFor();
    // A column left out sends the file again with the mapping; the sample loses that field, and gets it back.
    const sampleHeads = () => panel.locator('.import-sample thead th').allTextContents();
    expect(await sampleHeads()).toContain('类别');
    await panel.getByLabel('字段“耕地类型”对应的图层字段').selectOption('');
    await expect.poll(sampleHeads, { timeout: 30_000 }).not.toContain('类别');
    await panel.getByLabel('字段“耕地类型”对应的图层字段').selectOption('farmlandClass');
    await expect.poll(sampleHeads, { timeout: 30_000 }).toContain('类别');
    await panel.getByText('未发现问题。').waitFor();
    expect(await panel.getByTestId('import-counts').textContent()).toContain(`删除 ${before.length} 个`);
    // The file's extent is outlined on the map, and its features drawn, none marked with a problem.
    await expect
      .poll(() => page.evaluate(() => window.__mpmMap!.queryRenderedFeatures({ layers: ['data:preview-outline'] }).length))
      .toBeGreaterThan(0);
    await expect
      .poll(() =>
        page.evaluate(() =>
          [...new Set(window.__mpmMap!.querySourceFeatures('data:preview-features').map((f) => `${f.properties.name}:${f.properties.hasProblem}`))].sort(),
        ),
      )
      .toEqual(['东庄永久基本农田:false', '西庄永久基本农田:false']);
    await page.screenshot({ path: SCREENSHOT });

    // Replacing the layer asks first; then the revision, the layer through the API, and the map's tiles anew.
    await panel.getByRole('button', { name: '写入图层' }).click();
    await panel.getByRole('alertdialog', { name: '替换整个图层？' }).getByRole('button', { name: '替换图层' }).click();
    await panel.getByRole('status').filter({ hasText: '已写入，为图层第 1 版' }).waitFor({ timeout: 30_000 });
    expect(await farmland()).toEqual([...NAMES].sort());
    await expect.poll(() => mapFarmlandNames(page), { timeout: 30_000 }).toEqual([...NAMES].sort());

    // The revision listed, and undone.
    await panel.getByRole('tab', { name: '历史版本' }).click();
    const first = panel.locator('li.revision[data-revision="1"]');
    await first.waitFor();
    expect(await first.textContent()).toContain('farmland.zip');
    expect(await first.textContent()).toContain('新增 2');
    await first.getByRole('button', { name: '恢复到此版之前' }).click();
    await first.getByRole('alertdialog', { name: '恢复图层？' }).getByRole('button', { name: '恢复', exact: true }).click();
    await panel.getByRole('status').filter({ hasText: '已恢复，为图层第 2 版' }).waitFor({ timeout: 30_000 });
    await panel.locator('li.revision[data-revision="2"]').waitFor();
    expect(await farmland()).toEqual(before);

    // The export link downloads the layer as GeoJSON, with the names in Chinese.
    await panel.getByRole('tab', { name: '数据导出' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('link', { name: '下载' }).click()]);
    const exported = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as GeoJSON.FeatureCollection;
    expect(exported.type).toBe('FeatureCollection');
    expect(exported.features).toHaveLength(before.length);
    // Everyone who sees a layer can export it from the layer list too.
    await page.getByRole('complementary', { name: '图层' }).getByText('导出图层数据').click();
    const listLink = page.getByRole('complementary', { name: '图层' }).getByRole('link', { name: '下载' });
    expect(await listLink.getAttribute('href')).toBe('/api/layers/county/export?format=geojson&crs=EPSG%3A4490&lang=zh');

    expect(errors).toEqual([]);
    await context.close();
  });
});

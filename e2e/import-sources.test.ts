import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useServerAndBrowser, waitForMapIdle } from './helpers/browser.ts';
import { collectErrors, signIn } from './helpers/inspector.ts';
import { TEST_ADMIN_PASSWORD } from './helpers/server.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-e2e-sources-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A farmland square (0.002°) written by GDAL as `name.ext` in `srs`; returns the files' paths. */
function gdalFile(name: string, args: string[], ext: string): string[] {
  const source = path.join(dir, `${name}.src.geojson`);
  const ring = [[108.31, 35.46], [108.312, 35.46], [108.312, 35.462], [108.31, 35.462], [108.31, 35.46]];
  const feature = { type: 'Feature', properties: { 名称: '西安80地块', 耕地类型: '永久基本农田' }, geometry: { type: 'Polygon', coordinates: [ring] } };
  fs.writeFileSync(source, JSON.stringify({ type: 'FeatureCollection', features: [feature] }));
  execFileSync('ogr2ogr', [...args, path.join(dir, `${name}.${ext}`), source]);
  return fs.readdirSync(dir).filter((f) => f.startsWith(`${name}.`) && !f.includes('.src.')).map((f) => path.join(dir, f));
}

const asInputFiles = (files: string[]) => files.map((file) => ({ name: path.basename(file), mimeType: 'application/octet-stream', buffer: fs.readFileSync(file) }));

const suite = useServerAndBrowser();

describe('data mode: the choices a source calls for', () => {
  it('asks for the seven parameters when the file is in Xi’an 1980, and reads it with them; offers the datum for a KML', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    // The refused upload answers 400: the browser logs it, and it is the point here.
    const errors = collectErrors(page, (text) => /400/.test(text));
    await page.goto(suite.server.url);
    await waitForMapIdle(page);
    await signIn(page, { username: 'admin', password: TEST_ADMIN_PASSWORD });
    await page.getByRole('group', { name: '模式' }).getByRole('button', { name: '数据' }).click();
    const panel = page.getByRole('complementary', { name: '数据管理' });
    await panel.getByLabel('图层', { exact: true }).selectOption('farmland');

    const xian = gdalFile('xian', ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=UTF-8', '-s_srs', 'EPSG:4490', '-t_srs', 'EPSG:2360'], 'shp');
    await panel.getByLabel('要导入的文件（可多选）').setInputFiles(asInputFiles(xian));
    expect(await panel.getByTestId('import-datum-parameters').count()).toBe(0);
    await panel.getByRole('button', { name: '上传并预览' }).click();
    await panel.getByText(/1980西安坐标系.*七参数/).waitFor({ timeout: 30_000 });
    const parameters = panel.getByTestId('import-datum-parameters');
    await parameters.waitFor();
    const values = ['-12.352', '118.614', '52.473', '0.412', '-1.107', '2.364', '-3.82'];
    for (const [i, name] of ['dx', 'dy', 'dz', 'rx', 'ry', 'rz', 'scale'].entries()) await parameters.getByLabel(name).fill(values[i]);
    await panel.getByRole('button', { name: '上传并预览' }).click();
    await panel.getByTestId('import-crs').waitFor({ timeout: 30_000 });
    expect(await panel.getByTestId('import-crs').textContent()).toBe('EPSG:2360');
    await panel.getByText('文件为 1980 西安或 1954 北京坐标系，已用所给七参数转换为 2000 国家大地坐标系。').waitFor();

    // A KML: the datum of its lon/lat is offered, and GCJ-02 is converted and said.
    const kml = gdalFile('ovital', ['-f', 'KML'], 'kml');
    await panel.getByLabel('要导入的文件（可多选）').setInputFiles(asInputFiles(kml));
    await panel.getByLabel('经纬度的坐标系').selectOption('gcj02');
    await panel.getByRole('button', { name: '上传并预览' }).click();
    await panel.getByText('坐标为 GCJ-02（奥维、高德），已逐点转换为 WGS 84（精度约 1 米）。').waitFor({ timeout: 30_000 });
    expect(await panel.getByLabel('区分地块的列').count()).toBe(0);
    expect(await panel.getByTestId('import-datum-parameters').count()).toBe(0);

    expect(errors).toEqual([]);
    await context.close();
  });
});

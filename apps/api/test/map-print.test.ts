import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAP_PRINT_DPI, mapFrameMm, pageSizeMm, type MapPrintBody, type PaperOrientation, type PaperSize } from '@mpm/contracts';
import { REPO_ROOT } from '../src/config.ts';
import { pngSize } from '../src/plugins/app/reports/map-print.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { pdfText, requirePdfTools } from './helpers/pdf.ts';
import { pngChunk, TINY_PNG } from './helpers/photo-fixtures.ts';

/** A light grey PNG of `width` × `height` pixels, standing in for the map the browser drew. */
function greyPng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0xe8)]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([TINY_PNG.subarray(0, 8), pngChunk('IHDR', ihdr), pngChunk('IDAT', zlib.deflateSync(raw)), pngChunk('IEND', Buffer.alloc(0))]);
}

/** The frame's raster at a quarter of the print resolution: the proportions are what the server checks. */
function frameImage(paper: PaperSize, orientation: PaperOrientation): string {
  const frame = mapFrameMm(paper, orientation);
  const pxPerMm = MAP_PRINT_DPI / 4 / 25.4;
  return greyPng(Math.round(frame.widthMm * pxPerMm), Math.round(frame.heightMm * pxPerMm)).toString('base64');
}

const body = (paper: PaperSize, orientation: PaperOrientation, format: 'pdf' | 'png'): MapPrintBody => ({
  title: '正宁县矿产资源规划图（测试）',
  paper,
  orientation,
  format,
  image: frameImage(paper, orientation),
  frameWidthM: 24_000,
  bounds: [108.2, 35.35, 108.46, 35.5],
  legend: [
    { label: '县界', swatch: { kind: 'polygon', fill: '#555555', fillOpacity: 0.03, outline: '#555555', outlineWidth: 2.5 } },
    { label: '铁路', swatch: { kind: 'line', color: '#000000', width: 2, dash: [3, 3], casing: { color: '#ffffff', width: 4 } } },
    {
      label: '恢复治理图斑',
      swatch: { kind: 'polygon', fill: '#35978f', fillOpacity: 0.5, outline: '#35978f', outlineWidth: 1 },
      categories: [
        { label: '计划', color: '#f4a582' },
        { label: '已验收', color: '#1b7837' },
      ],
    },
  ],
});

describe.each(TEST_DATABASES)('printing the map (POST /api/map-print) on %s', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    requirePdfTools();
    t = await createTestApp(kind);
  });
  afterAll(() => t?.close());

  it('prints an A4 landscape PDF for anyone: title, legend, scale bar, north arrow, CGCS2000, extent, the county bureau, the China date', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/map-print', payload: body('A4', 'landscape', 'pdf') });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="map-\d{4}-\d{2}-\d{2}\.pdf"; filename\*=UTF-8''/);
    const pdf = response.rawPayload;
    fs.mkdirSync(path.join(REPO_ROOT, 'test-results'), { recursive: true });
    fs.writeFileSync(path.join(REPO_ROOT, 'test-results', `map-print-${kind}.pdf`), pdf);
    const text = pdfText(pdf);
    const flat = pdfText(pdf, 'flat');
    expect(flat).toContain('正宁县矿产资源规划图（测试）');
    expect(flat).toContain('图例');
    for (const label of ['县界', '铁路', '恢复治理图斑', '计划', '已验收']) expect(flat).toContain(label);
    // The scale bar: 0 and a quarter of the 24 km frame rounded down to 5 km; the numeric scale beside the extent.
    expect(text).toMatch(/\b0\b/);
    expect(flat).toContain('5千米');
    expect(flat).toContain('比例尺约1:87,000');
    expect(flat).toContain('北N');
    expect(flat).toContain('CGCS2000');
    expect(flat).toContain('图幅范围：108°12′00″E–108°27′36″E，35°21′00″N–35°30′00″N');
    expect(flat).toMatch(/制图单位：正宁县[^\s]*自然资源局/);
    expect(flat).toMatch(/制图日期：\d{4}年\d{2}月\d{2}日/);
    const info = execFileSync('pdfinfo', ['-'], { input: pdf, encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(info).toMatch(/Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)/);
  });

  it("exports an A3 portrait PNG with the page's proportions at 150 dpi, and speaks English when asked", async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/map-print',
      headers: { 'accept-language': 'en' },
      payload: body('A3', 'portrait', 'png'),
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    const size = pngSize(response.rawPayload)!;
    const page = pageSizeMm('A3', 'portrait');
    expect(size.height / size.width).toBeCloseTo(page.heightMm / page.widthMm, 2);
    expect(Math.abs(size.width - (page.widthMm / 25.4) * MAP_PRINT_DPI)).toBeLessThanOrEqual(2);

    const pdf = await t.app.inject({
      method: 'POST',
      url: '/api/map-print',
      headers: { 'accept-language': 'en' },
      payload: { ...body('A4', 'portrait', 'pdf'), title: 'Mineral plan map' },
    });
    const flat = pdfText(pdf.rawPayload, 'flat');
    for (const words of ['Legend', 'Scaleabout1:', 'Producedby:', 'NaturalResourcesBureau', '(Chinatime)']) expect(flat).toContain(words);
  });

  it("refuses a raster that is not a PNG or not of the frame's proportions, and a paper it does not know, naming the problem", async () => {
    const notPng = await t.app.inject({ method: 'POST', url: '/api/map-print', payload: { ...body('A4', 'portrait', 'pdf'), image: Buffer.from('GIF89a…').toString('base64') } });
    expect(notPng.statusCode).toBe(400);
    expect(notPng.json()).toMatchObject({ code: 'invalidMapImage', message: '地图图像不是有效的 PNG 图片。' });

    const landscapeForPortrait = await t.app.inject({
      method: 'POST',
      url: '/api/map-print',
      payload: { ...body('A4', 'portrait', 'pdf'), image: frameImage('A4', 'landscape') },
    });
    expect(landscapeForPortrait.statusCode).toBe(400);
    expect(landscapeForPortrait.json().code).toBe('mapImageProportions');
    expect(landscapeForPortrait.json().message).toContain('A4 纵向图框');

    const letter = await t.app.inject({ method: 'POST', url: '/api/map-print', payload: { ...body('A4', 'portrait', 'pdf'), paper: 'Letter' } });
    expect(letter.statusCode).toBe(400);
  });
});

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { collectErrors } from './helpers/inspector.ts';
import { recordRequests, useServerAndBrowser, waitForMapIdle } from './helpers/browser.ts';
import { REPO_ROOT } from './helpers/paths.ts';

const OUT = path.join(REPO_ROOT, 'test-results');

const suite = useServerAndBrowser();

/** Chooses the page in the print dialog, exports it and saves the download as `name`. */
async function exportMap(page: Page, choice: { paper: string; orientation: string; format: string }, name: string): Promise<Buffer> {
  const dialog = page.getByRole('dialog', { name: '打印地图' });
  await dialog.getByLabel('纸张').selectOption(choice.paper);
  await dialog.getByLabel('方向').selectOption({ label: choice.orientation });
  await dialog.getByLabel('文件格式').selectOption({ label: choice.format });
  const download = page.waitForEvent('download', { timeout: 120_000 });
  await dialog.getByRole('button', { name: '导出' }).click();
  const file = path.join(OUT, name);
  await (await download).saveAs(file);
  await dialog.getByRole('status').filter({ hasText: '地图已导出。' }).waitFor();
  return fs.readFileSync(file);
}

const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

describe('printing the map (打印/导出地图) in a real browser', () => {
  it('exports the current view as an A4 landscape PDF with title, legend and scale bar, and as an A3 portrait PNG, asking nothing of other machines', async () => {
    fs.mkdirSync(OUT, { recursive: true });
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN', acceptDownloads: true });
    const requests = recordRequests(context);
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(suite.server.url);
    await waitForMapIdle(page);

    await page.getByRole('toolbar', { name: '地图工具' }).getByRole('button', { name: '打印' }).click();
    const dialog = page.getByRole('dialog', { name: '打印地图' });
    const title = dialog.getByLabel('标题');
    expect(await title.inputValue()).toMatch(/^正宁县.*矿产资源规划图$/);
    await title.fill('正宁县矿产资源分布图（测试）');

    const pdf = await exportMap(page, { paper: 'A4', orientation: '横向', format: 'PDF' }, 'map-print-a4.pdf');
    const text = execFileSync('pdftotext', ['-raw', path.join(OUT, 'map-print-a4.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('正宁县矿产资源分布图（测试）');
    // The legend names the layers on the map, and only those: farmland is off for visitors.
    expect(text).toContain('图例');
    const legend = text.slice(text.indexOf('图例'));
    for (const layer of ['县界', '乡镇界', '砂石土集中开采区', '恢复治理图斑']) expect(legend).toContain(layer);
    expect(legend).not.toContain('永久基本农田');
    // The scale bar and the numeric scale; north arrow, coordinate system, producer and date.
    expect(text).toMatch(/0\d+(\.\d+)?(千米|米)/);
    expect(text).toMatch(/比例尺约1:[\d,]+/);
    expect(text).toContain('北N');
    expect(text).toContain('CGCS2000');
    expect(text).toMatch(/制图单位：正宁县.*自然资源局/);
    expect(text).toMatch(/制图日期：\d{4}年\d{2}月\d{2}日/);
    const info = execFileSync('pdfinfo', [path.join(OUT, 'map-print-a4.pdf')], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(info).toMatch(/Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)/);
    expect(pdf.length).toBeGreaterThan(50_000);

    const png = await exportMap(page, { paper: 'A3', orientation: '纵向', format: 'PNG 图片' }, 'map-print-a3.png');
    const { width, height } = pngSize(png);
    expect(height / width).toBeCloseTo(420 / 297, 2);
    expect(width).toBeGreaterThan(1700);

    await context.close();
    expect(requests.external(), 'requests that left the machine').toEqual([]);
    expect(errors, 'errors on the page').toEqual([]);
  }, 300_000);
});

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import { REPO_ROOT } from '../src/config.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { pdfText, requirePdfTools } from './helpers/pdf.ts';
import { square } from './helpers/staff.ts';

type Polygon = GeoJSON.Polygon;

/** Page 1 as a PNG at 60 dpi under test-results/, for a person to look at. */
function pageOnePng(pdf: Buffer, name: string): string {
  const dir = path.join(REPO_ROOT, 'test-results');
  fs.mkdirSync(dir, { recursive: true });
  const pdfFile = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(pdfFile, pdf);
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdfFile, path.join(dir, name)]);
  return path.join(dir, `${name}.png`);
}

const demo = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data', 'demo', `${name}.geojson`), 'utf8')) as GeoJSON.FeatureCollection;

const clay = { mineral: 'brickClay', capacity10ktPerYear: 13, rightKind: 'new' };
const redline = demo('eco_redline').features.find((f) => f.properties?.name === '四郎河源头生态保护红线（示范）') as GeoJSON.Feature<Polygon>;
const westCorner = redline.geometry.coordinates[0].reduce((west, p) => (p[0] < west[0] ? p : west));
/** A block half inside the ecological red line. */
const acrossRedline = square(westCorner, 150);
const planningBlock = demo('mining_blocks').features.find((f) => f.properties?.code === 'KC621025-01')!;
const inZone = square(turf.centroid(planningBlock).geometry.coordinates, 60);

describe.each(TEST_DATABASES)('PDF review report on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  let inspector: string;

  beforeAll(async () => {
    requirePdfTools();
    t = await createTestApp(kind);
    admin = await t.login();
    const password = 'inspector-password';
    await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin },
      payload: { username: 'inspector1', displayName: '巡查员', role: 'inspector', password },
    });
    inspector = await t.login('inspector1', password);
  });
  afterAll(() => t?.close());

  // First, before any report has started the shared browser.
  it('answers 503 naming Chromium when it is not installed, never a 500', async () => {
    const saved = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    try {
      const payload = { geometry: inZone, proposal: clay };
      const zh = await t.app.inject({ method: 'POST', url: '/api/check/report', headers: { cookie: admin }, payload });
      expect(zh.statusCode).toBe(503);
      expect(zh.json()).toMatchObject({ code: 'pdfUnavailable', message: expect.stringContaining('Chromium') });
      expect(zh.json().message).toMatch(/apt-get install chromium fonts-noto-cjk/);
      const en = await t.app.inject({ method: 'POST', url: '/api/check/report', headers: { cookie: admin, 'accept-language': 'en' }, payload });
      expect(en.json().message).toMatch(/^The PDF report needs Chromium/);
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
  });

  it('prints a saved proposal: title, county, the red line finding, km² to 4 decimals, corners, map', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/proposals',
      headers: { cookie: admin },
      payload: { name: '四郎河砖瓦用粘土矿拟设区', geometry: acrossRedline, proposal: { ...clay, holder: '正宁县某建材有限公司' } },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id, areaKm2 } = created.json();

    const response = await t.app.inject({ url: `/api/proposals/${id}/report.pdf`, headers: { cookie: inspector } });
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Written before the text checks, so a failing run still leaves the page to look at.
    const png = pageOnePng(response.rawPayload, `report-${kind}-page-1`);
    expect(fs.statSync(png).size).toBeGreaterThan(10_000);

    const text = pdfText(response.rawPayload);
    expect(text).toContain('拟设采矿权审查报告');
    expect(text).toContain('四郎河砖瓦用粘土矿拟设区（第 1 版）');
    expect(text).toContain('正宁县');
    expect(text).toContain('生态保护红线');
    expect(pdfText(response.rawPayload, 'flat')).toContain('与“四郎河源头生态保护红线（示范）”重叠');
    expect(text).toMatch(/审查结论：\s*禁止/);
    // The version of the rule register the check ran under.
    expect(pdfText(response.rawPayload, 'flat')).toMatch(/规则集：zhengning-2021\s*第\s*1\s*版/);
    expect(text).toContain(areaKm2.toFixed(4));
    expect(areaKm2.toFixed(4)).toMatch(/^\d+\.\d{4}$/);
    // Corner table: Y with the 3° zone prefix (36 at 108°E), 2 decimals; DMS seconds to 3 decimals.
    expect(text).toMatch(/36\d{6}\.\d{2}/);
    expect(text).toMatch(/\d{3}°\d{2}′\d{2}\.\d{3}″E/);
    expect(text).toMatch(/图\s*例/);
    expect(text).toMatch(/第 1 页，共 \d+ 页/);
  });

  it('prints an older version on request and answers 404 for one that does not exist', async () => {
    const { id } = (
      await t.app.inject({ method: 'POST', url: '/api/proposals', headers: { cookie: admin }, payload: { name: '两版方案', geometry: inZone, proposal: clay } })
    ).json();
    const saved = await t.app.inject({
      method: 'PUT',
      url: `/api/proposals/${id}`,
      headers: { cookie: admin },
      payload: { baseVersion: 1, geometry: acrossRedline, proposal: clay },
    });
    expect(saved.statusCode).toBe(200);
    const first = await t.app.inject({ url: `/api/proposals/${id}/report.pdf?version=1`, headers: { cookie: admin } });
    expect(first.statusCode).toBe(200);
    const text = pdfText(first.rawPayload);
    expect(text).toContain('两版方案（第 1 版）');
    expect(text).toContain('最新为第 2 版');
    expect(pdfText(first.rawPayload, 'flat')).not.toContain('四郎河源头生态保护红线（示范）');
    const missing = await t.app.inject({ url: `/api/proposals/${id}/report.pdf?version=9`, headers: { cookie: admin } });
    expect(missing.statusCode).toBe(404);
  });

  it("prints a saved version against the licence register as it stood the day the version was saved, not today's", async () => {
    const { id } = (
      await t.app.inject({ method: 'POST', url: '/api/proposals', headers: { cookie: admin }, payload: { name: '去年的方案', geometry: inZone, proposal: clay } })
    ).json();
    // The version was saved on 2025-06-01 (moved back with the append-only trigger lifted, as only the database's owner could).
    await t.db.knex.transaction(async (trx) => {
      await trx.raw('ALTER TABLE proposal_versions DISABLE TRIGGER USER');
      await trx.raw("UPDATE proposal_versions SET created_at = '2025-06-01T10:00:00+08:00' WHERE proposal_id = ?", [id]);
      await trx.raw('ALTER TABLE proposal_versions ENABLE TRIGGER USER');
    });
    // A right on the block, registered later (effective 2025-09-01).
    const licenceNo = 'C6210002025097110000077';
    const registered = await t.app.inject({
      method: 'POST',
      url: '/api/licences',
      headers: { cookie: admin },
      payload: {
        collection: 'mining_rights', licenceNo, mineName: '后来的砖厂', holder: '后来建材有限公司', mineral: 'brickClay', miningMethod: 'openPit', scaleClass: 'small',
        capacity10ktPerYear: 6, validFrom: '2025-09-01', validTo: '2030-09-01', documentNo: '宁自然资矿字〔2025〕77号', effectiveOn: '2025-09-01', geometry: inZone,
      },
    });
    expect(registered.statusCode, registered.body).toBe(200);
    const today = await t.app.inject({ method: 'POST', url: '/api/check/report', headers: { cookie: admin }, payload: { geometry: inZone, proposal: clay } });
    expect(pdfText(today.rawPayload, 'flat')).toContain(licenceNo);
    const saved = await t.app.inject({ url: `/api/proposals/${id}/report.pdf?version=1`, headers: { cookie: admin } });
    expect(saved.statusCode).toBe(200);
    expect(pdfText(saved.rawPayload)).toContain('矿业权台账：截至 2025-06-01 当日结束时');
    expect(pdfText(saved.rawPayload, 'flat')).not.toContain(licenceNo);
  });

  it('prints an unsaved block from the body of /api/check, for signed-in staff only', async () => {
    const payload = { geometry: acrossRedline, proposal: clay };
    expect((await t.app.inject({ method: 'POST', url: '/api/check/report', payload })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/proposals/1/report.pdf' })).statusCode).toBe(401);
    const response = await t.app.inject({ method: 'POST', url: '/api/check/report', headers: { cookie: inspector }, payload });
    expect(response.statusCode).toBe(200);
    const check = (await t.app.inject({ method: 'POST', url: '/api/check', headers: { cookie: inspector }, payload })).json();
    const text = pdfText(response.rawPayload);
    expect(text).toContain('拟设采矿权审查报告');
    expect(text).toContain('生态保护红线');
    expect(text).toContain(check.areaKm2.toFixed(4));
    expect(text).toContain(`矿业权台账：截至 ${check.asOf} 当日结束时`);
    // Asked as of a past day, as 正式审查 can be: the report reads that day's register and names it.
    const past = await t.app.inject({ method: 'POST', url: '/api/check/report?asOf=2020-01-01', headers: { cookie: inspector }, payload });
    expect(past.statusCode).toBe(200);
    expect(pdfText(past.rawPayload)).toContain('矿业权台账：截至 2020-01-01 当日结束时');
    const bad = await t.app.inject({ method: 'POST', url: '/api/check/report', headers: { cookie: inspector }, payload: { proposal: clay } });
    expect(bad.statusCode).toBe(400);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/config.ts';
import { auditedWrite } from '../src/plugins/app/audit/audited-write.ts';
import { signInStaff } from './helpers/staff.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';

type Polygon = GeoJSON.Feature<GeoJSON.Polygon>;
const rights = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data', 'demo', 'mining_rights.geojson'), 'utf8')) as GeoJSON.FeatureCollection).features as Polygon[];
const demo04 = rights.find((f) => String(f.properties!.licenceNo).endsWith('DEMO04'))!;

/** Patches in a round: more than one turn's serialising (200) and several chunks' reading (100). */
const COUNT = 450;

/**
 * `count` 5 m squares in a row across right DEMO04's box, some inside it, some outside; coded so
 * that each run of codes (`BIG-0-…`, `BIG-1-…`) spans the whole row.
 */
function squares(count: number) {
  const ring = demo04.geometry.coordinates[0]!;
  const [w, e] = [Math.min(...ring.map((p) => p[0]!)), Math.max(...ring.map((p) => p[0]!))];
  const midLat = (Math.min(...ring.map((p) => p[1]!)) + Math.max(...ring.map((p) => p[1]!))) / 2;
  const side = 0.00005;
  return Array.from({ length: count }, (_, i) => {
    const x = Number((w - 0.002 + ((e - w + 0.004) * i) / count).toFixed(7));
    const y = Number(midLat.toFixed(7));
    const coordinates = [[[x, y], [x + side, y], [x + side, y + side], [x, y + side], [x, y]].map(([a, b]) => [Number(a!.toFixed(7)), Number(b!.toFixed(7))])];
    return { type: 'Feature', properties: { code: `BIG-${i % 5}-${String(i).padStart(4, '0')}` }, geometry: { type: 'Polygon', coordinates } };
  });
}

describe.each(TEST_DATABASES)('a large detection round on %s', (kind) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  const round = '2026年大批次';
  const roundUrl = `/api/patches?round=${encodeURIComponent(round)}`;
  const classesOf = (body: { features: { properties: { code: string; classification: string } }[] }) =>
    body.features.map((f) => [f.properties.code, f.properties.classification]);

  beforeAll(async () => {
    t = await createTestApp(kind);
    Object.assign(cookies, await signInStaff(t));
  });
  afterAll(() => t?.close());

  it('answers all of it, in code order, the same when loaded and when read, as one JSON document sent in pieces', async () => {
    const features = squares(COUNT);
    const loaded = await t.app.inject({
      method: 'POST',
      url: '/api/patches',
      headers: { cookie: cookies.inspector1 },
      payload: { detectionRound: round, detectedOn: '2026-11-30', features: { type: 'FeatureCollection', features } },
    });
    expect(loaded.statusCode, loaded.body.slice(0, 500)).toBe(201);
    expect(loaded.headers['content-type']).toBe('application/json; charset=utf-8');
    // Sent as a stream: no length known beforehand.
    expect(loaded.headers['content-length']).toBeUndefined();
    const body = loaded.json();
    expect(body).toMatchObject({ type: 'FeatureCollection', asOf: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(body.features.map((f: { properties: { code: string } }) => f.properties.code)).toEqual(features.map((f) => f.properties.code).sort());
    const classes = new Set(body.features.map((f: { properties: { classification: string } }) => f.properties.classification));
    expect(classes).toContain('legal');

    const read = await t.app.inject({ url: roundUrl, headers: { cookie: cookies.planner1 } });
    expect(read.statusCode).toBe(200);
    expect(read.body).toBe(loaded.body);
    // As the route's schema serialises a feature: the zones' overlaps stay out, as in a small answer.
    const small = await t.app.inject({ url: '/api/patches?round=2025年第四季度', headers: { cookie: cookies.planner1 } });
    expect(small.headers['content-length']).toBeDefined();
    expect(Object.keys(body.features[0])).toEqual(Object.keys(small.json().features[0]));
    expect(Object.keys(body.features[0].properties)).toEqual(expect.arrayContaining(['id', 'code', 'areaM2', 'classification', 'licenceNos', 'ledgerEntryId']));
  });

  it.runIf(kind === 'pglite')('reads the round again when a write comes between two of its chunks: one answer, one state of the register', async () => {
    const licenceNo = demo04.properties!.licenceNo as string;
    const before = classesOf((await t.app.inject({ url: roundUrl, headers: { cookie: cookies.planner1 } })).json());
    expect(before.filter(([, c]) => c === 'legal').length).toBeGreaterThan(0);

    // After the first chunk is read, the licence is suspended (an audited write), before the next.
    let chunks = 0;
    const onResponse = (_response: unknown, query: { sql: string }) => {
      if (!query.sql.includes('p.code > ') || chunks++ !== 0) return;
      void auditedWrite(t.app, {
        by: null,
        action: 'suspend',
        entity: 'mining_rights',
        entityId: licenceNo,
        write: (trx) => trx('mining_rights').where({ licence_no: licenceNo }).update({ right_status: 'suspended' }),
      });
    };
    t.db.knex.on('query-response', onResponse);
    try {
      const during = classesOf((await t.app.inject({ url: roundUrl, headers: { cookie: cookies.planner1 } })).json());
      // Every patch as the register stood after the write: none is legal under a suspended licence.
      expect(during.filter(([, c]) => c === 'legal')).toEqual([]);
      expect(during.map(([code]) => code)).toEqual(before.map(([code]) => code));
      // Read twice: the first reading's chunks (5) were not kept.
      expect(chunks).toBe(10);
    } finally {
      t.db.knex.off('query-response', onResponse);
      await t.db.knex('mining_rights').where({ licence_no: licenceNo }).update({ right_status: 'active' });
    }
  });
});

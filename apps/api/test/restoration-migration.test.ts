import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { Database } from '../src/db/connect.ts';
import * as restorationMigration from '../src/db/migrations/006-restoration.ts';
import { TEST_ADMIN_PASSWORD, TEST_DATABASES, openEmptyDatabase } from './helpers/databases.ts';

const square = (lon: number, lat: number, d: number) => ({
  type: 'MultiPolygon',
  coordinates: [[[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]]],
});

describe.each(TEST_DATABASES)('a fresh county, and parcels that had a status before progress records, on %s', (kind) => {
  let db: Database;
  let app: FastifyInstance;
  let admin: string;

  beforeAll(async () => {
    db = await openEmptyDatabase(kind);
    app = await buildApp({
      db,
      config: { ...loadConfig({}), logLevel: 'warn' },
      logger: false,
    });
    await app.ready();
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: TEST_ADMIN_PASSWORD } });
    admin = `mpm_session=${login.cookies.find((c) => c.name === 'mpm_session')!.value}`;
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('has no targets, stated totals or plan period until an admin sets them', async () => {
    expect((await app.inject({ url: '/api/restoration/targets' })).json()).toEqual({ targets: [], statedTotals: [], period: null, version: 0 });
    const summary = (await app.inject({ url: '/api/restoration/summary?asOf=2022-12-31' })).json();
    expect(summary).toMatchObject({ rows: [], details: [], discrepancies: [], period: null });

    const target = { year: 2024, categories: ['production'], targetMu: 10, source: '县方案' };
    const put = (payload: object) =>
      app.inject({ method: 'PUT', url: '/api/restoration/targets', payload, headers: { cookie: admin, 'accept-language': 'en' } });
    const missing = await put({ targets: [target], statedTotals: [] });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().code).toBe('restorationPeriodMissing');
    const saved = await put({ targets: [target], statedTotals: [], period: { fromYear: 2024, toYear: 2026, source: '县规划' } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ targets: [target], period: { fromYear: 2024, toYear: 2026 } });
    expect((await app.inject({ url: '/api/restoration/parcels?year=2027' })).json().code).toBe('yearOutsidePlan');
  });

  it('moves a parcel’s old status and completion date into progress records, and back on rollback', async () => {
    const knex = db.knex;
    await restorationMigration.down(knex);
    await knex('admin_areas').insert({
      level: 'township',
      name: '试验镇',
      admin_code: '999000100',
      geom: knex.raw('ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(?), 4490))', [JSON.stringify(square(108.4, 35.5, 0.05))]),
    });
    const parcel = (code: string, status: string, completedOn: string | null, lon: number) => ({
      code,
      name: code,
      mine_category: 'abandoned',
      township_code: '999000100',
      planned_year: 2020,
      restoration_status: status,
      completed_on: completedOn,
      geom: knex.raw('ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(?), 4490))', [JSON.stringify(square(lon, 35.5, 0.001))]),
    });
    await knex('restoration_parcels').insert([
      parcel('T-1', 'accepted', '2021-03-02', 108.39),
      parcel('T-2', 'underWay', null, 108.4),
      parcel('T-3', 'planned', null, 108.41),
    ]);
    await restorationMigration.up(knex);

    const rows = await knex('restoration_progress as r')
      .join('restoration_parcels as p', 'p.id', 'r.parcel_id')
      .select('p.code', knex.raw(`to_char(r.recorded_on, 'YYYY-MM-DD') AS "recordedOn"`), 'r.status', knex.raw('r.done_mu::float8 AS "doneMu"'))
      .orderBy(['p.code', 'r.id']);
    const features = (await app.inject({ url: '/ogc/collections/restoration_parcels/items' })).json().features;
    const area = features.find((f: { properties: { code: string } }) => f.properties.code === 'T-1').properties.areaMu;
    expect(area).toBeGreaterThan(0);
    expect(rows).toEqual([
      { code: 'T-1', recordedOn: '2020-01-01', status: 'underWay', doneMu: 0 },
      { code: 'T-1', recordedOn: '2021-03-02', status: 'accepted', doneMu: area },
      { code: 'T-2', recordedOn: '2020-01-01', status: 'underWay', doneMu: 0 },
    ]);
    expect(features.map((f: { properties: Record<string, unknown> }) => [f.properties.restorationStatus, f.properties.completedOn])).toEqual([
      ['accepted', '2021-03-02'],
      ['underWay', null],
      ['planned', null],
    ]);

    await restorationMigration.down(knex);
    const restored = await knex('restoration_parcels')
      .select('code', 'restoration_status AS status', knex.raw(`to_char(completed_on, 'YYYY-MM-DD') AS "completedOn"`))
      .orderBy('code');
    expect(restored).toEqual([
      { code: 'T-1', status: 'accepted', completedOn: '2021-03-02' },
      { code: 'T-2', status: 'underWay', completedOn: null },
      { code: 'T-3', status: 'planned', completedOn: null },
    ]);
    await restorationMigration.up(knex);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTION_IDS } from '@mpm/domain';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';

const STAFF_ONLY_BY_DEFAULT = ['eco_redline', 'farmland', 'forest_land', 'grassland', 'wetland', 'water_sources', 'residential_areas', 'change_patches'];

describe.each(TEST_DATABASES)('layer catalogue on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t?.close());

  it('shows anonymous users only the public layers', async () => {
    const response = await t.app.inject('/api/layers');
    expect(response.statusCode).toBe(200);
    const ids = response.json().layers.map((l: { id: string }) => l.id);
    expect(ids).toEqual(COLLECTION_IDS.filter((id) => !STAFF_ONLY_BY_DEFAULT.includes(id)));
  });

  it('shows staff every layer, each with data and bounds inside the county', async () => {
    const cookie = await t.login();
    const { layers } = (await t.app.inject({ url: '/api/layers', headers: { cookie } })).json();
    expect(layers.map((l: { id: string }) => l.id)).toEqual([...COLLECTION_IDS]);
    const county = layers.find((l: { id: string }) => l.id === 'county').bounds;
    for (const layer of layers) {
      expect(layer.bounds, layer.id).not.toBeNull();
      const [minX, minY, maxX, maxY] = layer.bounds;
      expect(minX).toBeGreaterThanOrEqual(county[0] - 1e-9);
      expect(minY).toBeGreaterThanOrEqual(county[1] - 1e-9);
      expect(maxX).toBeLessThanOrEqual(county[2] + 1e-9);
      expect(maxY).toBeLessThanOrEqual(county[3] + 1e-9);
    }
  });

  it('gives the web app the county bounds and no basemap key unless configured', async () => {
    const config = (await t.app.inject('/api/config')).json();
    expect(config.bounds).toHaveLength(4);
    expect(config.tiandituKey).toBeNull();
    expect(config.database).toBe(kind);
  });

  it('stores every demo geometry valid, in EPSG:4490', async () => {
    for (const table of ['admin_areas', 'protected_areas', 'mining_rights', 'restoration_parcels', 'change_patches']) {
      const rows = await t.db.knex(table).select(
        t.db.knex.raw('bool_and(ST_IsValid(geom)) AS valid'),
        t.db.knex.raw('min(ST_SRID(geom)) AS srid'),
        t.db.knex.raw('count(*)::int AS n'),
      );
      expect(rows[0], table).toMatchObject({ valid: true, srid: 4490 });
      expect(rows[0].n, table).toBeGreaterThan(0);
    }
  });

  it('reproduces the 专栏二 concentrated zones: 0.2800 and 0.2200 km² on the ellipsoid', async () => {
    const rows = await t.db.knex('concentrated_zones')
      .select('name', t.db.knex.raw('round((ST_Area(geom::geography) / 1e6)::numeric, 4)::float8 AS km2'))
      .orderBy('km2', 'desc');
    expect(rows).toEqual([
      { name: '正宁县榆林子镇党家村砂石土集中开采区（示范）', km2: 0.28 },
      { name: '正宁县山河镇蔡峪村砂石土集中开采区（示范）', km2: 0.22 },
    ]);
  });

  it('reproduces the base-year rights: 5 mining (1 coal, 4 clay; 1 large, 4 small) and 1 exploration', async () => {
    const mining = await t.db.knex('mining_rights').whereNot({ right_status: 'revoked' }).select('mineral', 'scale_class');
    expect(mining).toHaveLength(5);
    expect(mining.filter((r) => r.mineral === 'coal')).toHaveLength(1);
    expect(mining.filter((r) => r.mineral === 'brickClay')).toHaveLength(4);
    expect(mining.filter((r) => r.scale_class === 'large')).toHaveLength(1);
    expect(mining.filter((r) => r.scale_class === 'small')).toHaveLength(4);
    const [{ n }] = await t.db.knex('exploration_rights').count<{ n: string }[]>({ n: '*' });
    expect(Number(n)).toBe(1);
    const [{ accounts, total }] = await t.db.knex('mining_rights')
      .whereNotNull('restoration_fund_10k_yuan')
      .select(t.db.knex.raw('count(*)::int AS accounts'), t.db.knex.raw('sum(restoration_fund_10k_yuan)::float8 AS total'));
    expect({ accounts, total }).toEqual({ accounts: 4, total: 12.28 });
  });

  it('reproduces the Xinbin yearly restoration targets in mu', async () => {
    const rows = await t.db.knex('restoration_parcels')
      .select(
        'planned_year',
        t.db.knex.raw(`CASE WHEN mine_category = 'production' THEN 'production' ELSE 'closed' END AS category`),
        t.db.knex.raw('round(sum(ST_Area(geom::geography) * 15 / 10000)::numeric, 1)::float8 AS mu'),
      )
      .groupByRaw('1, 2')
      .orderByRaw('1, 2');
    expect(rows).toEqual([
      { planned_year: 2019, category: 'closed', mu: 96 },
      { planned_year: 2019, category: 'production', mu: 40.4 },
      { planned_year: 2020, category: 'closed', mu: 96 },
      { planned_year: 2020, category: 'production', mu: 41.6 },
      { planned_year: 2021, category: 'closed', mu: 36 },
      { planned_year: 2021, category: 'production', mu: 106 },
      { planned_year: 2022, category: 'closed', mu: 45 },
      { planned_year: 2022, category: 'production', mu: 106 },
    ]);
  });

  it('answers unknown routes with a JSON 404 naming the route', async () => {
    const response = await t.app.inject('/api/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(response.json().message).toContain('/api/nothing-here');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MIN_BLOCK_AREA_M2 } from '@mpm/domain';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { square } from './helpers/staff.ts';

const clay = { mineral: 'brickClay', capacity10ktPerYear: 13, rightKind: 'new' };
/** Inside the demo county: a 0.25 m² block (a slip), and a 30 m × 30 m one (900 m²). */
const centre = [108.42, 35.47];
const slip = square(centre, 0.25);
const small = square(centre, 15);

/** Issue #12: a block smaller than the county's minimum sensible area is refused, by the check and by saving. */
describe.each(TEST_DATABASES)('the minimum block area on %s', (kind) => {
  let t: TestApp;
  let cookie: string;
  const post = (url: string, payload: object, lang = 'zh-CN') =>
    t.app.inject({ method: 'POST', url, payload, headers: { cookie, 'accept-language': lang } });

  beforeAll(async () => {
    t = await createTestApp(kind);
    cookie = await t.login();
  });
  afterAll(() => t?.close());

  it('refuses a 0.25 m² block at the check and at saving, in the user’s language, naming the area and the minimum', async () => {
    const config = await t.app.inject({ method: 'GET', url: '/api/config' });
    expect(config.json().minBlockAreaM2).toBe(DEFAULT_MIN_BLOCK_AREA_M2);

    const checked = await post('/api/check', { geometry: slip, proposal: clay });
    expect(checked.statusCode, checked.body).toBe(400);
    expect(checked.json()).toMatchObject({ code: 'blockTooSmall' });
    expect(checked.json().message).toMatch(/^地块面积仅 0\.2\d 平方米，小于本县设置的最小地块面积 400 平方米/);
    const english = await post('/api/check', { geometry: slip, proposal: clay }, 'en');
    expect(english.json().message).toMatch(/^The block is only 0\.2\d m², smaller than the county's minimum block area of 400 m²/);

    const saved = await post('/api/proposals', { name: '误点的地块', geometry: slip, proposal: clay });
    expect(saved.statusCode, saved.body).toBe(400);
    expect(saved.json().code).toBe('blockTooSmall');
    expect(Number((await t.db.knex('proposals').where({ name: '误点的地块' }).count({ n: '*' }))[0].n)).toBe(0);
  });

  it('follows the admin’s setting: audited, served in /api/config, and applied at the next check', async () => {
    expect((await post('/api/check', { geometry: small, proposal: clay })).statusCode).toBe(200);
    const put = await t.app.inject({ method: 'PUT', url: '/api/settings/blocks', headers: { cookie }, payload: { minBlockAreaM2: 1000, baseVersion: 0 } });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ minBlockAreaM2: 1000, defaultMinBlockAreaM2: DEFAULT_MIN_BLOCK_AREA_M2, version: 1 });
    expect((await t.app.inject({ method: 'GET', url: '/api/config' })).json().minBlockAreaM2).toBe(1000);
    const refused = await post('/api/check', { geometry: small, proposal: clay });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('小于本县设置的最小地块面积 1,000 平方米');
    const audit = await t.db.knex('audit_log').where({ entity: 'county_settings', entity_id: 'blocks' });
    expect(audit).toHaveLength(1);
  });
});

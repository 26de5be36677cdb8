import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import { REPO_ROOT } from '../src/config.ts';
import { chinaToday } from '../src/plugins/app/reports/china-time.ts';
import { signInStaff } from './helpers/staff.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';

const demo = (name: string) =>
  (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data', 'demo', `${name}.geojson`), 'utf8')) as GeoJSON.FeatureCollection).features;
const demoRights = [
  ...demo('mining_rights').map((f) => ({ collection: 'mining_rights', ...f.properties })),
  ...demo('exploration_rights').map((f) => ({ collection: 'exploration_rights', rightStatus: 'active', ...f.properties })),
] as { collection: string; licenceNo: string; validTo: string; rightStatus: string; mineName?: string; holder: string }[];

const daysFrom = (today: string, date: string) => Math.round((Date.parse(date) - Date.parse(today)) / 86_400_000);

/** The register as it should read on `today`, worked out here from the demo files. */
function expectedRegister(today: string, withinDays: number, status: Record<string, string> = {}) {
  const rank = { expired: 0, revoked: 2 } as Record<string, number>;
  return demoRights
    .map((right) => {
      const daysLeft = daysFrom(today, right.validTo);
      const rightStatus = status[right.licenceNo] ?? right.rightStatus;
      const state =
        rightStatus === 'revoked'
          ? 'revoked'
          : daysLeft < 0
            ? 'expired'
            : rightStatus === 'suspended'
              ? 'suspended'
              : daysLeft <= withinDays
                ? 'expiringSoon'
                : 'valid';
      return { licenceNo: right.licenceNo, state, daysLeft, validTo: right.validTo };
    })
    .sort((a, b) => (rank[a.state] ?? 1) - (rank[b.state] ?? 1) || a.validTo.localeCompare(b.validTo))
    .map(({ licenceNo, state, daysLeft }) => ({ licenceNo, state, daysLeft }));
}

describe('China-time day', () => {
  it('is the calendar day in Beijing, which runs eight hours ahead of UTC', () => {
    expect(chinaToday(new Date('2026-11-23T15:59:59Z'))).toBe('2026-11-23');
    expect(chinaToday(new Date('2026-11-23T16:00:00Z'))).toBe('2026-11-24');
    expect(chinaToday(new Date('2024-06-30T15:59:59Z'))).toBe('2024-06-30');
  });
});

describe.each(TEST_DATABASES)('licence register and inspection settings on %s', (kind) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  const call = (method: 'GET' | 'PUT', url: string, who: string | null, payload?: object) =>
    t.app.inject({ method, url, payload, headers: who ? { cookie: cookies[who] } : {} });
  /** The register, with the day (China time) it was read on; retried if the day turned meanwhile. */
  const register = async (query = '', who = 'inspector1') => {
    for (;;) {
      const today = chinaToday();
      const response = await call('GET', `/api/rights${query}`, who);
      expect(response.statusCode, response.body).toBe(200);
      if (chinaToday() === today) return { today, body: response.json() };
    }
  };
  const brief = (rights: { licenceNo: string; state: string; daysLeft: number }[]) =>
    rights.map(({ licenceNo, state, daysLeft }) => ({ licenceNo, state, daysLeft }));

  beforeAll(async () => {
    t = await createTestApp(kind);
    Object.assign(cookies, await signInStaff(t));
  });
  afterAll(() => t?.close());

  it('lists every right with its state today, expired first, then by the day they end', async () => {
    const { today, body } = await register();
    expect(body.expiringWithinDays).toBe(90);
    expect(brief(body.rights)).toEqual(expectedRegister(today, 90));
    expect(body.rights[0]).toMatchObject({ licenceNo: expect.stringMatching(/DEMO05$/), state: 'expired' });
    const coal = body.rights.find((r: { licenceNo: string }) => r.licenceNo.endsWith('7130DEMO01'));
    const source = demo('mining_rights').find((f) => f.properties!.licenceNo === coal.licenceNo)!;
    expect(coal).toMatchObject({
      collection: 'mining_rights',
      mineName: source.properties!.mineName,
      holder: source.properties!.holder,
      mineral: 'coal',
      validFrom: source.properties!.validFrom,
      validTo: source.properties!.validTo,
    });
    expect(coal.bbox.map((v: number) => v.toFixed(6))).toEqual(turf.bbox(source).map((v) => v.toFixed(6)));
    expect(body.rights.find((r: { collection: string }) => r.collection === 'exploration_rights').mineName).toBeNull();
  });

  it('counts a licence as expiring within N days, the last day included', async () => {
    const clay = demoRights.find((r) => r.licenceNo.endsWith('DEMO02'))!;
    const days = daysFrom(chinaToday(), clay.validTo);
    for (const within of [days, days - 1, 0, 3650]) {
      const { today, body } = await register(`?expiringWithinDays=${within}`);
      expect(body.expiringWithinDays).toBe(within);
      expect(brief(body.rights), `within ${within}`).toEqual(expectedRegister(today, within));
    }
    const { body } = await register(`?expiringWithinDays=${days}`);
    expect(body.rights.find((r: { licenceNo: string }) => r.licenceNo === clay.licenceNo).state).toBe('expiringSoon');
    for (const bad of ['-1', '3651', 'soon', '1.5']) {
      expect((await call('GET', `/api/rights?expiringWithinDays=${bad}`, 'inspector1')).statusCode, bad).toBe(400);
    }
  });

  it('shows suspended and revoked licences as such; revoked ones last', async () => {
    const [suspended, revoked] = ['DEMO03', 'DEMO04'].map((serial) => demoRights.find((r) => r.licenceNo.endsWith(serial))!.licenceNo);
    try {
      await t.db.knex('mining_rights').where({ licence_no: suspended }).update({ right_status: 'suspended' });
      await t.db.knex('mining_rights').where({ licence_no: revoked }).update({ right_status: 'revoked' });
      const { today, body } = await register();
      const status = { [suspended]: 'suspended', [revoked]: 'revoked' };
      expect(brief(body.rights)).toEqual(expectedRegister(today, 90, status));
      expect(body.rights.at(-1)).toMatchObject({ licenceNo: revoked, state: 'revoked' });
    } finally {
      await t.db.knex('mining_rights').whereIn('licence_no', [suspended, revoked]).update({ right_status: 'active' });
    }
  });

  it('serves the register to staff only', async () => {
    expect((await call('GET', '/api/rights', null)).statusCode).toBe(401);
    for (const who of ['inspector1', 'planner1', 'admin']) expect((await call('GET', '/api/rights', who)).statusCode).toBe(200);
  });

  it('lets an admin change the default window, audited, and the register follows it', async () => {
    expect((await call('GET', '/api/settings/inspection', null)).statusCode).toBe(401);
    expect((await call('GET', '/api/settings/inspection', 'planner1')).json()).toEqual({ expiringWithinDays: 90, version: 0, updatedAt: null, updatedBy: null });
    expect((await call('PUT', '/api/settings/inspection', null, { expiringWithinDays: 600 })).statusCode).toBe(401);
    expect((await call('PUT', '/api/settings/inspection', 'inspector1', { expiringWithinDays: 600 })).statusCode).toBe(403);
    for (const bad of [{}, { expiringWithinDays: -1 }, { expiringWithinDays: 3651 }, { expiringWithinDays: 1.5 }, { expiringWithinDays: 30, more: 1 }]) {
      expect((await call('PUT', '/api/settings/inspection', 'admin', bad)).statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect((await call('GET', '/api/settings/inspection', 'admin')).json()).toMatchObject({ expiringWithinDays: 90, version: 0 });

    const saved = await call('PUT', '/api/settings/inspection', 'admin', { expiringWithinDays: 600 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ expiringWithinDays: 600, version: 1 });
    const [entry] = await t.db.knex('audit_log').where({ entity: 'county_settings', entity_id: 'inspection' }).orderBy('id', 'desc').limit(1);
    expect(entry).toMatchObject({ action: 'update', detail: { before: { expiringWithinDays: 90 }, after: { expiringWithinDays: 600 } } });

    const { today, body } = await register();
    expect(body.expiringWithinDays).toBe(600);
    expect(brief(body.rights)).toEqual(expectedRegister(today, 600));
    expect((await register('?expiringWithinDays=0')).body.expiringWithinDays).toBe(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';

/**
 * A versioned county setting: where it is read, how a change to it is made (the `n`th change
 * differs from the one before), how its value is picked out of an answer, and its audit entries.
 */
interface VersionedRecord {
  name: string;
  read: string;
  write: string;
  change(n: number, current: Record<string, unknown>): Record<string, unknown>;
  value(answer: Record<string, unknown>): unknown;
  audit: { entity: string; entity_id?: string };
  /** Words of the 409 naming the setting. */
  label: string;
}

/** A layer's entry of `GET /api/layers`, as the layer answers are compared. */
const miningRights = (answer: Record<string, unknown>) =>
  (answer.layers as Record<string, unknown>[] | undefined)?.find((layer) => layer.id === 'mining_rights') ?? answer;

const RECORDS: VersionedRecord[] = [
  {
    name: 'buffer widths',
    read: '/api/settings/buffers',
    write: '/api/settings/buffers',
    change: (n) => ({ countyRoadM: 100 + n }),
    value: (answer) => answer.buffers,
    audit: { entity: 'county_settings', entity_id: 'buffers' },
    label: '缓冲距离设置',
  },
  {
    name: 'indicator targets',
    read: '/api/settings/indicators',
    write: '/api/settings/indicators',
    change: (n) => ({ maxMines: 7 + n }),
    value: (answer) => answer.indicators,
    audit: { entity: 'county_settings', entity_id: 'indicators' },
    label: '规划指标目标设置',
  },
  {
    name: 'inspection settings',
    read: '/api/settings/inspection',
    write: '/api/settings/inspection',
    change: (n) => ({ expiringWithinDays: 60 + n }),
    value: (answer) => answer.expiringWithinDays,
    audit: { entity: 'county_settings', entity_id: 'inspection' },
    label: '巡查设置',
  },
  {
    name: 'minimum block area',
    read: '/api/settings/blocks',
    write: '/api/settings/blocks',
    change: (n) => ({ minBlockAreaM2: 400 + n }),
    value: (answer) => answer.minBlockAreaM2,
    audit: { entity: 'county_settings', entity_id: 'blocks' },
    label: '最小地块面积设置',
  },
  {
    name: 'county profile',
    read: '/api/settings/county',
    write: '/api/settings/county',
    change: (n) => ({ name: `正宁县${n}`, adminCode: '621025', gkZone: 36 }),
    value: (answer) => answer.county,
    audit: { entity: 'county_settings', entity_id: 'county' },
    label: '县情设置',
  },
  {
    name: 'layer publication',
    read: '/api/layers',
    write: '/api/layers/mining_rights',
    change: (n) => ({ hiddenFields: n % 2 === 0 ? [] : ['mineName'] }),
    value: (answer) => {
      const layer = miningRights(answer);
      return { isPublic: layer.isPublic, hiddenFields: layer.hiddenFields };
    },
    audit: { entity: 'layer_settings', entity_id: 'mining_rights' },
    label: '发布设置',
  },
  {
    name: 'restoration targets',
    read: '/api/restoration/targets',
    write: '/api/restoration/targets',
    change: (n, current) => ({
      targets: (current.targets as { targetMu: number }[]).map((target, i) => (i === 0 ? { ...target, targetMu: 40 + n } : target)),
      statedTotals: current.statedTotals,
    }),
    value: (answer) => ({ targets: answer.targets, statedTotals: answer.statedTotals, period: answer.period }),
    audit: { entity: 'restoration_targets' },
    label: '恢复治理目标',
  },
];

describe.each(TEST_DATABASES)('versions of the county settings on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  let other: string;
  const call = async (method: 'GET' | 'PUT', url: string, cookie: string, payload?: object) => {
    const response = await t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
    return { status: response.statusCode, body: response.json() as Record<string, unknown>, text: response.body };
  };
  const auditCount = async (where: VersionedRecord['audit']) => Number((await t.db.knex('audit_log').where(where).count({ n: '*' }))[0].n);

  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await t.login();
    const user = { username: 'admin2', displayName: '第二管理员', role: 'admin', password: 'a-long-password' };
    expect((await t.app.inject({ method: 'POST', url: '/api/users', payload: user, headers: { cookie: admin } })).statusCode).toBe(201);
    other = await t.login(user.username, user.password);
  }, 120_000);
  afterAll(() => t?.close());

  it.each(RECORDS)('$name: a stale baseVersion is a 409 naming who and when, writing nothing; a fresh one or none saves', async (record) => {
    const read = async () => {
      const { status, body } = await call('GET', record.read, admin);
      expect(status).toBe(200);
      const stamped = record.read === '/api/layers' ? miningRights(body) : body;
      return { version: stamped.version as number, updatedBy: stamped.updatedBy, value: record.value(body), body };
    };
    const loaded = await read();
    expect(loaded.version).toBeGreaterThanOrEqual(0);

    // Another admin saves first, from the version both loaded.
    const first = await call('PUT', record.write, other, { ...record.change(1, loaded.body), baseVersion: loaded.version });
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({ version: loaded.version + 1, updatedBy: '第二管理员' });
    expect(Date.parse(first.body.updatedAt as string)).toBeGreaterThan(Date.now() - 60_000);
    const afterFirst = await read();
    expect(afterFirst).toMatchObject({ version: loaded.version + 1, updatedBy: '第二管理员' });

    // The first admin's change, made to the version loaded before, is refused and names them.
    const audits = await auditCount(record.audit);
    const stale = await call('PUT', record.write, admin, { ...record.change(2, loaded.body), baseVersion: loaded.version });
    expect(stale.status, stale.text).toBe(409);
    expect(stale.body.code).toBe('versionConflict');
    const message = stale.body.message as string;
    expect(message).toContain(record.label);
    expect(message).toContain('第二管理员');
    expect(message).toContain(`第 ${loaded.version + 1} 版`);
    expect(message).toContain(`第 ${loaded.version} 版`);
    expect(message).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）/);
    expect(await read()).toEqual(afterFirst);
    expect(await auditCount(record.audit)).toBe(audits);

    // English callers get it in English.
    const english = await t.app.inject({
      method: 'PUT',
      url: record.write,
      headers: { cookie: admin, 'accept-language': 'en' },
      payload: { ...record.change(2, loaded.body), baseVersion: loaded.version },
    });
    expect(english.statusCode).toBe(409);
    expect(english.json().message).toContain(`version ${loaded.version + 1} by 第二管理员`);

    // From the current version, the change is saved and counted.
    const fresh = await call('PUT', record.write, admin, { ...record.change(3, afterFirst.body), baseVersion: afterFirst.version });
    expect(fresh.status, fresh.text).toBe(200);
    expect(fresh.body.version).toBe(loaded.version + 2);
    expect(fresh.body.updatedBy).not.toBe('第二管理员');
    const [entry] = await t.db.knex('audit_log').where(record.audit).orderBy('id', 'desc').limit(1);
    expect(entry.detail).toMatchObject({ fromVersion: loaded.version + 1, version: loaded.version + 2 });

    // Without a base version (older clients), the change applies to whatever is current.
    const blind = await call('PUT', record.write, admin, record.change(4, fresh.body));
    expect(blind.status, blind.text).toBe(200);
    expect(blind.body.version).toBe(loaded.version + 3);
    expect(await auditCount(record.audit)).toBe(audits + 2);
  });

  it('of two saves at once from one version, keeps one and refuses the other', async () => {
    for (const [url, change] of [
      ['/api/settings/buffers', (n: number) => ({ bridgeM: 300 + n })],
      ['/api/layers/mining_rights', (n: number) => ({ hiddenFields: n === 1 ? ['mineName'] : [] })],
    ] as const) {
      const before = (await call('GET', url === '/api/layers/mining_rights' ? '/api/layers' : url, admin)).body;
      const { version } = url === '/api/layers/mining_rights' ? (miningRights(before) as { version: number }) : (before as { version: number });
      const answers = await Promise.all([
        call('PUT', url, admin, { ...change(1), baseVersion: version }),
        call('PUT', url, other, { ...change(2), baseVersion: version }),
      ]);
      expect(answers.map((a) => a.status).sort(), url).toEqual([200, 409]);
      expect(answers.find((a) => a.status === 200)!.body.version).toBe(version + 1);
    }
  });

  it('refuses a change that gives only its base version', async () => {
    for (const url of ['/api/settings/buffers', '/api/settings/indicators', '/api/layers/mining_rights']) {
      const response = await call('PUT', url, admin, { baseVersion: 1 });
      expect(response.status, `${url}: ${response.text}`).toBe(400);
      expect(response.body.code).toBe('nothingToChange');
    }
  });

  it('gives anonymous callers the version of public settings, not who saved them', async () => {
    for (const url of ['/api/settings/county', '/api/restoration/targets']) {
      const body = (await t.app.inject({ method: 'GET', url })).json();
      expect(body.version, url).toBeGreaterThanOrEqual(1);
      expect(body).not.toHaveProperty('updatedBy');
      expect(body).not.toHaveProperty('updatedAt');
    }
    // The web's start-up config carries the version of the county profile it shows.
    const county = (await t.app.inject({ method: 'GET', url: '/api/settings/county' })).json();
    expect((await t.app.inject({ method: 'GET', url: '/api/config' })).json()).toMatchObject({ county: county.county, countyVersion: county.version });
    const layer = miningRights((await t.app.inject({ method: 'GET', url: '/api/layers' })).json());
    expect(layer.id).toBe('mining_rights');
    expect(layer).not.toHaveProperty('version');
    expect(layer).not.toHaveProperty('updatedBy');
  });
});

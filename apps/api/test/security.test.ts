import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_ADMIN_PASSWORD, TEST_DATABASES } from './helpers/databases.ts';
import { loadConfig } from '../src/config.ts';
import { buildApp } from '../src/app.ts';

/** The reverse proxy's address (the one `proxied` trusts). */
const PROXY = '192.0.2.99';
const EN = { 'accept-language': 'en' };
const basic = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

describe('TRUST_PROXY', () => {
  it('reads false, true, a hop count or addresses, and refuses anything else by name', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }).trustProxy).toBe('127.0.0.1,10.0.0.0/8');
    expect(() => loadConfig({ TRUST_PROXY: 'the proxy' })).toThrow(/TRUST_PROXY/);
  });
});

describe('ADMIN_PASSWORD', () => {
  it('refuses at start a password the password rule refuses, saying which rule', () => {
    expect(() => loadConfig({ ADMIN_PASSWORD: 'short' })).toThrow(/ADMIN_PASSWORD.*at least 10 characters/);
    expect(() => loadConfig({ ADMIN_PASSWORD: 'our-Admin-2026' })).toThrow(/ADMIN_PASSWORD.*user name "admin"/);
    expect(loadConfig({ ADMIN_PASSWORD: 'county-office-2026' }).adminPassword).toBe('county-office-2026');
  });
});

describe.each(TEST_DATABASES)('security on %s', (kind) => {
  let t: TestApp;
  let proxied: TestApp;
  beforeAll(async () => {
    [t, proxied] = await Promise.all([createTestApp(kind), createTestApp(kind, { trustProxy: PROXY })]);
  });
  afterAll(async () => {
    await t?.close();
    await proxied?.close();
  });

  /** A failed sign-in arriving from the proxy at `PROXY` for the client `forwardedFor`. */
  const failLogin = (app: TestApp, username: string, forwardedFor?: string) =>
    app.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: 'wrong-password' },
      remoteAddress: PROXY,
      headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
    });

  it('behind a trusted proxy counts rate limits per forwarded client and links with the forwarded scheme and host', async () => {
    // The login route allows 10 tries a minute per client: ten from one visitor behind the proxy …
    for (let i = 0; i < 10; i++) expect((await failLogin(proxied, `proxied${i}`, '203.0.113.7')).statusCode).toBe(401);
    expect((await failLogin(proxied, 'proxied10', '203.0.113.7')).statusCode).toBe(429);
    // … leave another visitor behind the same proxy free to try.
    expect((await failLogin(proxied, 'proxied11', '198.51.100.9')).statusCode).toBe(401);
    // Without TRUST_PROXY the header is ignored: every visitor is the proxy's one address.
    for (let i = 0; i < 10; i++) expect((await failLogin(t, `direct${i}`, `203.0.113.${i}`)).statusCode).toBe(401);
    expect((await failLogin(t, 'direct10', '198.51.100.9')).statusCode).toBe(429);

    const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'gis.example.cn' };
    const links = (app: TestApp) =>
      app.app.inject({ url: '/ogc', headers: forwarded, remoteAddress: PROXY }).then((r) => r.json().links as { href: string }[]);
    expect((await links(proxied)).every((link) => link.href.startsWith('https://gis.example.cn/'))).toBe(true);
    expect((await links(t)).every((link) => link.href.startsWith('http://localhost'))).toBe(true);
  });

  it('refuses a change requested by another site’s page, and nothing is written', async () => {
    const cookie = await t.login();
    const count = async () => (await t.app.inject({ url: '/api/users', headers: { cookie } })).json().users.length as number;
    const before = await count();
    const create = (username: string, headers: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { cookie, ...headers },
        payload: { username, displayName: '新用户', role: 'inspector', password: 'a-long-secret-1' },
      });
    const foreign = await create('csrf1', { origin: 'https://evil.example' });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json()).toMatchObject({ code: 'crossOriginRequest', message: expect.stringMatching(/^拒绝来自其他网站（https:\/\/evil\.example）/) });
    expect((await create('csrf2', { origin: 'null', ...EN })).json()).toMatchObject({ code: 'crossOriginRequest', message: expect.stringMatching(/^A change requested from another site/) });
    // A browser that sends no Origin still says where the request came from.
    expect((await create('csrf3', { 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    expect(await count()).toBe(before);

    // The site's own pages, and clients that are no browser (no Origin, no Sec-Fetch-Site: GDAL, scripts), go on.
    expect((await create('own1', { origin: 'http://localhost', 'sec-fetch-site': 'same-origin' })).statusCode).toBe(201);
    expect((await create('script1', {})).statusCode).toBe(201);
    expect(await count()).toBe(before + 2);
    // Reading is never refused for its origin.
    expect((await t.app.inject({ url: '/api/users', headers: { cookie, origin: 'https://evil.example' } })).statusCode).toBe(200);
  });

  it('holds back failed HTTP Basic sign-ins per address, as the login form is', async () => {
    const ogc = (authorization: string, remoteAddress: string) =>
      t.app.inject({ url: '/ogc/collections', headers: { authorization, ...EN }, remoteAddress });
    for (let i = 0; i < 10; i++) expect((await ogc(basic(`guess${i}`, 'wrong-password'), '192.0.2.10')).statusCode).toBe(401);
    const held = await ogc(basic('admin', TEST_ADMIN_PASSWORD), '192.0.2.10');
    expect(held.statusCode).toBe(429);
    expect(held.json()).toMatchObject({ code: 'rateLimited', message: expect.stringMatching(/^Too many failed sign-ins; try again in \d+ s\.$/) });
    expect(Number(held.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not held back, and successful sign-ins are never counted.
    for (let i = 0; i < 12; i++) expect((await ogc(basic('admin', TEST_ADMIN_PASSWORD), '192.0.2.11')).statusCode).toBe(200);
  });

  it('makes one account that keeps failing wait longer each time, on the form and over HTTP Basic alike', async () => {
    const username = 'throttled1';
    const cookie = await t.login();
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie },
      payload: { username, displayName: '受限', role: 'inspector', password: 'a-long-secret-2' },
    });
    expect(created.statusCode).toBe(201);
    // Five failures from five addresses: the account, not the address, is held back.
    for (let i = 0; i < 5; i++) {
      const wrong = await t.app.inject({ url: '/ogc', headers: { authorization: basic(username, 'wrong-password') }, remoteAddress: `192.0.2.${20 + i}` });
      expect(wrong.statusCode).toBe(401);
    }
    const held = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'a-long-secret-2' }, remoteAddress: '192.0.2.30' });
    expect(held.statusCode).toBe(429);
    expect(held.json()).toMatchObject({ code: 'signInThrottled', message: expect.stringMatching(/^此账号接连登录失败，请 1 秒后再试。$/) });
    expect(held.headers['retry-after']).toBe('1');

    await new Promise((resolve) => setTimeout(resolve, 1_100));
    // One more failure doubles the wait …
    expect((await t.app.inject({ url: '/ogc', headers: { authorization: basic(username, 'wrong-again') }, remoteAddress: '192.0.2.31' })).statusCode).toBe(401);
    const longer = await t.app.inject({ url: '/ogc', headers: { authorization: basic(username, 'a-long-secret-2') }, remoteAddress: '192.0.2.32' });
    expect(longer.statusCode).toBe(429);
    expect(longer.headers['retry-after']).toBe('2');
    // … and once it has passed, the right password signs in and starts the count afresh.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const signedIn = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'a-long-secret-2' }, remoteAddress: '192.0.2.33' });
    expect(signedIn.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'wrong-password' }, remoteAddress: '192.0.2.34' })).statusCode).toBe(401);
  });

  it("keeps an account's failures in the database: another app instance (a restart, a second process) holds it back too", async () => {
    const username = 'remembered1';
    // Built first, so that its first answer comes right after the fifth failure, within the wait of 1 s.
    const other = await buildApp({ db: t.db, config: { ...loadConfig({}), logLevel: 'warn', photosDir: t.photosDir }, logger: false });
    try {
      await other.ready();
      for (let i = 0; i < 5; i++) {
        const wrong = await t.app.inject({ url: '/ogc', headers: { authorization: basic(username, 'wrong-password') }, remoteAddress: `192.0.2.${40 + i}` });
        expect(wrong.statusCode).toBe(401);
      }
      const held = await other.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'wrong-password' }, remoteAddress: '192.0.2.50', headers: EN });
      expect(held.statusCode).toBe(429);
      expect(held.json()).toMatchObject({ code: 'signInThrottled' });
      expect(held.headers['retry-after']).toBe('1');
    } finally {
      await other.close();
    }
    expect(await t.db.knex('sign_in_failures').where({ username }).first('failures')).toEqual({ failures: 5 });
  });

  it('ends a session left unused for SESSION_IDLE_MINUTES (120 by default), and a used one lives on', async () => {
    expect(loadConfig({}).sessionIdleMinutes).toBe(120);
    const idle = await t.login();
    const used = await t.login();
    const me = async (cookie: string) => (await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).json().user;
    const session = (cookie: string) => t.db.knex('sessions').where('token_hash', crypto.createHash('sha256').update(cookie.replace('mpm_session=', '')).digest('hex'));
    const setLastSeen = (cookie: string, minutesAgo: number) =>
      session(cookie).update({ last_seen_at: t.db.knex.raw(`now() - ? * interval '1 minute'`, [minutesAgo]) });
    // Moved back in the database before either is first looked up: a lookup is then kept a few
    // seconds in the process (session-cache.ts), which does not see the database's clock moved.
    await setLastSeen(idle, 121);
    await setLastSeen(used, 119);
    expect(await me(idle)).toBeNull();
    expect(await me(used)).toMatchObject({ username: 'admin' });
    // Using it moved its last use to now: two more hours from here.
    expect(await session(used).whereRaw(`last_seen_at > now() - interval '1 minute'`).first('token_hash')).toBeDefined();
    expect(await me(used)).toMatchObject({ username: 'admin' });
  });

  it('lets an admin end every session but their own, in one audited write', async () => {
    const admin = await t.login();
    const otherAdmin = await t.login();
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin },
      payload: { username: 'leaver2', displayName: '离职', role: 'inspector', password: 'a-long-secret-3' },
    });
    expect(created.statusCode).toBe(201);
    const inspector = await t.login('leaver2', 'a-long-secret-3');
    const refused = await t.app.inject({ method: 'POST', url: '/api/users/sign-out-all', headers: { cookie: inspector } });
    expect(refused.statusCode).toBe(403);

    const ended = await t.app.inject({ method: 'POST', url: '/api/users/sign-out-all', headers: { cookie: admin } });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json().sessionsEnded).toBeGreaterThanOrEqual(2);
    const me = async (cookie: string) => (await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).json().user;
    expect(await me(admin)).toMatchObject({ username: 'admin' });
    expect(await me(otherAdmin)).toBeNull();
    expect(await me(inspector)).toBeNull();
    const entries = await t.db.knex('audit_log').where({ action: 'sign_out_all' }).select('detail');
    expect(entries).toHaveLength(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';

describe.each(TEST_DATABASES)('accounts and roles on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t?.close());

  it('answers /health when ready', async () => {
    const response = await t.app.inject('/health');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('signs in with the right password and keeps the session', async () => {
    const cookie = await t.login();
    const me = await t.app.inject({ url: '/api/auth/me', headers: { cookie } });
    expect(me.json().user).toMatchObject({ username: 'admin', role: 'admin' });

    await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    const after = await t.app.inject({ url: '/api/auth/me', headers: { cookie } });
    expect(after.json().user).toBeNull();
  });

  it('answers a wrong password and an unknown user alike: 401, no hint', async () => {
    const wrongPassword = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 'not-the-password' },
    });
    const unknownUser = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody', password: 'not-the-password' },
    });
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknownUser.statusCode).toBe(401);
    expect(wrongPassword.json()).toEqual(unknownUser.json());
    expect(wrongPassword.json().message).toBe('用户名或密码错误。');
    expect(wrongPassword.headers['set-cookie']).toBeUndefined();
  });

  it('names a malformed login body', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'accept-language': 'en-US,en' },
      payload: { username: 'admin' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/password/);
  });

  it('accepts HTTP Basic credentials and rejects wrong ones with 401', async () => {
    const good = Buffer.from('admin:test-admin-password').toString('base64');
    const bad = Buffer.from('admin:wrong').toString('base64');
    const me = await t.app.inject({ url: '/api/auth/me', headers: { authorization: `Basic ${good}` } });
    expect(me.json().user.username).toBe('admin');
    const denied = await t.app.inject({ url: '/api/auth/me', headers: { authorization: `Basic ${bad}` } });
    expect(denied.statusCode).toBe(401);
  });

  it('checks roles on every write: anonymous 401, other roles 403, admin 200 with an audit entry', async () => {
    const adminCookie = await t.login();
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: adminCookie },
      payload: { username: 'planner1', displayName: '规划员一', role: 'planner', password: 'planner-password-1' },
    });
    expect(created.statusCode).toBe(201);
    const plannerCookie = await t.login('planner1', 'planner-password-1');

    const put = (cookie?: string) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/layers/farmland',
        headers: cookie ? { cookie } : {},
        payload: { isPublic: true },
      });
    expect((await put()).statusCode).toBe(401);
    expect((await put(plannerCookie)).statusCode).toBe(403);
    const byPlannerToUsers = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: plannerCookie },
      payload: { username: 'x1', displayName: 'x', role: 'admin', password: 'long-enough-pw' },
    });
    expect(byPlannerToUsers.statusCode).toBe(403);

    const ok = await put(adminCookie);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ id: 'farmland', isPublic: true });

    const audit = await t.db.knex('audit_log').where({ entity: 'layer_settings', entity_id: 'farmland' });
    expect(audit).toHaveLength(1);
    expect(audit[0].action).toBe('update');
  });

  it('refuses a taken user name with 409 and writes nothing', async () => {
    const cookie = await t.login();
    const before = await t.db.knex('audit_log').count<{ count: string }[]>({ count: '*' });
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie },
      payload: { username: 'admin', displayName: '重复', role: 'admin', password: 'long-enough-pw' },
    });
    expect(response.statusCode).toBe(409);
    const after = await t.db.knex('audit_log').count<{ count: string }[]>({ count: '*' });
    expect(Number(after[0].count)).toBe(Number(before[0].count));
  });

  it('keeps the audit log append-only in the database itself', async () => {
    await expect(t.db.knex('audit_log').update({ action: 'tampered' })).rejects.toThrow(/append-only/);
    await expect(t.db.knex('audit_log').delete()).rejects.toThrow(/append-only/);
  });

  it('does not force https on a plain-http intranet install', async () => {
    const response = await t.app.inject('/health');
    expect(response.headers['strict-transport-security']).toBeUndefined();
    expect(String(response.headers['content-security-policy'])).not.toContain('upgrade-insecure-requests');
    expect(String(response.headers['content-security-policy'])).toContain("worker-src 'self' blob:");
  });

  it('stores Argon2id hashes, never passwords', async () => {
    const row = await t.db.knex('users').where({ username: 'admin' }).first('password_hash');
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserAccount } from '@mpm/contracts';
import { SessionCache } from '../src/plugins/app/auth/session-cache.ts';
import type { User } from '../src/plugins/app/auth/users-repository.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { staffPassword } from './helpers/staff.ts';

/**
 * Session lookups are kept a few seconds in the process (issue #13); every write that ends a
 * session or changes an account is seen by the very next request, even one whose session was
 * looked up (and kept) just before the write.
 */
describe.each(TEST_DATABASES)('kept session lookups on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  let address = 0;
  const login = async (username: string, password = staffPassword(username)) => {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: `10.12.0.${++address}` });
    expect(response.statusCode, response.body).toBe(200);
    return `mpm_session=${response.cookies.find((c) => c.name === 'mpm_session')!.value}`;
  };
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, cookie: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload && { payload }) });
  const me = async (cookie: string) => (await call('GET', '/api/auth/me', cookie)).json().user as User | null;
  /** A new planner, signed in, whose session has just been looked up (so is kept). */
  const keptPlanner = async (username: string) => {
    const created = await call('POST', '/api/users', admin, { username, displayName: username, role: 'planner', password: staffPassword(username) });
    expect(created.statusCode, created.body).toBe(201);
    const cookie = await login(username);
    expect(await me(cookie)).toMatchObject({ username, role: 'planner' });
    return { cookie, account: created.json() as UserAccount };
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await t.login();
  }, 120_000);
  afterAll(() => t?.close());

  it('sees a role change, a password reset and a deactivation at once', async () => {
    const { cookie, account } = await keptPlanner('kept1');
    expect((await call('PATCH', `/api/users/${account.id}`, admin, { baseVersion: 1, role: 'inspector' })).statusCode).toBe(200);
    expect(await me(cookie)).toMatchObject({ role: 'inspector', mustChangePassword: false });
    expect((await call('POST', `/api/users/${account.id}/reset-password`, admin, { baseVersion: 2 })).statusCode).toBe(200);
    expect(await me(cookie)).toBeNull(); // the reset ended the session

    const second = await keptPlanner('kept2');
    expect((await call('POST', `/api/users/${second.account.id}/deactivate`, admin, { baseVersion: 1 })).statusCode).toBe(200);
    expect(await me(second.cookie)).toBeNull();
  });

  it('sees a sign-out, a sign-out everywhere and an admin ending every session at once', async () => {
    const { cookie, account } = await keptPlanner('kept3');
    const other = await login('kept3');
    expect(await me(other)).toMatchObject({ username: 'kept3' });
    expect((await call('POST', '/api/auth/logout', cookie)).statusCode).toBeLessThan(300);
    expect(await me(cookie)).toBeNull();
    expect(await me(other)).toMatchObject({ username: 'kept3' });
    expect((await call('POST', `/api/users/${account.id}/sign-out-everywhere`, admin)).statusCode).toBe(200);
    expect(await me(other)).toBeNull();

    const last = await login('kept3');
    expect(await me(last)).toMatchObject({ username: 'kept3' });
    expect((await call('POST', '/api/users/sign-out-all', admin)).statusCode).toBe(200);
    expect(await me(last)).toBeNull();
    expect(await me(admin)).toMatchObject({ username: 'admin' });
  });

  it("sees the user's own new password end their other sessions at once", async () => {
    const { cookie } = await keptPlanner('kept4');
    const other = await login('kept4');
    expect(await me(other)).toMatchObject({ username: 'kept4' });
    const changed = await call('POST', '/api/auth/password', cookie, { currentPassword: staffPassword('kept4'), newPassword: 'a-new-kept-password' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(await me(other)).toBeNull();
    expect(await me(cookie)).toMatchObject({ username: 'kept4' });
  });
});

describe('SessionCache', () => {
  const user: User = { id: 1, username: 'u', displayName: 'u', role: 'planner', mustChangePassword: false };

  it('keeps a lookup no longer than 5 s nor past what the session has left', () => {
    const cache = new SessionCache();
    cache.keep('a', user, 60_000, cache.generation, 0);
    cache.keep('b', user, 1_000, cache.generation, 0);
    expect(cache.get('a', 4_999)).toBe(user);
    expect(cache.get('a', 5_000)).toBeUndefined();
    expect(cache.get('b', 999)).toBe(user);
    expect(cache.get('b', 1_000)).toBeUndefined();
  });

  it('keeps nothing from a lookup that started before a write, and forgets again when its transaction ends', async () => {
    const cache = new SessionCache();
    const started = cache.generation;
    let commit!: () => void;
    const trx = { executionPromise: new Promise<void>((resolve) => (commit = resolve)) };
    cache.forget(trx as never);
    cache.keep('a', user, 60_000, started, 0);
    expect(cache.get('a', 1)).toBeUndefined();
    // A lookup during the transaction reads what was committed before it: forgotten at its commit.
    cache.keep('b', user, 60_000, cache.generation, 0);
    expect(cache.get('b', 1)).toBe(user);
    commit();
    await trx.executionPromise;
    await Promise.resolve();
    expect(cache.get('b', 1)).toBeUndefined();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserAccount } from '@mpm/contracts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { staffPassword } from './helpers/staff.ts';

const EN = { 'accept-language': 'en-US,en' };

describe.each(TEST_DATABASES)('user administration (用户管理) on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  // Sign-ins are rate-limited by address: each comes from its own.
  let address = 0;
  const signIn = (username: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: `10.11.${address >> 8}.${++address & 255}` });
  const login = async (username: string, password = staffPassword(username)) => {
    const response = await signIn(username, password);
    expect(response.statusCode, response.body).toBe(200);
    return `mpm_session=${response.cookies.find((c) => c.name === 'mpm_session')!.value}`;
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await t.login();
  }, 120_000);
  afterAll(() => t?.close());

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, cookie: string | undefined, payload?: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, headers: { ...(cookie ? { cookie } : {}), ...headers }, ...(payload && { payload }) });
  const createBy = (cookie: string, username: string, role: string) =>
    call('POST', '/api/users', cookie, { username, displayName: `${username} 姓名`, role, password: staffPassword(username) });
  const create = (username: string, role = 'planner') => createBy(admin, username, role);
  const account = async (username: string): Promise<UserAccount> =>
    ((await call('GET', '/api/users', admin)).json().users as UserAccount[]).find((u) => u.username === username)!;
  const me = async (cookie: string) => (await call('GET', '/api/auth/me', cookie)).json().user;
  const auditCount = async () => Number((await t.db.knex('audit_log').count<{ count: string }[]>({ count: '*' }))[0].count);
  const auditOf = (id: number, action: string) => t.db.knex('audit_log').where({ entity: 'user', entity_id: String(id), action }).orderBy('id');

  it('lists every account with its role, state, version and last sign-in; admins only', async () => {
    expect((await create('lister1')).statusCode).toBe(201);
    const response = await call('GET', '/api/users', admin);
    expect(response.statusCode).toBe(200);
    const users = response.json().users as UserAccount[];
    expect(users.find((u) => u.username === 'admin')).toMatchObject({ role: 'admin', active: true, version: 1, mustChangePassword: false });
    expect(Date.parse(users.find((u) => u.username === 'admin')!.lastSignInAt!)).toBeGreaterThan(Date.now() - 60_000);
    expect(users.find((u) => u.username === 'lister1')).toMatchObject({ role: 'planner', active: true, lastSignInAt: null, updatedBy: '系统管理员' });

    expect((await call('GET', '/api/users', undefined)).statusCode).toBe(401);
    const planner = await login('lister1');
    expect((await call('GET', '/api/users', planner)).json()).toMatchObject({ statusCode: 403, code: 'forbidden' });
  });

  it('names each bad new account in the user’s language and writes nothing', async () => {
    const before = await auditCount();
    const bad = async (payload: object, headers = {}) => (await call('POST', '/api/users', admin, payload, headers)).json();
    const good = { username: 'someone', displayName: '某人', role: 'planner', password: 'long-enough-pw' };
    expect(await bad({ ...good, role: 'superuser' }, EN)).toMatchObject({
      statusCode: 400,
      code: 'unknownRole',
      message: 'There is no role "superuser"; the roles are inspector (Inspector), planner (Planner), reviewer (Reviewer), dataManager (Data manager), admin (Administrator).',
    });
    expect((await bad({ ...good, role: 'auditor' })).message).toMatch(/^没有“auditor”这一角色；可选角色：inspector（执法巡查人员）/);
    expect(await bad({ ...good, username: 'a b' })).toMatchObject({ statusCode: 400, code: 'badUsername' });
    expect(await bad({ ...good, displayName: '   ' })).toMatchObject({ statusCode: 400, code: 'blankDisplayName' });
    expect(await bad({ ...good, displayName: '名'.repeat(65) })).toMatchObject({ statusCode: 400, code: 'displayNameTooLong' });
    expect(await bad({ ...good, displayName: '名'.repeat(10_000) }, EN)).toMatchObject({ statusCode: 400, code: 'invalidRequest', message: expect.stringContaining('displayName') });
    expect(await bad({ ...good, password: 'short' })).toMatchObject({ statusCode: 400, code: 'passwordTooShort', message: '密码至少需要 10 个字符。' });
    expect(await bad({ ...good, password: 'someone' })).toMatchObject({ statusCode: 400, code: 'passwordTooShort' });
    expect(await bad({ ...good, password: 'SomeOne-2026!' })).toMatchObject({ statusCode: 400, code: 'passwordHasUsername', message: '密码不能是用户名，也不能包含用户名。' });
    expect(await bad({ ...good, username: 'someone.long', password: 'someone.long' }, EN)).toMatchObject({
      code: 'passwordHasUsername',
      message: 'A password must not be the user name or contain it.',
    });
    expect(await bad({ ...good, username: 'admin' })).toMatchObject({ statusCode: 409, code: 'usernameTaken' });
    expect(await auditCount()).toBe(before);
    expect(await t.db.knex('users').where({ username: 'someone' }).first()).toBeUndefined();
  });

  it('changes a role and a display name from the version seen, and refuses a stale one with a 409 naming who and when', async () => {
    const { id } = (await create('changer1')).json() as UserAccount;
    const changed = await call('PATCH', `/api/users/${id}`, admin, { baseVersion: 1, role: 'inspector', displayName: '巡查员丁' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ id, role: 'inspector', displayName: '巡查员丁', version: 2, updatedBy: '系统管理员' });
    const [entry] = await auditOf(id, 'update');
    expect(entry.detail).toMatchObject({
      before: { role: 'planner', displayName: 'changer1 姓名', version: 1 },
      after: { role: 'inspector', displayName: '巡查员丁', version: 2 },
    });

    const before = await auditCount();
    const stale = await call('PATCH', `/api/users/${id}`, admin, { baseVersion: 1, role: 'admin' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('versionConflict');
    expect(stale.json().message).toMatch(/^用户“changer1”已由 系统管理员 于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）保存为第 2 版，而您修改的是第 1 版/);
    expect((await account('changer1')).role).toBe('inspector');
    expect(await auditCount()).toBe(before);

    expect((await call('PATCH', `/api/users/${id}`, admin, { baseVersion: 2 })).json()).toMatchObject({ statusCode: 400, code: 'nothingToChange' });
    expect((await call('PATCH', `/api/users/${id}`, admin, { baseVersion: 2, role: 'root' })).json().code).toBe('unknownRole');
    expect((await call('PATCH', '/api/users/999999', admin, { baseVersion: 1, role: 'planner' })).json()).toMatchObject({ statusCode: 404, code: 'userNotFound' });
  });

  it('resets a password: shown once, stored as a hash, old sessions ended, the new one must be changed before anything else', async () => {
    const { id, version } = (await create('reset1', 'planner')).json() as UserAccount;
    const oldSession = await login('reset1');
    const response = await call('POST', `/api/users/${id}/reset-password`, admin, { baseVersion: version });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const { password, user } = response.json() as { password: string; user: UserAccount };
    expect(password.length).toBeGreaterThanOrEqual(16);
    expect(user).toMatchObject({ mustChangePassword: true, version: version + 1 });

    const stored = await t.db.knex('users').where({ id }).first('password_hash');
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);
    expect(stored.password_hash).not.toContain(password);
    const log = JSON.stringify(await t.db.knex('audit_log').select('detail'));
    expect(log).not.toContain(password);
    expect(log).not.toContain('$argon2');
    expect((await auditOf(id, 'reset_password'))[0].detail).toMatchObject({ sessionsEnded: 1, after: { mustChangePassword: true } });

    expect(await me(oldSession)).toBeNull();
    expect((await signIn('reset1', staffPassword('reset1'))).statusCode).toBe(401);
    const fresh = await login('reset1', password);
    expect(await me(fresh)).toMatchObject({ username: 'reset1', mustChangePassword: true });
    const proposals = await call('GET', '/api/proposals', fresh);
    expect(proposals.json()).toMatchObject({ statusCode: 403, code: 'passwordChangeRequired' });

    const changed = await call('POST', '/api/auth/password', fresh, { currentPassword: password, newPassword: 'my-own-new-password' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().user).toMatchObject({ mustChangePassword: false });
    expect((await call('GET', '/api/proposals', fresh)).statusCode).toBe(200);

    const again = await call('POST', `/api/users/${id}/reset-password`, admin, { baseVersion: version + 1 }, EN);
    expect(again.json()).toMatchObject({ statusCode: 409, code: 'versionConflict', message: expect.stringMatching(/^User "reset1" was saved as version 3 by reset1 姓名/) });
  });

  it('lets everyone change their own password with the current one; the other sessions end, this one stays', async () => {
    expect((await create('own1', 'inspector')).statusCode).toBe(201);
    const here = await login('own1');
    const elsewhere = await login('own1');
    const change = (body: object, headers = {}) => call('POST', '/api/auth/password', here, body, headers);

    expect((await change({ currentPassword: 'wrong-password', newPassword: 'another-password-1' })).json()).toMatchObject({ statusCode: 403, code: 'wrongCurrentPassword' });
    expect((await change({ currentPassword: staffPassword('own1'), newPassword: 'short' }, EN)).json()).toMatchObject({
      code: 'passwordTooShort',
      message: 'A password needs at least 10 characters.',
    });
    expect((await change({ currentPassword: staffPassword('own1'), newPassword: staffPassword('own1') })).json().code).toBe('samePassword');
    expect((await change({ currentPassword: staffPassword('own1'), newPassword: 'my-OWN1-password' })).json().code).toBe('passwordHasUsername');
    expect(await me(elsewhere)).not.toBeNull();

    const done = await change({ currentPassword: staffPassword('own1'), newPassword: 'another-password-1' });
    expect(done.statusCode, done.body).toBe(200);
    expect(await me(here)).toMatchObject({ username: 'own1' });
    expect(await me(elsewhere)).toBeNull();
    expect((await signIn('own1', staffPassword('own1'))).statusCode).toBe(401);
    expect((await signIn('own1', 'another-password-1')).statusCode).toBe(200);
    const [entry] = await auditOf((await account('own1')).id, 'change_password');
    expect(entry.detail).toMatchObject({ sessionsEnded: 1 });
    expect(JSON.stringify(entry.detail)).not.toMatch(/argon2|another-password/);

    expect((await call('POST', '/api/auth/password', undefined, { currentPassword: 'x', newPassword: 'yyyyyyyyyyyy' })).statusCode).toBe(401);
  });

  it('deactivates a user: sessions end, sign-in and HTTP Basic refused; reactivation lets them back', async () => {
    const { id, version } = (await create('leaver1', 'inspector')).json() as UserAccount;
    const session = await login('leaver1');
    const off = await call('POST', `/api/users/${id}/deactivate`, admin, { baseVersion: version });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ active: false, version: version + 1 });
    expect(await me(session)).toBeNull();
    expect((await signIn('leaver1', staffPassword('leaver1'))).statusCode).toBe(401);
    const basic = Buffer.from(`leaver1:${staffPassword('leaver1')}`).toString('base64');
    expect((await call('GET', '/api/auth/me', undefined, undefined, { authorization: `Basic ${basic}` })).statusCode).toBe(401);
    expect((await account('leaver1')).active).toBe(false);
    expect((await auditOf(id, 'deactivate'))[0].detail).toMatchObject({ sessionsEnded: 1, before: { active: true }, after: { active: false } });

    expect((await call('POST', `/api/users/${id}/deactivate`, admin, { baseVersion: version + 1 })).json().code).toBe('alreadyInactive');
    const on = await call('POST', `/api/users/${id}/reactivate`, admin, { baseVersion: version + 1 });
    expect(on.json()).toMatchObject({ active: true, version: version + 2 });
    expect((await signIn('leaver1', staffPassword('leaver1'))).statusCode).toBe(200);
  });

  it('keeps an active admin: nobody deactivates themself, the last admin is neither demoted nor deactivated', async () => {
    const self = await account('admin');
    expect((await call('POST', `/api/users/${self.id}/deactivate`, admin, { baseVersion: self.version })).json()).toMatchObject({
      statusCode: 400,
      code: 'cannotDeactivateSelf',
    });
    const demoteSelf = await call('PATCH', `/api/users/${self.id}`, admin, { baseVersion: self.version, role: 'planner' });
    expect(demoteSelf.json()).toMatchObject({ statusCode: 409, code: 'lastAdmin' });
    expect(demoteSelf.json().message).toMatch(/唯一在用的管理员/);

    const second = (await create('admin2', 'admin')).json() as UserAccount;
    const admin2 = await login('admin2');
    const demoted = await call('PATCH', `/api/users/${self.id}`, admin2, { baseVersion: self.version, role: 'planner' });
    expect(demoted.statusCode, demoted.body).toBe(200);
    // Now admin2 is the last one.
    expect((await call('PATCH', `/api/users/${second.id}`, admin2, { baseVersion: 1, role: 'inspector' })).json().code).toBe('lastAdmin');
    // A deactivated admin does not count.
    const third = (await createBy(admin2, 'admin3', 'admin')).json() as UserAccount;
    expect((await call('POST', `/api/users/${third.id}/deactivate`, admin2, { baseVersion: 1 })).statusCode).toBe(200);
    expect((await call('PATCH', `/api/users/${second.id}`, admin2, { baseVersion: 1, role: 'inspector' })).json().code).toBe('lastAdmin');
    expect(await me(admin)).toMatchObject({ role: 'planner' });
    const restored = await call('PATCH', `/api/users/${self.id}`, admin2, { baseVersion: self.version + 1, role: 'admin' });
    expect(restored.statusCode).toBe(200);
  });

  it('lets only one of two admins demoting each other at once succeed', async () => {
    const a = (await create('twin1', 'admin')).json() as UserAccount;
    const b = (await create('twin2', 'admin')).json() as UserAccount;
    const [cookieA, cookieB] = [await login('twin1'), await login('twin2')];
    // The other admins step aside first, so that twin1 and twin2 are the only active ones.
    const users = (await call('GET', '/api/users', cookieA)).json().users as UserAccount[];
    for (const row of users.filter((u) => u.role === 'admin' && u.active && u.id !== a.id && u.id !== b.id)) {
      expect((await call('PATCH', `/api/users/${row.id}`, cookieA, { baseVersion: row.version, role: 'planner' })).statusCode).toBe(200);
    }
    const answers = await Promise.all([
      call('PATCH', `/api/users/${b.id}`, cookieA, { baseVersion: 1, role: 'planner' }),
      call('PATCH', `/api/users/${a.id}`, cookieB, { baseVersion: 1, role: 'planner' }),
    ]);
    // One wins. The other is refused by the last-admin rule when both passed the role check
    // together, or by the role check itself when the winner had already committed (it is no
    // longer an admin): which one depends on timing, never both demoted.
    const [won, lost] = [...answers].sort((x, y) => x.statusCode - y.statusCode);
    expect(won.statusCode, won.body).toBe(200);
    expect(lost.statusCode === 409 ? lost.json().code : lost.statusCode, lost.body).toBe(lost.statusCode === 409 ? 'lastAdmin' : 403);
    const admins = ((await call('GET', '/api/users', answers[0].statusCode === 200 ? cookieA : cookieB)).json().users as UserAccount[]).filter(
      (u) => u.role === 'admin' && u.active,
    );
    expect(admins).toHaveLength(1);
    admin = answers[0].statusCode === 200 ? cookieA : cookieB;
  });

  it('signs a user out everywhere, with one audit entry', async () => {
    const { id } = (await create('roamer1', 'planner')).json() as UserAccount;
    const sessions = [await login('roamer1'), await login('roamer1')];
    const response = await call('POST', `/api/users/${id}/sign-out-everywhere`, admin);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ sessionsEnded: 2, user: { username: 'roamer1', version: 1 } });
    for (const cookie of sessions) expect(await me(cookie)).toBeNull();
    expect(await auditOf(id, 'sign_out_everywhere')).toHaveLength(1);
    expect((await signIn('roamer1', staffPassword('roamer1'))).statusCode).toBe(200);
  });
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useServerAndBrowser, waitForMapIdle } from './helpers/browser.ts';
import { collectErrors, loginCookie, signIn } from './helpers/inspector.ts';
import { REPO_ROOT } from './helpers/paths.ts';
import { TEST_ADMIN_PASSWORD } from './helpers/server.ts';

const SCREENSHOT = path.join(REPO_ROOT, 'test-results/admin-users.png');

const suite = useServerAndBrowser();

/** Refusals the test provokes on purpose: the browser logs each failed request as an error. */
const expectedRefusal = (text: string) => /status of (400|401|409)/.test(text);

/** What `POST /api/auth/login` answers for these credentials. */
const signInStatus = async (username: string, password: string) =>
  (
    await fetch(`${suite.server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    })
  ).status;

async function openPage(locale: string): Promise<{ page: Page; errors: string[] }> {
  const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 }, locale });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.server.url });
  const page = await context.newPage();
  const errors = collectErrors(page, expectedRefusal);
  await page.goto(suite.server.url);
  await waitForMapIdle(page);
  return { page, errors };
}

describe('管理 mode: 用户管理', () => {
  it('creates a user, resets their password, lets them sign in with it and change it, then deactivates them', async () => {
    const { page: admin, errors: adminErrors } = await openPage('zh-CN');
    await signIn(admin, { username: 'admin', password: TEST_ADMIN_PASSWORD });
    await admin.getByRole('group', { name: '模式' }).getByRole('button', { name: '管理' }).click();
    await expect.poll(() => new URL(admin.url()).hash).toContain('mode=admin');
    const panel = admin.getByRole('complementary', { name: '系统管理' });
    await panel.getByRole('tab', { name: '用户管理', selected: true }).waitFor();
    await panel.getByRole('listitem', { name: '系统管理员 (admin)' }).waitFor();

    // A new planner.
    await panel.getByRole('button', { name: '新建用户' }).click();
    const form = panel.getByRole('form', { name: '新建用户' });
    const fillForm = async () => {
      await form.getByLabel('用户名').fill('clerk1');
      await form.getByLabel('姓名', { exact: true }).fill('办事员甲');
      await form.getByLabel('角色').selectOption('planner');
      await form.getByLabel('初始密码').fill('first-password-1');
      await form.getByRole('button', { name: '创建账号' }).click();
    };
    await fillForm();
    const row = panel.getByRole('listitem', { name: '办事员甲 (clerk1)' });
    await row.waitFor();
    expect(await row.textContent()).toContain('规划人员');
    expect(await row.textContent()).toContain('从未登录');
    // The same user name again: refused, in Chinese.
    await panel.getByRole('button', { name: '新建用户' }).click();
    await fillForm();
    await form.getByRole('alert').filter({ hasText: '用户名“clerk1”已存在。' }).waitFor();
    await form.getByRole('button', { name: '取消' }).click();

    // Reset: the generated password shown once, copied.
    await row.getByRole('button', { name: '重置密码' }).click();
    await row.getByRole('alertdialog').getByRole('button', { name: '确认' }).click();
    const issued = row.getByTestId('issued-password');
    await issued.waitFor();
    const password = (await issued.textContent())!;
    expect(password.length).toBeGreaterThanOrEqual(16);
    await row.getByRole('button', { name: '复制' }).click();
    await row.getByText('已复制。').waitFor();
    expect(await admin.evaluate(() => navigator.clipboard.readText())).toBe(password);
    expect(await row.textContent()).toContain('须修改密码');
    await admin.screenshot({ path: SCREENSHOT });
    await row.getByRole('button', { name: '已记下，隐藏密码' }).click();
    expect(await issued.count()).toBe(0);
    expect(await signInStatus('clerk1', 'first-password-1')).toBe(401);

    // The clerk signs in with it and must choose their own first.
    const { page: clerk, errors: clerkErrors } = await openPage('zh-CN');
    await signIn(clerk, { username: 'clerk1', password });
    const dialog = clerk.getByRole('dialog', { name: '修改密码' });
    await dialog.getByText('管理员已重置您的密码').waitFor();
    await dialog.getByLabel('当前密码').fill(password);
    await dialog.getByLabel('新密码', { exact: true }).fill('clerk-own-password');
    await dialog.getByLabel('再次输入新密码').fill('clerk-own-password-typo');
    await dialog.getByRole('button', { name: '修改密码' }).click();
    await dialog.getByRole('alert').filter({ hasText: '两次输入的新密码不一致。' }).waitFor();
    await dialog.getByLabel('再次输入新密码').fill('clerk-own-password');
    await dialog.getByRole('button', { name: '修改密码' }).click();
    await dialog.getByText('密码已修改。').waitFor();
    await dialog.getByRole('button', { name: '关闭' }).click();
    await clerk.getByRole('group', { name: '模式' }).getByRole('button', { name: '规划' }).waitFor();
    expect(await signInStatus('clerk1', password)).toBe(401);
    await loginCookie(suite.server.url, 'clerk1', 'clerk-own-password');

    // The admin's list still shows the account before the clerk's change: a role change is refused, naming who and when.
    await row.getByRole('button', { name: '编辑' }).click();
    const edit = row.getByRole('form', { name: '编辑 办事员甲' });
    await edit.getByLabel('角色').selectOption('inspector');
    await edit.getByRole('button', { name: '保存' }).click();
    await edit.getByRole('alert').filter({ hasText: /^用户“clerk1”已由 办事员甲 于 .*保存为第 3 版，而您修改的是第 2 版/ }).waitFor();
    // The list was reloaded: saving again goes through.
    await edit.getByRole('button', { name: '保存' }).click();
    await edit.waitFor({ state: 'detached' });
    await row.getByText('执法巡查人员').waitFor();

    // Deactivated: the clerk's session ends and signing in is refused, in the language asked.
    await row.getByRole('button', { name: '停用', exact: true }).click();
    await row.getByRole('alertdialog').getByRole('button', { name: '确认' }).click();
    await row.getByText('已停用', { exact: true }).waitFor();
    await clerk.reload();
    await waitForMapIdle(clerk);
    await clerk.getByRole('button', { name: '登录' }).click();
    const login = clerk.getByRole('dialog', { name: '工作人员登录' });
    await login.getByLabel('用户名').fill('clerk1');
    await login.getByLabel('密码').fill('clerk-own-password');
    await login.getByRole('button', { name: '登录' }).click();
    await login.getByRole('alert').filter({ hasText: '用户名或密码错误。' }).waitFor();

    // In English, the panel and the server's refusals follow.
    await admin.getByRole('group', { name: '语言' }).getByRole('button', { name: 'English' }).click();
    const panelEn = admin.getByRole('complementary', { name: 'Administration' });
    await panelEn.getByRole('button', { name: 'New account' }).click();
    const formEn = panelEn.getByRole('form', { name: 'New account' });
    await formEn.getByLabel('User name').fill('clerk2');
    await formEn.getByLabel('Name', { exact: true }).fill('Clerk two');
    await formEn.getByLabel('First password').fill('short');
    await formEn.getByRole('button', { name: 'Create account' }).click();
    await formEn.getByRole('alert').filter({ hasText: 'A password needs at least 10 characters.' }).waitFor();

    expect(adminErrors).toEqual([]);
    expect(clerkErrors).toEqual([]);
  });
});

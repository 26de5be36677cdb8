import type { Page } from 'playwright-core';
import { TEST_ADMIN_PASSWORD } from './server.ts';

/** An inspector account for the browser suites of inspect mode. */
export interface InspectorAccount {
  username: string;
  password: string;
  displayName: string;
}

/** A session cookie (`name=value`) for `username`, from `POST /api/auth/login`. */
export async function loginCookie(url: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`login of ${username} failed: ${response.status} ${await response.text()}`);
  return response.headers.get('set-cookie')!.split(';')[0];
}

/** Creates an inspector through `POST /api/users`, as the admin does. */
export async function createInspector(url: string, username: string): Promise<InspectorAccount> {
  const account = { username, password: `${[...username].reverse().join('')}-secret`, displayName: '巡查员（测试）' };
  const admin = await loginCookie(url, 'admin', TEST_ADMIN_PASSWORD);
  const response = await fetch(`${url}/api/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: admin },
    body: JSON.stringify({ ...account, role: 'inspector' }),
  });
  if (response.status !== 201) throw new Error(`creating ${username} failed: ${response.status} ${await response.text()}`);
  return account;
}

/** Signs in through the page's dialog (Chinese UI). */
export async function signIn(page: Page, account: { username: string; password: string }) {
  await page.getByRole('button', { name: '登录' }).click();
  const dialog = page.getByRole('dialog', { name: '工作人员登录' });
  await dialog.getByLabel('用户名').fill(account.username);
  await dialog.getByLabel('密码').fill(account.password);
  await dialog.getByRole('button', { name: '登录' }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** Page errors and console errors, for a suite to hold at zero. */
export function collectErrors(page: Page, expected: (text: string, url: string) => boolean = () => false): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('console', (message) => {
    if (message.type() === 'error' && !expected(message.text(), message.location().url)) errors.push(message.text());
  });
  return errors;
}

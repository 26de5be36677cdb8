import type { Browser } from 'playwright-core';
import { collectErrors, signIn } from './inspector.ts';
import { TEST_ADMIN_PASSWORD, type RunningServer } from './server.ts';

/**
 * A desktop page in Chinese, signed in as the test server's admin and in 管理 mode on `tab`: the
 * context (to close), the page, its 系统管理 panel and the errors it logs (`expected` as for
 * {@link collectErrors}).
 */
export async function openAdminTab(
  suite: { readonly server: RunningServer; readonly browser: Browser },
  tab: string,
  expected?: Parameters<typeof collectErrors>[1],
) {
  const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors = collectErrors(page, expected);
  await page.goto(suite.server.url);
  await signIn(page, { username: 'admin', password: TEST_ADMIN_PASSWORD });
  await page.getByRole('group', { name: '模式' }).getByRole('button', { name: '管理' }).click();
  const panel = page.getByRole('complementary', { name: '系统管理' });
  await panel.getByRole('tab', { name: tab }).click();
  return { context, page, panel, errors };
}

import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { squareCornerList } from './helpers/corner-list.ts';
import { useServerAndBrowser, waitForMapIdle } from './helpers/browser.ts';
import { collectErrors, loginCookie, signIn } from './helpers/inspector.ts';
import { TEST_ADMIN_PASSWORD } from './helpers/server.ts';

const PLANNER = { username: 'zhao.planner', displayName: '赵规划', role: 'planner', password: 'zhao-planner-secret' };

const suite = useServerAndBrowser();

const modeOf = (page: Page) => new URLSearchParams(new URL(page.url()).hash.slice(1)).get('mode');

describe('work is not lost (issue #12)', () => {
  it('lands a planner in 规划, keeps their layer choices, moves Back between modes and asks before dropping an unsaved block', async () => {
    const admin = await loginCookie(suite.server.url, 'admin', TEST_ADMIN_PASSWORD);
    const created = await fetch(`${suite.server.url}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin },
      body: JSON.stringify(PLANNER),
    });
    expect(created.status, await created.clone().text()).toBe(201);

    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors = collectErrors(page);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.type());
      void dialog.accept();
    });
    await page.goto(suite.server.url);
    await waitForMapIdle(page);

    // Signed in, the planner lands in their own work mode.
    await signIn(page, PLANNER);
    const panel = page.getByRole('complementary', { name: '规划审查' });
    await panel.waitFor();
    await expect.poll(() => modeOf(page)).toBe('plan');

    // A layer the planner hides stays hidden when they come back, even by a link naming no layers.
    const box = page.getByRole('complementary', { name: '图层' }).getByRole('checkbox', { name: '砂石土集中开采区' });
    await box.uncheck();
    await page.goto(suite.server.url);
    await waitForMapIdle(page);
    expect(await box.isChecked()).toBe(false);
    await expect.poll(() => modeOf(page)).toBe('plan');

    // Back returns to the mode before instead of leaving the app.
    await page.getByRole('group', { name: '模式' }).getByRole('button', { name: '地图' }).click();
    await expect.poll(() => modeOf(page)).toBe('browse');
    await panel.waitFor({ state: 'detached' });
    await page.goBack();
    await panel.waitFor();
    expect(modeOf(page)).toBe('plan');
    expect(new URL(page.url()).origin).toBe(suite.server.url);

    // Nothing unsaved: a reload does not ask.
    await page.reload();
    await waitForMapIdle(page);
    expect(dialogs).toEqual([]);

    // A pasted block not saved as a proposal: reloading asks first.
    await panel.getByRole('tab', { name: '粘贴拐点坐标' }).click();
    await panel.getByRole('textbox', { name: '拐点坐标' }).fill(squareCornerList([108.4, 35.5], 150));
    await panel.getByRole('button', { name: '解析并显示' }).click();
    await panel.getByRole('status').filter({ hasText: '已读取 4 个拐点' }).waitFor();
    await page.reload();
    await waitForMapIdle(page);
    expect(dialogs).toEqual(['beforeunload']);
    expect(errors).toEqual([]);
    await context.close();
  });
});

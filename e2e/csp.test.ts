import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useServerAndBrowser, waitForMapIdle } from './helpers/browser.ts';
import { signIn } from './helpers/inspector.ts';
import { TEST_ADMIN_PASSWORD } from './helpers/server.ts';

const suite = useServerAndBrowser();

/** Every CSP violation the page reports (its `securitypolicyviolation` events and the console's CSP errors). */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('__reportViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportViolation(t: string): void }).__reportViolation(`${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

/** The panel each mode opens (地图 opens none), by its button in the mode switch. */
const MODES: [string, string | null][] = [
  ['公众', '矿山恢复治理进展'],
  ['规划', '规划审查'],
  ['巡查', '执法巡查'],
  ['数据', '数据管理'],
  ['管理', '系统管理'],
  ['地图', null],
];

describe('Content Security Policy', () => {
  it('is strict (no inline script, no eval, no other origins but 天地图) and nothing in any mode breaks it', async () => {
    const response = await fetch(suite.server.url);
    const csp = response.headers.get('content-security-policy')!;
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values.join(' ')]));
    expect(directives['default-src']).toBe("'none'");
    expect(directives['script-src']).toBe("'self'");
    expect(directives['object-src']).toBe("'none'");
    expect(directives['frame-ancestors']).toBe("'none'");
    expect(directives['style-src']).toBe("'self'");
    expect(csp).not.toMatch(/unsafe-eval|https:(?!\/\/)/);

    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const violations = await watchViolations(page);
    await page.goto(suite.server.url);
    await waitForMapIdle(page);
    await signIn(page, { username: 'admin', password: TEST_ADMIN_PASSWORD });
    for (const [mode, panel] of MODES) {
      await page.getByRole('group', { name: '模式' }).getByRole('button', { name: mode, exact: true }).click();
      if (panel) await page.getByRole('complementary', { name: panel }).waitFor();
      await page.waitForLoadState('networkidle');
      await waitForMapIdle(page);
    }
    // The public panel's charts (echarts) and the API browser (Swagger UI) run under the same policy.
    await page.goto(`${suite.server.url}/api/docs`);
    await page.locator('.swagger-ui .opblock').first().waitFor();
    expect(violations).toEqual([]);
    await context.close();
  });
});

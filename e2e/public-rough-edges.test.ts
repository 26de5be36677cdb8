import { describe, expect, it } from 'vitest';
import { useServerAndBrowser, waitForMapIdle } from './helpers/browser.ts';

const suite = useServerAndBrowser();

describe('public restoration page, rough edges of issue #12', () => {
  it('in English the restoration target table shows its headers whole, without scrolling sideways', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(suite.server.url);
    await waitForMapIdle(page);
    if ((await page.getByRole('button', { name: 'English' }).count()) > 0) await page.getByRole('button', { name: 'English' }).click();
    const panel = page.getByRole('complementary', { name: 'Restoration progress' });
    await panel.waitFor();
    if ((await panel.getByRole('button', { name: 'Unfold' }).count()) > 0) await panel.getByRole('button', { name: 'Unfold' }).click();
    const table = panel.locator('.target-table');
    await table.locator('tbody tr').first().waitFor();
    await table.scrollIntoViewIfNeeded();
    const headers = await table.locator('thead th').evaluateAll((cells) => cells.map((c) => ({ text: c.textContent, cut: c.scrollWidth > c.clientWidth + 1 })));
    expect(headers.map((h) => h.text)).toContain('Done to date');
    expect(headers.filter((h) => h.cut)).toEqual([]);
    const sideways = await table.evaluate((t) => {
      const box = t.closest('.table-scroll') ?? t.parentElement!;
      return box.scrollWidth - box.clientWidth;
    });
    expect(sideways).toBeLessThanOrEqual(1);
    await context.close();
  }, 120_000);
});

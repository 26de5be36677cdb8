import { describe, expect, it } from 'vitest';
import { openAdminTab } from './helpers/admin.ts';
import { useServerAndBrowser } from './helpers/browser.ts';

const suite = useServerAndBrowser();

/** Seed 000 (新宾) 一、工作目标: about 20 % by end-2020, about 30 % by end-2022. */
const STEPS = [
  { year: '2020', percent: '20', source: '000 一、工作目标：到2020年底…大中型矿山比例达到20%左右' },
  { year: '2022', percent: '30', source: '000 一、工作目标：到2022年底，大中型矿山比例达到30%左右' },
];

describe('the large+medium ratio by year (issue #15)', () => {
  it('an admin enters seed 000’s two steps in 设置 → 规划指标; the indicators show the step in force and the series', async () => {
    const { context, page, panel, errors } = await openAdminTab(suite, '设置');

    const form = panel.getByRole('form', { name: '规划指标' });
    const steps = form.getByRole('group', { name: '大中型矿山比例下限（%）' });
    // The plan's own single step: 29 % by 2025, citing seed 004.
    expect(await steps.locator('input[name="step-year-1"]').inputValue()).toBe('2025');
    expect(await steps.locator('input[name="step-percent-1"]').inputValue()).toBe('29');
    expect(await steps.locator('input[name="step-source-1"]').inputValue()).toContain('大中型矿山比例提高至29%');

    // Out of order: said before anything is sent.
    await steps.getByRole('button', { name: '添加一步' }).click();
    await steps.locator('input[name="step-year-2"]').fill('2022');
    await steps.locator('input[name="step-percent-2"]').fill('30');
    await steps.locator('input[name="step-source-2"]').fill(STEPS[1].source);
    await form.getByRole('button', { name: '保存规划指标' }).click();
    await form.getByRole('alert').filter({ hasText: '第 2 步：年份须逐步递增、不重复' }).waitFor();

    for (const [i, step] of STEPS.entries()) {
      await steps.locator(`input[name="step-year-${i + 1}"]`).fill(step.year);
      await steps.locator(`input[name="step-percent-${i + 1}"]`).fill(step.percent);
      await steps.locator(`input[name="step-source-${i + 1}"]`).fill(step.source);
    }
    await form.getByRole('button', { name: '保存规划指标' }).click();
    await form.getByRole('status').filter({ hasText: '已保存。' }).waitFor();
    expect(await steps.locator('input[name="step-year-2"]').inputValue()).toBe('2022');

    // The indicators, judged today (after 2022): the 2022 step, not reached by the demo's 20 %.
    await page.getByRole('group', { name: '模式' }).getByRole('button', { name: '公众' }).click();
    const progress = page.getByRole('complementary', { name: '矿山恢复治理进展' });
    await progress.getByRole('tab', { name: '报告与指标' }).click();
    const row = progress.locator('.indicator-table tr[data-indicator-id="largeMediumRatio"]');
    await row.waitFor();
    expect(await row.getAttribute('data-state')).toBe('missed');
    const target = row.locator('.indicator-step');
    expect(await target.textContent()).toContain('到2022年底');
    expect(await target.textContent()).toContain('到2020年底 20%；到2022年底 30%');
    expect(await target.getAttribute('title')).toBe(STEPS[1].source);
    expect(errors).toEqual([]);
    await context.close();
  });
});

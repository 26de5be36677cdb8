import { describe, expect, it } from 'vitest';
import { openAdminTab } from './helpers/admin.ts';
import { useServerAndBrowser } from './helpers/browser.ts';

const suite = useServerAndBrowser();

/** The bureau's own figure for a mineral the seeds give none (a test figure, named as one). */
const BASIS = '县局测试用：建筑用石料矿山最低开采规模 10 万吨/年';

describe('管理 mode: 规则 — the minimum scales by mineral (issue #15)', () => {
  it('shows brick clay’s 8 万吨/年 and adds construction stone’s minimum scale as a new version, which the server’s rules then hold', async () => {
    const { context, page, panel, errors } = await openAdminTab(suite, '规则');

    const rules = panel.getByRole('list', { name: '规则' });
    const clay = rules.getByRole('listitem', { name: '最低开采规模（砖瓦用粘土）', exact: true });
    await clay.waitFor();
    expect(await clay.locator('.rule-scale').textContent()).toBe('不低于 8 万吨/年');

    const add = panel.getByLabel('新增矿种最低开采规模', { exact: true }).first();
    await panel.locator('select[name="scale-mineral"]').selectOption({ label: '建筑用石料' });
    const form = panel.getByRole('form', { name: '编辑规则：最低开采规模（建筑用石料）' });
    // No figure is filled in for the bureau: saving without one is said before anything is sent.
    await form.getByRole('button', { name: '保存为新版本' }).click();
    await form.getByRole('alert').waitFor();
    await form.getByLabel('最低开采规模（万吨/年）').fill('10');
    await form.getByLabel('法律依据（中文）').fill(BASIS);
    await form.getByLabel('法律依据（英文）').fill('Bureau test figure: construction stone at least 10 ×10⁴ t/yr');
    await form.getByRole('button', { name: '保存为新版本' }).click();

    const stone = rules.getByRole('listitem', { name: '最低开采规模（建筑用石料）', exact: true });
    await stone.waitFor();
    expect(await stone.locator('.rule-scale').textContent()).toBe('不低于 10 万吨/年');
    expect(await stone.getAttribute('data-outcome')).toBe('forbidden');
    expect(await stone.locator('.rule-basis').textContent()).toBe(BASIS);
    expect(await add.count()).toBe(1);

    // The browser's own engine gets the table with the new row.
    const served = await page.evaluate(async () => (await (await fetch('/api/rules')).json()).ruleset.minimumScales);
    expect(served).toEqual([
      expect.objectContaining({ mineral: 'brickClay', min10ktPerYear: 8 }),
      expect.objectContaining({ mineral: 'constructionStone', min10ktPerYear: 10, outcome: 'forbidden' }),
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

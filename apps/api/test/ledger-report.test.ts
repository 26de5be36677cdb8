import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@mpm/domain';
import { chinaToday } from '../src/plugins/app/reports/china-time.ts';
import { ledgerSection } from '../src/plugins/app/reports/progress-ledger.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { demoTownships, signInStaff, square } from './helpers/staff.ts';

describe.each(TEST_DATABASES)('the periodic report’s ledger figures on %s', (kind) => {
  let t: TestApp;
  let cookies: Awaited<ReturnType<typeof signInStaff>>;
  const home = demoTownships()[1];
  const call = (url: string, who: 'admin' | 'inspector1', payload: object) =>
    t.app.inject({ method: 'POST', url, payload, headers: { cookie: cookies[who] } });

  beforeAll(async () => {
    t = await createTestApp(kind);
    cookies = await signInStaff(t);
    const make = async (source: string, violationType?: string) => {
      const made = await call('/api/ledger', 'inspector1', { title: `${source}`, source, geometry: square(home.inside, 20), ...(violationType && { violationType }) });
      expect(made.statusCode, made.body).toBe(201);
      return made.json();
    };
    await make('media', 'destructiveMining');
    await make('media', 'concealedOutput');
    await make('antiGang');
    const moved = await make('tipOff', 'destructiveMining');
    const verifying = (await call(`/api/ledger/${moved.id}/transitions`, 'inspector1', { to: 'verifying', baseRevision: moved.revision })).json();
    const handed = await call(`/api/ledger/${moved.id}/handovers`, 'inspector1', {
      baseRevision: verifying.revision,
      department: 'publicSecurity',
      receivingDepartment: '县公安局',
      handedOverOn: chinaToday(),
    });
    const handover = handed.json();
    expect(handed.statusCode, handed.body).toBe(201);
    await call(`/api/ledger/${moved.id}/handovers`, 'inspector1', {
      baseRevision: handover.revision,
      department: 'ecologyEnvironment',
      receivingDepartment: '市生态环境局分局',
      handedOverOn: chinaToday(),
    });
    const concluded = await call(`/api/ledger/${moved.id}/handovers/${handover.handovers[0].id}/result`, 'inspector1', {
      baseRevision: handover.revision + 1,
      caseNumber: '公（刑）2026-1',
      result: '立案',
      concludedOn: chinaToday(),
    });
    expect(concluded.statusCode, concluded.body).toBe(200);
  });
  afterAll(() => t?.close());

  it('counts entries by status as of the day, by source and type, and the hand-overs by department', async () => {
    const today = chinaToday();
    const figures = await t.app.repos.ledger.reportFigures(addDays(today, -30), today);
    const sum = (pick: (r: (typeof figures.entries)[number]) => boolean) => figures.entries.filter(pick).reduce((s, r) => s + r.count, 0);
    expect(sum(() => true)).toBe(4);
    expect(sum((r) => r.status === 'verifying')).toBe(1);
    expect(sum((r) => r.status === 'pending')).toBe(3);
    expect(sum((r) => r.source === 'media')).toBe(2);
    expect(sum((r) => r.violationType === 'destructiveMining')).toBe(2);
    expect(figures.entries.every((r) => r.newInPeriod === r.count)).toBe(true);
    expect(figures.handovers).toEqual([
      { department: 'ecologyEnvironment', handedOver: 1, concluded: 0, inPeriod: 1 },
      { department: 'publicSecurity', handedOver: 1, concluded: 1, inPeriod: 1 },
    ]);
    // As of yesterday nothing had been entered yet.
    const before = await t.app.repos.ledger.reportFigures(addDays(today, -30), addDays(today, -1));
    expect(before).toEqual({ entries: [], handovers: [] });

    const html = ledgerSection(figures, today, 'zh');
    expect(html).toContain('八、问题台账');
    expect(html).toMatch(/<td>媒体披露<\/td><td class="num">2<\/td>/);
    expect(html).toMatch(/<td>破坏性采矿<\/td><td class="num">2<\/td>/);
    expect(html).toMatch(/<td>待核查<\/td><td class="num">3<\/td>/);
    expect(html).toMatch(/data-department="publicSecurity"><td>公安<\/td><td class="num">1<\/td><td class="num">1<\/td><td class="num">0<\/td>/);
    expect(html).toMatch(/data-department="ecologyEnvironment"><td>生态环境<\/td><td class="num">1<\/td><td class="num">0<\/td><td class="num">1<\/td>/);
    expect(html).toMatch(/data-department="emergencyManagement"><td>应急管理<\/td><td class="num">0<\/td>/);
    expect(ledgerSection(before, today, 'en')).toContain('The ledger had no entries by then.');
  });
});

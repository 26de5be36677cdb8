import fs from 'node:fs';
import path from 'node:path';
import * as turf from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxKind, InboxResponse } from '@mpm/contracts';
import { REPO_ROOT } from '../src/config.ts';
import { chinaToday } from '../src/plugins/app/reports/china-time.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { demoTownships, signInStaff, square } from './helpers/staff.ts';
import { multipartForm } from './helpers/photo-fixtures.ts';

const demo = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data', 'demo', `${name}.geojson`), 'utf8')) as GeoJSON.FeatureCollection;
const clay = { mineral: 'brickClay', capacity10ktPerYear: 13, rightKind: 'new' };
const block = square(turf.centroid(demo('mining_blocks').features.find((f) => f.properties?.code === 'KC621025-01')!).geometry.coordinates, 50);
const licenceNo = String(demo('mining_rights').features[0]!.properties!.licenceNo);

/** `YYYY-MM-DD` `days` after today in China time. */
const dayFromToday = (days: number) => chinaToday(new Date(Date.now() + days * 86_400_000));

type Who = 'admin' | 'inspector1' | 'planner1' | 'reviewer1' | 'anonymous';

describe.each(TEST_DATABASES)('staff inbox on %s', (kind) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, who: Who, payload?: object) =>
    t.app.inject({ method, url, payload, headers: who === 'anonymous' ? {} : { cookie: cookies[who] } });
  const inbox = async (who: Who): Promise<InboxResponse> => {
    const answer = await call('GET', '/api/inbox', who);
    expect(answer.statusCode, answer.body).toBe(200);
    return answer.json();
  };
  const ids = async (who: Who, kind: InboxKind) => (await inbox(who)).groups.find((g) => g.kind === kind)?.items.map((i) => i.id);
  const ledgerRevision = async (id: number) => (await call('GET', `/api/ledger/${id}`, 'admin')).json().revision as number;

  let rightId: number;
  let overdueId: number;
  let onTimeId: number;
  let tipOffId: number;
  let proposalId: number;

  beforeAll(async () => {
    t = await createTestApp(kind);
    Object.assign(cookies, await signInStaff(t));
    const password = 'reviewer-one-secret';
    const created = await call('POST', '/api/users', 'admin', { username: 'reviewer1', displayName: '审核员甲', role: 'reviewer', password });
    expect(created.statusCode, created.body).toBe(201);
    cookies.reviewer1 = await t.login('reviewer1', password);

    // One licence ends in 30 days (within the default 90); the register decides the rest.
    await t.db.knex('mining_rights').where({ licence_no: licenceNo }).update({ valid_to: dayFromToday(30), right_status: 'active' });
    rightId = Number((await t.db.knex('mining_rights').where({ licence_no: licenceNo }).first('id')).id);

    const home = demoTownships()[0]!.inside;
    const entry = async (title: string, deadline: string) => {
      const answer = await call('POST', '/api/ledger', 'inspector1', { title, source: 'siteCheck', geometry: square(home, 40), deadline });
      expect(answer.statusCode, answer.body).toBe(201);
      return answer.json().id as number;
    };
    overdueId = await entry('逾期未整改', dayFromToday(-3));
    onTimeId = await entry('期限未到', dayFromToday(30));

    const [lon, lat] = home;
    const form = multipartForm({ lon: String(lon), lat: String(lat), description: '河道夜间采砂' });
    const tipOff = await t.app.inject({ method: 'POST', url: '/api/tip-offs', payload: form.payload, headers: form.headers, remoteAddress: '10.9.9.9' });
    expect(tipOff.statusCode, tipOff.body).toBe(201);
    tipOffId = Number((await t.db.knex('ledger_entries').where({ source: 'tipOff' }).orderBy('id', 'desc').first('id')).id);

    const proposal = await call('POST', '/api/proposals', 'planner1', { name: '待审方案', geometry: block, proposal: clay });
    expect(proposal.statusCode, proposal.body).toBe(201);
    proposalId = proposal.json().id;
    const submitted = await call('POST', `/api/proposals/${proposalId}/submit`, 'planner1', { baseRevision: proposal.json().revision });
    expect(submitted.statusCode, submitted.body).toBe(200);
  });
  afterAll(() => t?.close());

  it('is for staff only', async () => {
    expect((await call('GET', '/api/inbox', 'anonymous')).statusCode).toBe(401);
  });

  it('gives each role its kinds: licences to all staff, ledger and campaigns to inspectors and admins, proposals to reviewers and admins', async () => {
    const kinds = async (who: Who) => (await inbox(who)).groups.map((g) => g.kind);
    expect(await kinds('planner1')).toEqual(['expiringLicence']);
    expect(await kinds('inspector1')).toEqual(['expiringLicence', 'overdueLedger', 'newTipOff', 'overdueTask', 'reportLate', 'reportDue']);
    expect(await kinds('reviewer1')).toEqual(['expiringLicence', 'proposalWaiting']);
    expect(await kinds('admin')).toEqual(['expiringLicence', 'overdueLedger', 'newTipOff', 'proposalWaiting', 'overdueTask', 'reportLate', 'reportDue']);

    const admin = await inbox('admin');
    expect(admin.today).toBe(chinaToday());
    expect(admin.total).toBe(admin.groups.reduce((sum, g) => sum + g.count, 0));
    for (const group of admin.groups) expect(group.count, group.kind).toBeGreaterThanOrEqual(group.items.length);
  });

  it('lists a licence ending within the inspection window, with where it opens, until the window is narrowed', async () => {
    for (const who of ['planner1', 'inspector1', 'reviewer1', 'admin'] as const) expect(await ids(who, 'expiringLicence'), who).toContain(rightId);
    const item = (await inbox('planner1')).groups[0]!.items.find((i) => i.id === rightId)!;
    expect(item).toMatchObject({ date: dayFromToday(30), target: { mode: 'inspect', record: 'licence', id: rightId, collection: 'mining_rights' } });
    expect(item.detail).toContain(licenceNo);
    expect(item.target.bbox).toHaveLength(4);

    const narrowed = await call('PUT', '/api/settings/inspection', 'admin', { expiringWithinDays: 10 });
    expect(narrowed.statusCode, narrowed.body).toBe(200);
    expect(await ids('planner1', 'expiringLicence')).not.toContain(rightId);
    expect((await call('PUT', '/api/settings/inspection', 'admin', { expiringWithinDays: 90 })).statusCode).toBe(200);
  });

  it('lists ledger entries past their deadline (not those still in time, not closed ones) to inspectors and admins', async () => {
    for (const who of ['inspector1', 'admin'] as const) {
      expect(await ids(who, 'overdueLedger'), who).toContain(overdueId);
      expect(await ids(who, 'overdueLedger'), who).not.toContain(onTimeId);
    }
    const item = (await inbox('inspector1')).groups.find((g) => g.kind === 'overdueLedger')!.items.find((i) => i.id === overdueId)!;
    expect(item).toMatchObject({ label: '逾期未整改', date: dayFromToday(-3), target: { mode: 'inspect', record: 'ledgerEntry', id: overdueId } });

    // Declared unfounded (final), it waits for nobody.
    const unfounded = await call('POST', `/api/ledger/${overdueId}/transitions`, 'admin', {
      to: 'unfounded',
      note: '现场核实无此事',
      baseRevision: await ledgerRevision(overdueId),
    });
    expect(unfounded.statusCode, unfounded.body).toBe(200);
    expect(await ids('inspector1', 'overdueLedger')).not.toContain(overdueId);
  });

  it('lists a new tip-off until someone takes it up', async () => {
    for (const who of ['inspector1', 'admin'] as const) expect(await ids(who, 'newTipOff'), who).toContain(tipOffId);
    const item = (await inbox('admin')).groups.find((g) => g.kind === 'newTipOff')!.items.find((i) => i.id === tipOffId)!;
    expect(item).toMatchObject({ date: chinaToday(), target: { mode: 'inspect', record: 'ledgerEntry', id: tipOffId } });
    expect(item.label).toContain('河道夜间采砂');

    const taken = await call('POST', `/api/ledger/${tipOffId}/transitions`, 'inspector1', { to: 'verifying', baseRevision: await ledgerRevision(tipOffId) });
    expect(taken.statusCode, taken.body).toBe(200);
    expect(await ids('inspector1', 'newTipOff')).not.toContain(tipOffId);
  });

  it('lists a submitted proposal to reviewers and admins until it is decided', async () => {
    for (const who of ['reviewer1', 'admin'] as const) expect(await ids(who, 'proposalWaiting'), who).toEqual([proposalId]);
    const item = (await inbox('reviewer1')).groups.find((g) => g.kind === 'proposalWaiting')!.items[0]!;
    expect(item).toMatchObject({ label: '待审方案', detail: '规划员丙', date: chinaToday(), target: { mode: 'plan', record: 'proposal', id: proposalId } });

    const revision = (await call('GET', `/api/proposals/${proposalId}`, 'reviewer1')).json().revision;
    const approved = await call('POST', `/api/proposals/${proposalId}/approve`, 'reviewer1', { baseRevision: revision, comment: '同意' });
    expect(approved.statusCode, approved.body).toBe(200);
    const after = (await inbox('reviewer1')).groups.find((g) => g.kind === 'proposalWaiting')!;
    expect(after).toEqual({ kind: 'proposalWaiting', count: 0, items: [] });
  });
});

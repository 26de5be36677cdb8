import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/config.ts';
import { prepareDatabase } from '../src/bootstrap.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { signInStaff, square } from './helpers/staff.ts';

type Finding = { ruleId: string; outcome: string; legalBasis: { zh: string; en: string }; possibleBoundaryOffset?: boolean };
type Rule = { id: string; outcome: string; toleranceM2?: number; legalBasis: { zh: string; en: string }; title: { zh: string } };

const redline = (
  JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data', 'demo', 'eco_redline.geojson'), 'utf8')) as GeoJSON.FeatureCollection<GeoJSON.Polygon>
).features.find((f) => f.properties?.name === '四郎河源头生态保护红线（示范）')!;
/** The red line's westmost corner: a square around it lies a quarter inside. */
const corner = redline.geometry.coordinates[0].reduce((west, p) => (p[0] < west[0] ? p : west));
const acrossRedline = square(corner, 150);
/** About 400 m² of the red line: a conflict at the file's 10 m² tolerance, a boundary offset at 5 000 m². */
const sliverOfRedline = square(corner, 20);
const clay = { mineral: 'brickClay', capacity10ktPerYear: 13, rightKind: 'new' };
const NEW_BASIS = { zh: '《正宁县矿产资源总体规划（2021-2025年）》三（一）3（县级修订）', en: 'Zhengning plan III(1)3 (county revision)' };

describe.each(TEST_DATABASES)('the rule register (GET/PUT /api/ruleset) on %s', (kind) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  const call = async (method: 'GET' | 'PUT' | 'POST', url: string, who: string | null, payload?: object, lang = 'zh-CN') => {
    const headers = { 'accept-language': lang, ...(who ? { cookie: cookies[who] } : {}) };
    const response = await t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    return { status: response.statusCode, body: response.json(), text: response.body };
  };
  const register = async () => (await call('GET', '/api/ruleset', 'planner1')).body as { version: number; rules: Rule[] };
  const rule = async (id: string) => (await register()).rules.find((r) => r.id === id)!;
  const put = (baseVersion: number, rules: object[], who = 'admin', lang?: string) => call('PUT', '/api/ruleset', who, { baseVersion, rules }, lang);
  const checkFindings = async (geometry: GeoJSON.Polygon) => {
    const { status, body, text } = await call('POST', '/api/check', 'planner1', { geometry, proposal: clay });
    expect(status, text).toBe(200);
    return body as { findings: Finding[]; rulesetVersion: number };
  };
  const rulesetAudits = async () => Number((await t.db.knex('audit_log').where({ entity: 'ruleset' }).count({ n: '*' }))[0].n);
  const storedVersions = async () => Number((await t.db.knex('ruleset_versions').count({ n: '*' }))[0].n);

  beforeAll(async () => {
    t = await createTestApp(kind);
    Object.assign(cookies, await signInStaff(t));
    const second = { username: 'admin2', displayName: '第二管理员', role: 'admin', password: 'second-admin-secret' };
    expect((await call('POST', '/api/users', 'admin', second)).status).toBe(201);
    cookies.admin2 = await t.login(second.username, second.password);
  }, 120_000);
  afterAll(() => t?.close());

  it('starts from the ruleset file, recorded at boot as version 1 by the system; staff read it, only admins change it', async () => {
    const { status, body } = await call('GET', '/api/ruleset', 'planner1');
    expect(status).toBe(200);
    expect(body).toMatchObject({ rulesetId: 'zhengning-2021', version: 1, savedBy: null, note: expect.stringContaining('data/rulesets/zhengning-2021.json') });
    expect(body.rules.find((r: Rule) => r.id === 'ecoRedline')).toMatchObject({ outcome: 'forbidden', toleranceM2: 10, title: { zh: '生态保护红线' } });
    expect(body.rules.find((r: Rule) => r.id === 'restrictedMiningArea').legalBasis.zh).toMatch(/^示范借用：/);
    expect((await call('GET', '/api/ruleset', null)).status).toBe(401);
    expect((await put(1, [{ id: 'scenicArea', outcome: 'forbidden' }], 'planner1')).status).toBe(403);
    expect((await call('PUT', '/api/ruleset', null, { baseVersion: 1, rules: [{ id: 'scenicArea', outcome: 'forbidden' }] })).status).toBe(401);

    // A second boot finds the register and records nothing.
    expect((await prepareDatabase(t.db.knex, { loadDemo: true })).rulesetRecorded).toBe(false);
    expect(await storedVersions()).toBe(1);
  });

  it('saves a rule’s new outcome and legal basis as the next version, which the next check follows, keeping the old check with its version', async () => {
    const { version } = await register();
    const before = await checkFindings(acrossRedline);
    expect(before.rulesetVersion).toBe(version);
    expect(before.findings.find((f) => f.ruleId === 'ecoRedline')).toMatchObject({ outcome: 'forbidden' });
    const saved = await call('POST', '/api/proposals', 'planner1', { name: '跨红线方案', geometry: acrossRedline, proposal: clay });
    expect(saved.status, saved.text).toBe(201);
    expect(saved.body).toMatchObject({ worstOutcome: 'forbidden', rulesetVersion: version });

    const audits = await rulesetAudits();
    const { status, body, text } = await call('PUT', '/api/ruleset', 'admin', {
      baseVersion: version,
      rules: [{ id: 'ecoRedline', outcome: 'conditional', legalBasis: { zh: `  ${NEW_BASIS.zh} `, en: NEW_BASIS.en } }],
      note: '红线内已设矿权整合，改为需论证',
    });
    expect(status, text).toBe(200);
    expect(body).toMatchObject({ version: version + 1, savedBy: '系统管理员', note: '红线内已设矿权整合，改为需论证' });
    expect(Date.parse(body.savedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(body.rules.find((r: Rule) => r.id === 'ecoRedline')).toMatchObject({ outcome: 'conditional', legalBasis: NEW_BASIS, toleranceM2: 10 });

    const after = await checkFindings(acrossRedline);
    expect(after.rulesetVersion).toBe(version + 1);
    expect(after.findings.find((f) => f.ruleId === 'ecoRedline')).toMatchObject({ outcome: 'conditional', legalBasis: NEW_BASIS });
    // The browser engine gets the same rules, and the version.
    const rules = (await call('GET', '/api/rules', 'planner1')).body;
    expect(rules.rulesetVersion).toBe(version + 1);
    expect(rules.ruleset.zoneRules.find((r: Rule) => r.id === 'ecoRedline')).toMatchObject({ outcome: 'conditional', legalBasis: NEW_BASIS });
    // So does the inspector's site card.
    const site = await call('POST', '/api/site-check', 'admin', { geometry: acrossRedline });
    expect(site.status, site.text).toBe(200);
    expect(site.body.rulesetVersion).toBe(version + 1);

    // The proposal saved before keeps the version its check ran under; a new version of it, the new one.
    const stored = (await call('GET', `/api/proposals/${saved.body.id}`, 'planner1')).body;
    expect(stored).toMatchObject({ worstOutcome: 'forbidden', rulesetVersion: version });
    const resaved = await call('PUT', `/api/proposals/${saved.body.id}`, 'planner1', { geometry: acrossRedline, proposal: clay, baseVersion: 1 });
    expect(resaved.status, resaved.text).toBe(200);
    expect(resaved.body).toMatchObject({ version: 2, rulesetVersion: version + 1 });
    const history = (await call('GET', `/api/proposals/${saved.body.id}/versions`, 'planner1')).body;
    expect(history.versions.map((v: { rulesetVersion: number }) => v.rulesetVersion)).toEqual([version, version + 1]);

    // One audit entry, with the rule before and after.
    expect(await rulesetAudits()).toBe(audits + 1);
    const [entry] = await t.db.knex('audit_log').where({ entity: 'ruleset' }).orderBy('id', 'desc').limit(1);
    expect(entry).toMatchObject({ action: 'update', entity_id: 'zhengning-2021' });
    expect(entry.detail).toMatchObject({
      baseVersion: version,
      fromVersion: version,
      version: version + 1,
      before: [{ id: 'ecoRedline', outcome: 'forbidden' }],
      after: [{ id: 'ecoRedline', outcome: 'conditional', legalBasis: NEW_BASIS }],
    });
  });

  it('judges an overlap by the rule’s tolerance as set', async () => {
    const { version } = await register();
    const at = async () => (await checkFindings(sliverOfRedline)).findings.filter((f) => f.ruleId === 'ecoRedline' || f.ruleId === 'ecoRedlineExtension');
    const [before] = await at();
    expect(before.possibleBoundaryOffset).toBeUndefined();
    const { status, text } = await put(version, [{ id: 'ecoRedline', toleranceM2: 5000 }]);
    expect(status, text).toBe(200);
    expect(await at()).toEqual([expect.objectContaining({ ruleId: 'ecoRedline', outcome: 'advisory', possibleBoundaryOffset: true })]);
    expect((await rule('ecoRedline')).toleranceM2).toBe(5000);
  });

  it('lists every version, newest first, with who saved it, when, why and what it changed', async () => {
    const { version } = await register();
    const { status, body } = await call('GET', '/api/ruleset/versions', 'planner1');
    expect(status).toBe(200);
    expect(body.versions.map((v: { version: number }) => v.version)).toEqual(Array.from({ length: version }, (_, i) => version - i));
    const oldest = body.versions.at(-1);
    expect(oldest).toMatchObject({ version: 1, savedBy: null, changes: [] });
    const byVersion = new Map(body.versions.map((v: { version: number }) => [v.version, v]));
    expect(byVersion.get(2)).toMatchObject({
      savedBy: '系统管理员',
      note: '红线内已设矿权整合，改为需论证',
      changes: [
        { id: 'ecoRedline', title: { zh: '生态保护红线' }, field: 'outcome', before: 'forbidden', after: 'conditional' },
        { id: 'ecoRedline', field: 'legalBasis', after: NEW_BASIS },
      ],
    });
    expect(byVersion.get(3)).toMatchObject({ changes: [{ id: 'ecoRedline', field: 'toleranceM2', before: 10, after: 5000 }] });
  });

  it('refuses a change based on a version another admin has replaced: 409 naming who, when and which rules, in Chinese and English', async () => {
    const { version } = await register();
    const first = await put(version, [{ id: 'scenicArea', outcome: 'forbidden' }], 'admin2');
    expect(first.status, first.text).toBe(200);
    const [audits, versions] = [await rulesetAudits(), await storedVersions()];

    const stale = await put(version, [{ id: 'residentialArea', outcome: 'forbidden' }]);
    expect(stale.status, stale.text).toBe(409);
    expect(stale.body.code).toBe('versionConflict');
    expect(stale.body.message).toMatch(
      new RegExp(`^规则集（其后改动的规则：景观区）已由 第二管理员 于 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}（北京时间）保存为第 ${version + 1} 版，而您修改的是第 ${version} 版。`),
    );
    const english = await put(version, [{ id: 'residentialArea', outcome: 'forbidden' }], 'admin', 'en');
    expect(english.body.message).toContain(`The ruleset (rules changed since: Scenic / landscape area) was saved as version ${version + 1} by 第二管理员 at`);
    expect([await rulesetAudits(), await storedVersions()]).toEqual([audits, versions]);
    expect((await rule('residentialArea')).outcome).toBe('restricted');
  });

  it('of two saves at once from one version, keeps one and refuses the other', async () => {
    const { version } = await register();
    const answers = await Promise.all([
      put(version, [{ id: 'waterSource', outcome: 'restricted' }], 'admin'),
      put(version, [{ id: 'waterSource', outcome: 'conditional' }], 'admin2'),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect((await register()).version).toBe(version + 1);
  });

  it.each([
    ['a rule that does not exist', [{ id: 'noSuchRule', outcome: 'forbidden' }], 'unknownRule', '规则集中没有规则“noSuchRule”', 'The ruleset has no rule "noSuchRule"'],
    ['an outcome that does not exist', [{ id: 'scenicArea', outcome: 'banned' }], 'unknownOutcome', '规则“景观区”（scenicArea）：没有“banned”这一审查结论；可选结论：禁止（forbidden）、限制（restricted）、需论证（conditional）、提示（advisory）', 'there is no outcome "banned"'],
    ['a tolerance for a rule without one', [{ id: 'railwayProtection', toleranceM2: 5 }], 'ruleHasNoTolerance', '规则“铁路线路两侧 1000 米”（railwayProtection）不按重叠面积判断', 'has no tolerance to set'],
    ['a negative tolerance', [{ id: 'natureReserve', toleranceM2: -1 }], 'toleranceOutOfRange', '容差 -1 平方米不在 0 至 10000 平方米之间', 'outside 0 to 10000 m²'],
    ['an absurd tolerance', [{ id: 'natureReserve', toleranceM2: 1e9 }], 'toleranceOutOfRange', '容差 1000000000 平方米', 'outside 0 to 10000 m²'],
    ['a blank legal basis', [{ id: 'natureReserve', legalBasis: { zh: '  ', en: 'x' } }], 'legalBasisEmpty', '法律依据（中文）不能为空白', 'the legal basis (中文) must not be blank'],
    ['a legal basis of 10 000 characters', [{ id: 'natureReserve', legalBasis: { zh: '条'.repeat(10_000), en: 'x' } }], 'legalBasisTooLong', '有 10000 个字符，最多 2000 个', 'has 10000 characters; at most 2000'],
    ['a rule named twice', [{ id: 'natureReserve', outcome: 'restricted' }, { id: 'natureReserve', outcome: 'advisory' }], 'duplicateRule', '在本次修改中出现了不止一次', 'appears more than once'],
    ['a rule with nothing to change', [{ id: 'natureReserve' }], 'emptyRuleChange', '没有给出要修改的结论、容差或法律依据', 'no outcome, tolerance or legal basis'],
    ['a change that changes nothing', [{ id: 'natureReserve', outcome: 'forbidden' }], 'nothingToChange', '规则集相同，没有可保存的内容', 'there is nothing to save'],
    ['a valid change beside a bad one', [{ id: 'scenicArea', outcome: 'advisory' }, { id: 'natureReserve', outcome: 'never' }], 'unknownOutcome', '规则“自然保护区”（natureReserve）', 'Rule "Nature reserve" (natureReserve)'],
  ])('refuses %s with a 400 naming it, writing nothing', async (_name, rules, code, zh, en) => {
    const { version } = await register();
    const [audits, versions, scenic] = [await rulesetAudits(), await storedVersions(), await rule('scenicArea')];
    const refused = await put(version, rules);
    expect(refused.status, refused.text).toBe(400);
    expect(refused.body).toMatchObject({ code });
    expect(refused.body.message).toContain(zh);
    expect((await put(version, rules, 'admin', 'en')).body.message).toContain(en);
    expect([await rulesetAudits(), await storedVersions(), (await register()).version, await rule('scenicArea')]).toEqual([audits, versions, version, scenic]);
  });

  it('needs the version a change is based on', async () => {
    const response = await call('PUT', '/api/ruleset', 'admin', { rules: [{ id: 'scenicArea', outcome: 'advisory' }] });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('invalidRequest');
  });
});

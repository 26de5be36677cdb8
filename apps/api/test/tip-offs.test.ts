import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { STAFF, demoTownships, signInStaff } from './helpers/staff.ts';
import { jpegWithGps, multipartForm } from './helpers/photo-fixtures.ts';

const TIP_OFFS_PER_HOUR = 5;
const RECEIPT = /^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/;

describe.each(TEST_DATABASES)('public tip-offs on %s', (kind) => {
  let t: TestApp;
  let cookies: Awaited<ReturnType<typeof signInStaff>>;
  const township = demoTownships()[1];
  let address = 0;
  /** Each test sends from its own address, so only the flood test meets the limit. */
  const nextAddress = () => `10.0.${kind === 'pglite' ? 1 : 2}.${++address}`;

  const send = (fields: Record<string, string>, options: { photo?: Buffer; from?: string; lang?: string } = {}) => {
    const form = multipartForm(fields, options.photo && { bytes: options.photo, name: 'IMG_0001.jpg' });
    return t.app.inject({
      method: 'POST',
      url: '/api/tip-offs',
      payload: form.payload,
      headers: { ...form.headers, 'accept-language': options.lang ?? 'zh-CN' },
      remoteAddress: options.from ?? nextAddress(),
    });
  };
  const lookUp = (code: string, lang = 'zh-CN') =>
    t.app.inject({ method: 'GET', url: `/api/tip-offs/${encodeURIComponent(code)}`, headers: { 'accept-language': lang } });
  const staff = (method: 'GET' | 'POST' | 'PATCH', url: string, who: keyof typeof cookies, payload?: object) =>
    t.app.inject({ method, url, payload, headers: { cookie: cookies[who] } });
  const counts = async () => ({
    entries: Number((await t.db.knex('ledger_entries').count({ n: '*' }))[0].n),
    events: Number((await t.db.knex('ledger_events').count({ n: '*' }))[0].n),
    photos: Number((await t.db.knex('photos').count({ n: '*' }))[0].n),
    audit: Number((await t.db.knex('audit_log').where({ entity: 'ledger_entry' }).count({ n: '*' }))[0].n),
  });
  const step = async (id: number, who: keyof typeof cookies, to: string, note?: string) => {
    const revision = (await staff('GET', `/api/ledger/${id}`, who)).json().revision;
    return staff('POST', `/api/ledger/${id}/transitions`, who, { to, baseRevision: revision, ...(note && { note }) });
  };

  beforeAll(async () => {
    t = await createTestApp(kind, { tipOffsPerHour: TIP_OFFS_PER_HOUR });
    cookies = await signInStaff(t);
  });
  afterAll(() => t?.close());

  it('turns a tip-off into a lead that moves through the ledger to 销号, while its reporter follows the status', async () => {
    const [lon, lat] = township.inside;
    const description = '村北山坡上有人夜间用挖掘机挖砂，大车往外运。\n已持续一周。';
    const sent = await send({ lon: String(lon), lat: String(lat), description, contact: '138 0000 0000' }, { photo: jpegWithGps() });
    expect(sent.statusCode, sent.body).toBe(201);
    const receipt = sent.json();
    expect(receipt.receiptCode).toMatch(RECEIPT);
    expect(receipt.status).toBe('pending');

    // The reporter sees the status with the code alone, and nobody else needs an account either.
    const first = await lookUp(receipt.receiptCode);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ receiptCode: receipt.receiptCode, status: 'pending', createdAt: receipt.createdAt });
    expect(first.json().history.map((h: { status: string }) => h.status)).toEqual(['pending']);

    // Staff find it in the ledger as a lead, with the description and the contact.
    const list = (await staff('GET', '/api/ledger?source=tipOff&status=pending', 'inspector1')).json();
    const summary = list.entries.find((e: { title: string }) => e.title.startsWith('群众举报：村北山坡上'));
    expect(summary).toMatchObject({ source: 'tipOff', status: 'pending', townshipCode: township.code, townshipName: township.name });
    expect(summary.title).not.toContain('\n');
    const id = summary.id as number;
    const entry = (await staff('GET', `/api/ledger/${id}`, 'planner1')).json();
    expect(entry).toMatchObject({ reporterContact: '138 0000 0000', patchId: null, geometry: { type: 'Point', coordinates: [lon, lat] } });
    expect(entry.tipOffReceipt).toBe(`${receipt.receiptCode.slice(0, 4)}…`);
    expect(entry.history).toEqual([
      { kind: 'created', from: null, to: 'pending', note: description, by: 'public', at: expect.any(String) },
      { kind: 'photo', from: null, to: null, note: null, by: 'public', at: expect.any(String) },
    ]);
    expect(entry.photos).toHaveLength(1);
    expect(entry.photos[0]).toMatchObject({ mimeType: 'image/jpeg', uploadedBy: 'public', width: 12, height: 16 });
    // Only a hash of the code is kept.
    const stored = await t.db.knex('ledger_entries').where({ id }).first();
    expect(JSON.stringify(stored)).not.toContain(receipt.receiptCode.replaceAll('-', '').slice(4));

    // Through the workflow, with details filled in on the way.
    expect((await step(id, 'inspector1', 'verifying')).statusCode).toBe(200);
    const revision = (await staff('GET', `/api/ledger/${id}`, 'inspector1')).json().revision;
    const edited = await staff('PATCH', `/api/ledger/${id}`, 'inspector1', {
      baseRevision: revision,
      violationType: 'noLicence',
      responsibleUnit: '宫河镇人民政府',
      deadline: '2099-06-30',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await step(id, 'inspector2', 'rectifying', '现场核实属实，责令停止开采')).statusCode).toBe(200);
    expect((await step(id, 'inspector1', 'rectified', '已回填复绿')).statusCode).toBe(200);
    // An inspector may not sign off: 403, and nothing changes.
    const before = await counts();
    const refused = await step(id, 'inspector1', 'closed');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('transitionForbidden');
    expect(await counts()).toEqual(before);
    const closed = await step(id, 'admin', 'closed', '验收合格，销号');
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().status).toBe('closed');

    // The history is whole: every step with who and when.
    expect(closed.json().history.map((e: { kind: string; to: string | null; by: string }) => [e.kind, e.to, e.by])).toEqual([
      ['created', 'pending', 'public'],
      ['photo', null, 'public'],
      ['transition', 'verifying', STAFF.inspector1.displayName],
      ['edit', null, STAFF.inspector1.displayName],
      ['transition', 'rectifying', STAFF.inspector2.displayName],
      ['transition', 'rectified', STAFF.inspector1.displayName],
      ['transition', 'closed', '系统管理员'],
    ]);
    for (const event of closed.json().history) expect(Date.parse(event.at)).toBeGreaterThan(Date.parse(receipt.createdAt) - 1000);

    // The reporter sees 销号 and each step's time, and nothing about staff.
    const last = await lookUp(receipt.receiptCode.toLowerCase().replaceAll('-', ' '));
    expect(last.statusCode).toBe(200);
    const status = last.json();
    expect(status.status).toBe('closed');
    expect(status.receiptCode).toBe(receipt.receiptCode);
    expect(status.history.map((h: { status: string }) => h.status)).toEqual(['pending', 'verifying', 'rectifying', 'rectified', 'closed']);
    expect(status.updatedAt).toBe(status.history.at(-1).at);
    expect(Object.keys(status).sort()).toEqual(['createdAt', 'history', 'receiptCode', 'status', 'updatedAt']);
    // The contact whole (as sent and as digits): a fragment such as '138' may be a timestamp's milliseconds.
    for (const secret of [...Object.values(STAFF).map((s) => s.displayName), '宫河镇', '验收合格', '现场核实', '138 0000 0000', '13800000000', '挖砂']) {
      expect(last.body).not.toContain(secret);
    }
  });

  it('answers an unknown and a malformed receipt code with the same 404', async () => {
    const unknown = await lookUp('ABCD-EFGH-JKMN');
    const malformed = await lookUp('not a code at all!');
    const empty = await lookUp('-');
    for (const answer of [unknown, malformed, empty]) {
      expect(answer.statusCode).toBe(404);
      expect(answer.json()).toEqual(unknown.json());
    }
    expect(unknown.json()).toEqual({ statusCode: 404, code: 'tipOffNotFound', message: '没有与该查询码对应的举报，请核对查询码。' });
    expect((await lookUp('ABCD-EFGH-JKMN', 'en')).json().message).toBe('No tip-off has this receipt code; check the code.');
  });

  it('refuses bad coordinates, a place far outside the county and a missing description, naming the field, writing nothing', async () => {
    const [lon, lat] = township.inside;
    const before = await counts();
    const cases: [Record<string, string>, number, string, RegExp][] = [
      [{ lon: '200', lat: String(lat), description: 'x' }, 400, 'outOfRange', /经度（lon） 200 超出范围/],
      [{ lon: String(lon), lat: '-91', description: 'x' }, 400, 'outOfRange', /纬度（lat） -91 超出范围/],
      [{ lon: 'abc', lat: String(lat), description: 'x' }, 400, 'invalidCoordinate', /经度（lon）“abc”不是十进制度数/],
      [{ lat: String(lat), description: 'x' }, 400, 'missingField', /缺少经度（lon）/],
      [{ lon: String(lon), lat: String(lat), description: '   ' }, 400, 'missingField', /缺少情况描述/],
      [{ lon: String(lon), lat: String(lat), description: '字'.repeat(2001) }, 400, 'fieldTooLong', /2001 个字，最多 2000 个/],
      // The public gets plain words, not a planner's 请检查坐标或坐标系 (issue #12).
      [{ lon: '116.397', lat: '39.909', description: '北京' }, 400, 'outsideCounty', /^您标记的位置不在本县境内，本局无法受理。请在地图上把标记移到发现问题的地方，再提交。$/],
      [{ lon: String(lat), lat: String(lon), description: '颠倒' }, 400, 'lonLatSwapped', /颠倒/],
      [{ lon: String(lon), lat: String(lat), description: 'x', name: '张三' }, 400, 'unknownField', /未知字段“name”/],
    ];
    for (const [fields, status, code, message] of cases) {
      const answer = await send(fields);
      expect(answer.statusCode, JSON.stringify(fields).slice(0, 80)).toBe(status);
      expect(answer.json().code).toBe(code);
      expect(answer.json().message).toMatch(message);
    }
    const english = await send({ lon: '200', lat: String(lat), description: 'x' }, { lang: 'en' });
    expect(english.json().message).toBe('The longitude (lon) 200 is outside −180…180.');
    const json = await t.app.inject({ method: 'POST', url: '/api/tip-offs', payload: { lon, lat, description: 'json' }, remoteAddress: nextAddress() });
    expect(json.statusCode).toBe(415);
    expect(json.json().code).toBe('multipartRequired');
    expect(await counts()).toEqual(before);
  });

  it('limits a flood of tip-offs from one address, before reading them, and not other addresses', async () => {
    const flooder = '10.9.9.9';
    const [lon, lat] = township.inside;
    const before = await counts();
    for (let i = 0; i < TIP_OFFS_PER_HOUR; i++) {
      // Refused or not, every request counts.
      expect((await send({ lon: String(lon), lat: String(lat) }, { from: flooder })).statusCode).toBe(400);
    }
    const flooded = await send({ lon: String(lon), lat: String(lat), description: '第六次' }, { from: flooder });
    expect(flooded.statusCode).toBe(429);
    expect(flooded.json()).toMatchObject({ code: 'rateLimited', message: expect.stringMatching(/请求过于频繁/) });
    expect((await send({ lon: String(lon), lat: String(lat), description: 'x' }, { from: flooder, lang: 'en' })).json().message).toMatch(
      /^Too many requests/,
    );
    expect(await counts()).toEqual(before);
    const neighbour = await send({ lon: String(lon), lat: String(lat), description: '另一位群众' });
    expect(neighbour.statusCode).toBe(201);
  });
});

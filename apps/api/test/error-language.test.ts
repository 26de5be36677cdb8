import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';

const JSON_TYPE = { 'content-type': 'application/json' };
const EN = { 'accept-language': 'en-US,en;q=0.9' };
const CHINESE = /[\u4e00-\u9fff]/;
/** Words of the framework's and Ajv's own English messages, which must not reach a Chinese reader. */
const FRAMEWORK_ENGLISH = /must|property|Body|Media Type|url component|seconds|FST_/;

interface Case {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  url: string;
  payload?: string;
  headers?: Record<string, string>;
  status: number;
  code: string;
  zh: string;
  en: string;
}

/** A ledger entry as the route's schema wants it, to be spoiled one field at a time. */
const entry = { title: '错误语言', source: 'siteCheck', geometry: { type: 'Point', coordinates: [108.36, 35.5] } };
const json = (value: unknown) => JSON.stringify(value);

const cases: Case[] = [
  {
    name: 'a body over the size limit',
    method: 'POST',
    url: '/api/ledger',
    payload: json({ ...entry, note: 'x'.repeat(6 * 1024 * 1024) }),
    headers: JSON_TYPE,
    status: 413,
    code: 'bodyTooLarge',
    zh: '请求内容超过 5.0 MB 的上限',
    en: 'over the 5.0 MB limit',
  },
  { name: 'invalid JSON', method: 'POST', url: '/api/ledger', payload: '{"title": "x",', headers: JSON_TYPE, status: 400, code: 'invalidJson', zh: '请求内容不是有效的 JSON', en: 'is not valid JSON' },
  { name: 'an empty JSON body', method: 'POST', url: '/api/ledger', payload: '', headers: JSON_TYPE, status: 400, code: 'emptyBody', zh: '请求内容为空', en: 'is empty' },
  {
    name: 'an unsupported media type',
    method: 'POST',
    url: '/api/ledger',
    payload: 'title=x',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    status: 415,
    code: 'unsupportedMediaType',
    zh: '不接受内容类型“application/x-www-form-urlencoded”',
    en: 'does not accept the content type "application/x-www-form-urlencoded"',
  },
  { name: 'a body that is not an object', method: 'POST', url: '/api/ledger', payload: '[1]', headers: JSON_TYPE, status: 400, code: 'invalidRequest', zh: '请求内容须为对象', en: 'The request body must be an object' },
  {
    name: 'a string over its maximum length',
    method: 'POST',
    url: '/api/auth/login',
    payload: json({ username: 'admin', password: 'x'.repeat(300) }),
    headers: JSON_TYPE,
    status: 400,
    code: 'invalidRequest',
    zh: '字段 password 超过 256 个字符',
    en: 'Field password has more than 256 characters',
  },
  { name: 'a missing field', method: 'POST', url: '/api/ledger', payload: json({ title: 'x', source: 'siteCheck' }), headers: JSON_TYPE, status: 400, code: 'invalidRequest', zh: '缺少字段 geometry', en: 'Field geometry is missing' },
  { name: 'an unknown field', method: 'POST', url: '/api/ledger', payload: json({ ...entry, colour: 'red' }), headers: JSON_TYPE, status: 400, code: 'invalidRequest', zh: '不支持字段 colour', en: 'Field colour is not supported' },
  {
    name: 'a value outside its list',
    method: 'POST',
    url: '/api/ledger',
    payload: json({ ...entry, source: 'rumour' }),
    headers: JSON_TYPE,
    status: 400,
    code: 'invalidRequest',
    zh: '字段 source 须为以下之一：',
    en: 'Field source must be one of: ',
  },
  { name: 'a nested value of the wrong type', method: 'POST', url: '/api/ledger', payload: json({ ...entry, title: {} }), headers: JSON_TYPE, status: 400, code: 'invalidRequest', zh: '字段 title 须为文本', en: 'Field title must be a string' },
  {
    name: 'a nullable date that is not a date',
    method: 'PATCH',
    url: '/api/ledger/1',
    payload: json({ baseRevision: 1, deadline: '2021-13-01' }),
    headers: JSON_TYPE,
    status: 400,
    code: 'invalidRequest',
    zh: '字段 deadline 不是有效的日期（YYYY-MM-DD）',
    en: 'Field deadline is not a valid date (YYYY-MM-DD)',
  },
  {
    name: 'text holding a NUL character, which PostgreSQL cannot store',
    method: 'POST',
    url: '/api/ledger',
    payload: json({ ...entry, title: 'a\u0000b' }),
    headers: JSON_TYPE,
    status: 400,
    code: 'nulCharacter',
    zh: '字段 title 含有空字符（U+0000）',
    en: 'Field title contains a NUL character (U+0000)',
  },
  {
    name: 'text holding an unpaired surrogate, which has no UTF-8',
    method: 'POST',
    url: '/api/ledger',
    payload: json({ ...entry, title: 'a\ud800b' }),
    headers: JSON_TYPE,
    status: 400,
    code: 'loneSurrogate',
    zh: '字段 title 含有无效的 Unicode 字符（不成对的代理项）',
    en: 'Field title contains an invalid Unicode character (an unpaired surrogate)',
  },
  {
    name: 'an output beyond what its column holds',
    method: 'PUT',
    url: '/api/licences/mining_rights/1/outputs/2024',
    payload: json({ output10kt: 1e308 }),
    headers: JSON_TYPE,
    status: 400,
    code: 'invalidRequest',
    zh: '字段 output10kt 须不大于 1000000000',
    en: 'Field output10kt must be at most 1000000000',
  },
  {
    name: 'an integer beyond PostgreSQL\'s integer',
    method: 'PATCH',
    url: '/api/ledger/1',
    payload: json({ baseRevision: 2 ** 31, title: '错误语言' }),
    headers: JSON_TYPE,
    status: 400,
    code: 'invalidRequest',
    zh: '字段 baseRevision 须不大于 2147483647',
    en: 'Field baseRevision must be at most 2147483647',
  },
  { name: 'a date in year 0', method: 'GET', url: '/api/proposals?from=0000-01-01', status: 400, code: 'invalidRequest', zh: '查询参数 from 不在可用的年份内', en: 'Query parameter from is not in a year that exists' },
  { name: 'a number too large to be finite', method: 'GET', url: '/api/proposals/1/report.pdf?version=1e309', status: 400, code: 'numberNotFinite', zh: '查询参数 version 须为有限的数', en: 'Query parameter version must be a finite number' },
  { name: 'a repeated query parameter', method: 'GET', url: '/api/ledger?limit=1&limit=2', status: 400, code: 'invalidRequest', zh: '查询参数 limit 只能出现一次', en: 'Query parameter limit may be given only once' },
  { name: 'a query parameter in the wrong format', method: 'GET', url: '/api/restoration/summary?asOf=2021-02-30', status: 400, code: 'invalidRequest', zh: '查询参数 asOf 不是有效的日期（YYYY-MM-DD）', en: 'Query parameter asOf is not a valid date (YYYY-MM-DD)' },
  { name: 'a path parameter of the wrong type', method: 'GET', url: '/api/ledger/abc', status: 400, code: 'invalidRequest', zh: '路径参数 id 须为整数', en: 'Path parameter id must be an integer' },
  { name: 'a URL that does not decode', method: 'GET', url: '/api/ledger/%zz', status: 400, code: 'badUrl', zh: '网址“/api/ledger/%zz”中有无效的编码', en: 'The URL "/api/ledger/%zz" has an invalid escape' },
];

describe.each(TEST_DATABASES)('errors in the user\'s language on %s', (kind) => {
  let t: TestApp;
  let cookie: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    cookie = await t.login();
  });
  afterAll(() => t?.close());

  it.each(cases)('$name → $status $code, in Chinese and in English', async ({ method, url, payload, headers, status, code, zh, en }) => {
    for (const [language, expected] of [[{}, zh], [EN, en]] as const) {
      const answer = await t.app.inject({ method, url, payload, headers: { cookie, ...headers, ...language }, remoteAddress: '10.14.0.1' });
      expect(answer.statusCode, answer.body).toBe(status);
      expect(answer.json()).toEqual({ statusCode: status, code, message: expect.stringContaining(expected) });
      const { message } = answer.json();
      if (language === EN) expect(message).not.toMatch(CHINESE);
      else expect(message).not.toMatch(FRAMEWORK_ENGLISH);
    }
  });

  it('says when to try again after too many sign-ins in the user\'s language', async () => {
    // A name of its own each time: one account failing again and again is held back by name first (signInThrottled).
    let tries = 0;
    const signIn = (headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: `nobody${tries++}`, password: 'wrong' }, headers, remoteAddress: '10.14.0.2' });
    for (let i = 0; i < 10; i++) expect((await signIn()).statusCode).toBe(401);
    const chinese = await signIn();
    expect(chinese.statusCode).toBe(429);
    expect(chinese.json().code).toBe('rateLimited');
    expect(chinese.json().message).toMatch(/^请求过于频繁，请 \d+ 秒后再试。$/);
    expect(Number(chinese.headers['retry-after'])).toBeGreaterThan(0);
    expect((await signIn(EN)).json().message).toMatch(/^Too many requests; try again in \d+ s\.$/);
  });
});

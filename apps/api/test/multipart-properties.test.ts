import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { judge } from './properties/judge.ts';
import { rowCounter } from './properties/row-counts.ts';

/**
 * Generated uploads to the multipart routes (#14): photos, tip-offs and imports, with bad part
 * names, wrong content types (of the request and of its parts), bodies cut short, oversized fields
 * and files, and files missing. No 5xx, every 4xx named in the reader's language, and a refused
 * upload writes nothing: no row (every table counted) and no file in the photo store.
 * PROPERTY_RUNS inputs per route, as `api-properties.test.ts`.
 */
const RUNS = Number(process.env.PROPERTY_RUNS || 6);
/** Small limits, so that "too large" is cheap to send. */
const PHOTO_MAX_BYTES = 16 * 1024;
const IMPORT_MAX_BYTES = 64 * 1024;

interface Form {
  /** The text fields a well-formed request has, with a plausible value each. */
  fields: Record<string, string>;
  fileField: string;
  /** The largest text field the route takes, in bytes. */
  maxFieldBytes: number;
  maxFileBytes: number;
}

interface Part {
  name: string;
  filename?: string;
  contentType?: string;
  bytes: Buffer;
}

const CONTENT_TYPES = ['image/jpeg', 'image/png', 'application/octet-stream', 'text/plain', 'application/zip', 'application/geo+json', 'text/html; charset=gbk', '', 'x/😀'];
/** Names a part should never have: empty, odd bytes, quotes, paths, the wrong field, very long. */
const BAD_NAMES = ['', ' ', 'photo[]', 'file\u0000', '"', 'a"b', '../../etc/passwd', '照片', 'x'.repeat(300), 'files', 'Photo'];

/** A file's bytes: nothing, junk, the start of a JPEG or a zip, or more than the route takes. */
const fileBytes = (form: Form) =>
  fc.oneof(
    fc.constant(Buffer.alloc(0)),
    fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)),
    fc.constant(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46])),
    fc.constant(Buffer.from('PK\u0003\u0004broken', 'binary')),
    fc.constant(Buffer.from('{"type":"FeatureCollection","features":[')),
    fc.constant(Buffer.alloc(form.maxFileBytes + 1, 0x41)),
  );

/** A text field's value: plausible, junk, or over the route's limit. */
const fieldValue = (plausible: string, form: Form) =>
  fc.oneof(fc.constant(plausible), fc.string({ maxLength: 20 }), fc.constant('x'.repeat(form.maxFieldBytes + 1)), fc.constant('\u0000'));

function parts(form: Form): fc.Arbitrary<Part[]> {
  const names = [...Object.keys(form.fields), form.fileField];
  const name = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: fc.constantFrom(...BAD_NAMES) });
  const field = fc.tuple(name, fc.constantFrom(...Object.values(form.fields), '')).chain(([n, plausible]) =>
    fieldValue(form.fields[n] ?? plausible, form).map((value): Part => ({ name: n, bytes: Buffer.from(value) })),
  );
  const file = fc.record({
    name: fc.oneof({ weight: 4, arbitrary: fc.constant(form.fileField) }, { weight: 1, arbitrary: name }),
    filename: fc.option(fc.constantFrom('site.jpg', 'farmland.geojson', 'layer.zip', '', '..', 'a/b\\c.shp', '照片.png'), { nil: undefined }),
    contentType: fc.option(fc.constantFrom(...CONTENT_TYPES), { nil: undefined }),
    bytes: fileBytes(form),
  });
  return fc.array(fc.oneof(field, file), { maxLength: 5 });
}

/** One request: its parts, how its body may be broken, and its content type. */
function uploads(form: Form) {
  return fc.record({
    parts: parts(form),
    boundary: fc.constantFrom('----mpm-boundary', 'x', 'a'.repeat(70), '"quoted"'),
    /** Where to cut the body (a fraction of it), or not at all. */
    cut: fc.option(fc.double({ min: 0, max: 0.999, noNaN: true }), { nil: undefined, freq: 3 }),
    requestType: fc.constantFrom('multipart/form-data; boundary=B', 'multipart/form-data; boundary=B', 'multipart/form-data; boundary=B', 'multipart/form-data', 'multipart/mixed; boundary=B', 'application/json', 'text/plain', 'application/x-www-form-urlencoded'),
    english: fc.boolean(),
    address: fc.tuple(fc.nat(255), fc.nat(255)).map(([a, b]) => `10.97.${a}.${b}`),
  });
}

/** The multipart body of `parts`, with `boundary`. */
function body(parts: Part[], boundary: string): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename === undefined ? '' : `; filename="${part.filename}"`}`;
    const type = part.contentType === undefined ? '' : `Content-Type: ${part.contentType}\r\n`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`), part.bytes, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/** Every file under `dir`, recursively. */
const filesUnder = (dir: string): number => (fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).filter((f) => fs.statSync(path.join(dir, String(f))).isFile()).length : 0);

describe.each(TEST_DATABASES)('generated uploads on %s', (kind) => {
  let t: TestApp;
  let cookie: string;
  let entryId: number;

  beforeAll(async () => {
    t = await createTestApp(kind, { tipOffsPerHour: 1_000_000, photoMaxBytes: PHOTO_MAX_BYTES, importMaxBytes: IMPORT_MAX_BYTES });
    cookie = await t.login();
    const entry = await t.app.inject({
      method: 'POST',
      url: '/api/ledger',
      headers: { cookie },
      payload: { title: '上传测试', source: 'siteCheck', geometry: { type: 'Point', coordinates: [108.36, 35.5] } },
    });
    expect(entry.statusCode, entry.body).toBe(201);
    entryId = entry.json().id;
  });
  afterAll(() => t?.close());

  const routes = (): { url: string; form: Form }[] => [
    { url: `/api/ledger/${entryId}/photos`, form: { fields: {}, fileField: 'photo', maxFieldBytes: 1024, maxFileBytes: PHOTO_MAX_BYTES } },
    {
      url: '/api/tip-offs',
      form: { fields: { lon: '108.36', lat: '35.5', description: '河道里有人挖沙', contact: '13800000000' }, fileField: 'photo', maxFieldBytes: 8 * 1024, maxFileBytes: PHOTO_MAX_BYTES },
    },
    {
      url: '/api/imports',
      form: { fields: { layer: 'farmland', mode: 'replace', encoding: 'GBK', sourceCrs: 'EPSG:4490', mapping: '{}' }, fileField: 'file', maxFieldBytes: 64 * 1024, maxFileBytes: IMPORT_MAX_BYTES },
    },
  ];

  it('answers every multipart route with no 5xx, a named 4xx, and nothing written when it refuses', { timeout: 300_000 + RUNS * 30_000 }, async () => {
    const counts = await rowCounter(t.db.knex);
    const failures: string[] = [];
    for (const { url, form } of routes()) {
      const result = await fc.check(
        fc.asyncProperty(uploads(form), async (upload) => {
          const before = { rows: await counts(), photos: filesUnder(t.photosDir) };
          const whole = body(upload.parts, upload.boundary);
          const payload = upload.cut === undefined ? whole : whole.subarray(0, Math.floor(whole.length * upload.cut));
          const response = await t.app.inject({
            method: 'POST',
            url,
            headers: { cookie, 'content-type': upload.requestType.replace('boundary=B', `boundary=${upload.boundary}`), ...(upload.english ? { 'accept-language': 'en' } : {}) },
            payload,
            remoteAddress: upload.address,
          });
          judge(response, upload.english);
          if (response.statusCode < 400) return;
          const after = await counts();
          const changed = Object.keys(after).filter((table) => after[table] !== before.rows[table]);
          expect(changed, `${response.statusCode} ${response.body}`).toEqual([]);
          expect(filesUnder(t.photosDir), `${response.statusCode} ${response.body}`).toBe(before.photos);
        }),
        { numRuns: RUNS },
      );
      if (result.failed) failures.push(`${url}: ${JSON.stringify(result.counterexample)?.slice(0, 600)} ${String(result.errorInstance).slice(0, 600)}`);
    }
    expect(failures).toEqual([]);
  });
});

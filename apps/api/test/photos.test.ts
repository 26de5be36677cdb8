import fs from 'node:fs';
import path from 'node:path';
import { imageSize } from 'image-size';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { demoTownships, signInStaff, square } from './helpers/staff.ts';
import {
  CAMERA_MAKE,
  GPS_LATITUDE_BYTES,
  MULTI_PICTURE_JPEG,
  MULTI_PICTURE_PRIMARY_BYTES,
  TINY_JPEG,
  TINY_PNG,
  TINY_WEBP,
  XMP_PACKET,
  jpegOfSize,
  jpegWithColourProfile,
  jpegWithGps,
  multipartForm,
  pngClaiming,
  pngWithMetadata,
  webpWithMetadata,
} from './helpers/photo-fixtures.ts';

const MAX_BYTES = 64 * 1024;

/** The JPEG from its first start-of-scan on: the compressed image itself. */
const scan = (jpeg: Buffer) => jpeg.subarray(jpeg.indexOf(Buffer.from([0xff, 0xda])));

/** Every file under `dir` (relative paths), the temporary directory included. */
const filesUnder = (dir: string): string[] =>
  fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));

describe.each(TEST_DATABASES)('photos on %s', (kind) => {
  let t: TestApp;
  let cookies: Awaited<ReturnType<typeof signInStaff>>;
  const [lon, lat] = demoTownships()[2].inside;
  let address = 0;

  const tipOff = (photo: Buffer, type = 'image/jpeg', name = 'IMG_0001.jpg') => {
    const form = multipartForm({ lon: String(lon), lat: String(lat), description: '有人在河道采砂' }, { bytes: photo, type, name });
    return t.app.inject({ method: 'POST', url: '/api/tip-offs', payload: form.payload, headers: form.headers, remoteAddress: `10.3.0.${++address}` });
  };
  const upload = (id: number, who: keyof typeof cookies | 'anonymous', photo: Buffer, extra: Record<string, string> = {}, field = 'photo') => {
    const form = multipartForm(extra, { bytes: photo, field });
    return t.app.inject({
      method: 'POST',
      url: `/api/ledger/${id}/photos`,
      payload: form.payload,
      headers: { ...form.headers, ...(who !== 'anonymous' && { cookie: cookies[who] }) },
    });
  };
  const newEntry = async () => {
    const answer = await t.app.inject({
      method: 'POST',
      url: '/api/ledger',
      headers: { cookie: cookies.inspector1 },
      payload: { title: '照片测试', source: 'siteCheck', geometry: square([lon, lat], 30) },
    });
    return answer.json().id as number;
  };
  /** The stored file of the newest photo. */
  const newestFile = async () => {
    const row = await t.db.knex('photos').orderBy('id', 'desc').first();
    return { row, bytes: fs.readFileSync(path.join(t.photosDir, row.path)) };
  };
  const counts = async () => ({
    entries: Number((await t.db.knex('ledger_entries').count({ n: '*' }))[0].n),
    photos: Number((await t.db.knex('photos').count({ n: '*' }))[0].n),
    events: Number((await t.db.knex('ledger_events').count({ n: '*' }))[0].n),
    files: filesUnder(t.photosDir).length,
  });

  beforeAll(async () => {
    t = await createTestApp(kind, { photoMaxBytes: MAX_BYTES, tipOffsPerHour: 1000 });
    cookies = await signInStaff(t);
  });
  afterAll(() => t?.close());

  it('strips GPS, camera and XMP metadata from a public JPEG without touching the image, keeping its orientation', async () => {
    const original = jpegWithGps(6);
    expect(original.includes(GPS_LATITUDE_BYTES)).toBe(true);
    const sent = await tipOff(original);
    expect(sent.statusCode, sent.body).toBe(201);

    const { row, bytes } = await newestFile();
    expect(row).toMatchObject({ mime_type: 'image/jpeg', width: 12, height: 16, uploaded_by: null, size_bytes: bytes.length });
    expect(row.path).toMatch(/^[0-9a-f]{2}\/[0-9a-f-]{36}\.jpg$/);
    expect(bytes.includes(GPS_LATITUDE_BYTES)).toBe(false);
    expect(bytes.includes(Buffer.from('GPS'))).toBe(false);
    expect(bytes.includes(Buffer.from(CAMERA_MAKE))).toBe(false);
    expect(bytes.includes(XMP_PACKET.subarray(0, 20))).toBe(false);
    expect(bytes.includes(Buffer.from('taken at home'))).toBe(false);
    // Only the orientation survives, so the photo still shows upright.
    expect(imageSize(bytes)).toMatchObject({ type: 'jpg', width: 16, height: 12, orientation: 6 });
    expect(scan(bytes).equals(scan(original))).toBe(true);
    expect(bytes.length).toBeLessThan(original.length);

    // Staff get exactly the stored bytes, typed and not to be sniffed.
    const served = await t.app.inject({ method: 'GET', url: `/api/photos/${row.id}`, headers: { cookie: cookies.planner1 } });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.rawPayload.equals(bytes)).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: `/api/photos/${row.id}` })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/photos/999999', headers: { cookie: cookies.planner1 } })).json().code).toBe(
      'photoNotFound',
    );
  });

  it('keeps only the primary image of a multi-picture JPEG: the image after its end marker and the MPF index go', async () => {
    const primary = MULTI_PICTURE_JPEG.subarray(0, MULTI_PICTURE_PRIMARY_BYTES);
    const second = MULTI_PICTURE_JPEG.subarray(MULTI_PICTURE_PRIMARY_BYTES);
    expect(second.includes(Buffer.from(CAMERA_MAKE)), 'the second image has its own Exif').toBe(true);
    expect((await tipOff(MULTI_PICTURE_JPEG)).statusCode).toBe(201);

    const { row, bytes } = await newestFile();
    expect(row).toMatchObject({ mime_type: 'image/jpeg', width: 16, height: 12 });
    expect(bytes.includes(Buffer.from(CAMERA_MAKE))).toBe(false);
    expect(bytes.includes(Buffer.from('MPF\0', 'latin1'))).toBe(false);
    // Every scan of the progressive primary, through its end marker, and nothing after it.
    expect(scan(bytes).equals(scan(primary))).toBe(true);
    expect(imageSize(bytes)).toMatchObject({ type: 'jpg', width: 16, height: 12 });

    // The one APP2 kept is the colour profile.
    const profile = Buffer.from('a colour profile, not a place', 'latin1');
    expect((await tipOff(jpegWithColourProfile(profile))).statusCode).toBe(201);
    expect((await newestFile()).bytes.equals(jpegWithColourProfile(profile))).toBe(true);
  });

  it('strips PNG text and eXIf chunks and WebP EXIF and XMP chunks on the bytes', async () => {
    expect((await tipOff(pngWithMetadata(), 'image/png', 'a.png')).statusCode).toBe(201);
    const png = await newestFile();
    expect(png.row).toMatchObject({ mime_type: 'image/png', width: 16, height: 12 });
    expect(png.bytes.equals(TINY_PNG)).toBe(true);

    expect((await tipOff(webpWithMetadata(), 'image/webp', 'a.webp')).statusCode).toBe(201);
    const webp = await newestFile();
    expect(webp.row).toMatchObject({ mime_type: 'image/webp', width: 16, height: 12 });
    for (const leak of [GPS_LATITUDE_BYTES, Buffer.from('EXIF'), Buffer.from('XMP '), XMP_PACKET.subarray(0, 20)]) {
      expect(webp.bytes.includes(leak)).toBe(false);
    }
    expect(webp.bytes.readUInt32LE(4)).toBe(webp.bytes.length - 8);
    const vp8x = webp.bytes.indexOf(Buffer.from('VP8X'));
    expect(webp.bytes[vp8x + 8] & 0x0c).toBe(0);
    expect(webp.bytes.includes(TINY_WEBP.subarray(12))).toBe(true);
    expect(imageSize(webp.bytes)).toMatchObject({ type: 'webp', width: 16, height: 12 });
  });

  it('keeps a staff photo as taken (its location documents the site) and adds it to the history', async () => {
    const id = await newEntry();
    const original = jpegWithGps(1);
    const uploaded = await upload(id, 'planner1', original);
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const body = uploaded.json();
    expect(body.photos).toEqual([
      {
        id: expect.any(Number),
        url: `/api/photos/${body.photos[0].id}`,
        mimeType: 'image/jpeg',
        width: 16,
        height: 12,
        sizeBytes: original.length,
        uploadedBy: '规划员丙',
        uploadedAt: expect.any(String),
      },
    ]);
    expect(body.history.at(-1)).toMatchObject({ kind: 'photo', by: '规划员丙' });
    expect(body.revision).toBe(1);
    expect((await newestFile()).bytes.equals(original)).toBe(true);
    expect((await t.db.knex('audit_log').where({ entity: 'ledger_entry', entity_id: String(id), action: 'photo' })).length).toBe(1);
  });

  it('refuses what is not an image by its bytes, whatever its name and type, and anything too large', async () => {
    const id = await newEntry();
    const before = await counts();
    const cases: [Buffer, number, string, RegExp][] = [
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 415, 'notAnImage', /不是 JPEG、PNG 或 WebP/],
      [Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;'), 415, 'notAnImage', /按文件内容判断/],
      [Buffer.concat([TINY_JPEG.subarray(0, 3), Buffer.from('not really')]), 415, 'notAnImage', /不是 JPEG/],
      [jpegOfSize(MAX_BYTES + 1), 413, 'photoTooLarge', /超过 0.06 MB 的上限/],
      [pngClaiming(20_000, 20_000), 413, 'photoTooManyPixels', /20000×20000 像素/],
    ];
    for (const [bytes, status, code, message] of cases) {
      for (const answer of [await tipOff(bytes, 'image/jpeg', 'photo.jpg'), await upload(id, 'inspector1', bytes)]) {
        expect(answer.statusCode, code).toBe(status);
        expect(answer.json().code).toBe(code);
        expect(answer.json().message).toMatch(message);
      }
    }
    // A JPEG whose segment runs past its end is refused where it would be stripped.
    const cut = Buffer.concat([TINY_JPEG.subarray(0, 20), Buffer.from([0xff, 0xe1, 0xff, 0xff, 1, 2, 3])]);
    const broken = await tipOff(Buffer.concat([cut, Buffer.alloc(200)]));
    expect([400, 415]).toContain(broken.statusCode);

    expect((await upload(id, 'inspector1', TINY_JPEG, {}, 'file')).json()).toMatchObject({ statusCode: 400, code: 'unknownField' });
    expect((await upload(id, 'inspector1', TINY_JPEG, { note: 'x' })).json()).toMatchObject({ code: 'tooManyFields' });
    expect((await upload(id, 'inspector1', Buffer.alloc(0))).json()).toMatchObject({ code: 'notAnImage' });
    const noFile = multipartForm({});
    const missing = await t.app.inject({ method: 'POST', url: `/api/ledger/${id}/photos`, payload: noFile.payload, headers: { ...noFile.headers, cookie: cookies.inspector1 } });
    expect(missing.json().code).toBe('photoMissing');
    expect((await upload(id, 'anonymous', TINY_JPEG)).statusCode).toBe(401);
    expect((await upload(999_999, 'inspector1', TINY_JPEG)).statusCode).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it('writes the row and the file together or not at all', async () => {
    const id = await newEntry();
    const before = await counts();
    // The database refuses the photo's history event: the transaction fails after the file was written.
    await t.db.knex.raw(`CREATE FUNCTION refuse_photo_events() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.kind = 'photo' THEN RAISE EXCEPTION 'disk full (simulated)'; END IF; RETURN NEW; END $$`);
    await t.db.knex.raw('CREATE TRIGGER refuse_photo_events BEFORE INSERT ON ledger_events FOR EACH ROW EXECUTE FUNCTION refuse_photo_events()');
    try {
      expect((await upload(id, 'inspector1', TINY_JPEG)).statusCode).toBe(500);
      expect((await tipOff(TINY_PNG, 'image/png')).statusCode).toBe(500);
      expect(await counts()).toEqual(before);
      expect(filesUnder(t.photosDir)).toEqual(filesUnder(t.photosDir).filter((f) => !f.startsWith('.incoming')));
    } finally {
      await t.db.knex.raw('DROP TRIGGER refuse_photo_events ON ledger_events');
      await t.db.knex.raw('DROP FUNCTION refuse_photo_events()');
    }
    expect((await upload(id, 'inspector1', TINY_PNG)).statusCode).toBe(201);
    expect(await counts()).toEqual({ ...before, photos: before.photos + 1, events: before.events + 1, files: before.files + 1 });
  });
});

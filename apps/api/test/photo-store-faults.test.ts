import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { demoTownships, signInStaff, square } from './helpers/staff.ts';
import { TINY_JPEG, jpegOfSize, multipartForm } from './helpers/photo-fixtures.ts';

/** Every file under `dir` (relative paths), the temporary directory included. */
const filesUnder = (dir: string): string[] =>
  fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));

/** Whether this process may mount a tmpfs (root, in a container that allows it). */
const canMount = (() => {
  if (process.getuid?.() !== 0) return false;
  const probe = fs.mkdtempSync('/tmp/mpm-mount-probe-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'pipe' });
    execFileSync('umount', [probe]);
    return true;
  } catch {
    return false;
  } finally {
    fs.rmdirSync(probe);
  }
})();

describe.each(TEST_DATABASES)('photo store faults on %s', (kind) => {
  let t: TestApp;
  let cookies: Awaited<ReturnType<typeof signInStaff>>;
  const [lon, lat] = demoTownships()[2].inside;
  let address = 0;
  let mounted = false;

  const tipOff = (photo: Buffer, lang: string) => {
    const form = multipartForm({ lon: String(lon), lat: String(lat), description: '有人在河道采砂' }, { bytes: photo, type: 'image/jpeg', name: 'IMG_0001.jpg' });
    return t.app.inject({
      method: 'POST',
      url: '/api/tip-offs',
      payload: form.payload,
      headers: { ...form.headers, 'accept-language': lang },
      remoteAddress: `10.4.0.${++address}`,
    });
  };
  const upload = (id: number, photo: Buffer, lang = 'zh-CN') => {
    const form = multipartForm({}, { bytes: photo, field: 'photo' });
    return t.app.inject({
      method: 'POST',
      url: `/api/ledger/${id}/photos`,
      payload: form.payload,
      headers: { ...form.headers, cookie: cookies.inspector1, 'accept-language': lang },
    });
  };
  const newEntry = async () => {
    const answer = await t.app.inject({
      method: 'POST',
      url: '/api/ledger',
      headers: { cookie: cookies.inspector1 },
      payload: { title: '照片目录故障', source: 'siteCheck', geometry: square([lon, lat], 30) },
    });
    return answer.json().id as number;
  };
  const count = async (table: string) => Number((await t.db.knex(table).count({ n: '*' }))[0]!.n);
  const counts = async () => ({
    entries: await count('ledger_entries'),
    photos: await count('photos'),
    events: await count('ledger_events'),
    audit: await count('audit_log'),
    files: filesUnder(t.photosDir).length,
  });

  /** A ledger photo and a tip-off with a photo, each asked in both languages, refused with `status` and `code`; nothing written. */
  async function expectRefused(status: number, code: string, zh: RegExp, en: RegExp, files: () => string[]) {
    const id = await newEntry();
    const before = await counts();
    const filesBefore = files();
    const photo = jpegOfSize(60_000);
    for (const [lang, message] of [['zh-CN', zh], ['en', en]] as const) {
      for (const answer of [await upload(id, photo, lang), await tipOff(photo, lang)]) {
        expect(answer.statusCode, answer.body).toBe(status);
        expect(answer.json()).toMatchObject({ code, message: expect.stringMatching(message) });
      }
    }
    expect(files()).toEqual(filesBefore);
    return { id, before };
  }

  beforeAll(async () => {
    t = await createTestApp(kind, { tipOffsPerHour: 1000, photoMaxBytes: 1024 * 1024 });
    cookies = await signInStaff(t);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    if (mounted) execFileSync('umount', [t.photosDir]);
    mounted = false;
    fs.chmodSync(t.photosDir, 0o755);
  });
  afterAll(() => t?.close());

  it('a full disk answers 507 photoStoreFull in the user language; no row, no event, no audit entry, no file left half-written', async () => {
    // A write that fails part-way, as on a full disk: the part written stays unless it is removed.
    const writeFile = fs.promises.writeFile;
    vi.spyOn(fs.promises, 'writeFile').mockImplementation(async (file, data, options) => {
      await writeFile(file, (data as Buffer).subarray(0, 1000), options);
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    });
    const { id, before } = await expectRefused(507, 'photoStoreFull', /磁盘已满.*联系管理员/, /disk that holds the photos is full.*administrator/, () => filesUnder(t.photosDir));
    expect(await counts()).toEqual(before);
    vi.restoreAllMocks();
    expect((await upload(id, TINY_JPEG)).statusCode).toBe(201);
    expect(await counts()).toMatchObject({ photos: before.photos + 1, files: before.files + 1 });
  });

  it.runIf(canMount)('a photo directory on a file system that is really full answers 507, and works again once there is room', async () => {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', t.photosDir]);
    mounted = true;
    // Fill it to the last block.
    try {
      fs.writeFileSync(path.join(t.photosDir, 'filler'), Buffer.alloc(2 * 1024 * 1024));
    } catch (err) {
      expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
    }
    const { id, before } = await expectRefused(507, 'photoStoreFull', /磁盘已满/, /is full/, () => filesUnder(t.photosDir));
    expect(filesUnder(t.photosDir)).toEqual(['filler']);
    fs.rmSync(path.join(t.photosDir, 'filler'));
    expect((await upload(id, TINY_JPEG)).statusCode).toBe(201);
    expect(await counts()).toMatchObject({ photos: before.photos + 1, files: 1 });
  });

  it('an unwritable photo directory answers 503 photoStoreUnwritable; nothing is written', async () => {
    const outside = filesUnder(t.photosDir);
    if (canMount) {
      // Root writes through any mode bits: a read-only file system refuses even root.
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', t.photosDir]);
      mounted = true;
    } else {
      fs.rmSync(path.join(t.photosDir, '.incoming'), { recursive: true, force: true });
      fs.chmodSync(t.photosDir, 0o555);
    }
    const { before } = await expectRefused(503, 'photoStoreUnwritable', /照片目录不可写入.*联系管理员/, /cannot be written.*administrator/, () =>
      filesUnder(t.photosDir),
    );
    expect(await counts()).toEqual(before);
    if (mounted) execFileSync('umount', [t.photosDir]);
    mounted = false;
    fs.chmodSync(t.photosDir, 0o755);
    expect(filesUnder(t.photosDir)).toEqual(outside);
  });
});

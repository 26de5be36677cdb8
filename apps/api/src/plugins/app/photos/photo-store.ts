import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../../http/errors.ts';
import { PHOTO_EXTENSIONS, type PhotoMimeType } from './photo-bytes.validation.ts';

/** Where uploads wait, inside the photo directory, until their database row has committed. */
const INCOMING = '.incoming';

/** An incoming file older than this was left by a process that stopped mid-upload. */
const STALE_INCOMING_MS = 24 * 60 * 60 * 1000;

/** File-system errors meaning the store has no room left. */
const FULL = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);
/** File-system errors meaning the store may not be written. */
const UNWRITABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'ENOENT']);

/**
 * Raised when a photo cannot be written: 507 `photoStoreFull` when the disk is full, 503
 * `photoStoreUnwritable` when the directory may not be written. Neither is the user's doing, so
 * the message asks them to tell the administrator; `fault` keeps the file-system error for the log.
 */
export class PhotoStoreError extends UserError {
  constructor(
    readonly fault: NodeJS.ErrnoException,
    root: string,
  ) {
    const full = FULL.has(fault.code ?? '');
    super(
      full ? 507 : 503,
      full ? 'photoStoreFull' : 'photoStoreUnwritable',
      full
        ? {
            zh: '服务器存放照片的磁盘已满，照片未保存，本次提交也未记录；请联系管理员清理磁盘后重试。',
            en: 'The disk that holds the photos is full: the photo was not saved and nothing of this request was recorded. Ask the administrator to free space, then try again.',
          }
        : {
            zh: '服务器的照片目录不可写入，照片未保存，本次提交也未记录；请联系管理员检查照片目录后重试。',
            en: 'The photo directory cannot be written: the photo was not saved and nothing of this request was recorded. Ask the administrator to check the photo directory, then try again.',
          },
    );
    this.message = `${this.messages.en} (${fault.code} in ${root})`;
  }
}

/** Whether `err` is a file-system error the store answers with {@link PhotoStoreError}. */
const storeFault = (err: unknown): err is NodeJS.ErrnoException => {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  return FULL.has(code) || UNWRITABLE.has(code);
};

/** A photo written under a temporary name: {@link commit} it after the database commit, else {@link discard} it. */
export interface StagedPhoto {
  /** The final path, relative to the photo directory (as stored in `photos.path`). */
  relativePath: string;
  sha256: string;
  sizeBytes: number;
  /** Moves the file to its final name (an atomic rename on the same file system). */
  commit(): Promise<void>;
  /** Removes the temporary file; harmless when it is already gone. */
  discard(): Promise<void>;
}

/**
 * Photo files on disk under `dir`: `<2 hex>/<uuid>.<ext>`, names chosen here, never by the
 * uploader. A file is first written under `.incoming/` and renamed into place only once its row
 * is committed, so a failed upload leaves neither a row nor a file.
 */
export function createPhotoStore(dir: string) {
  const root = path.resolve(dir);
  const incoming = path.join(root, INCOMING);

  return {
    root,

    /** Creates the directories and removes uploads abandoned by a stopped process. */
    async prepare(): Promise<void> {
      await fs.promises.mkdir(incoming, { recursive: true });
      const now = Date.now();
      for (const name of await fs.promises.readdir(incoming)) {
        const file = path.join(incoming, name);
        const stat = await fs.promises.stat(file).catch(() => undefined);
        if (stat && now - stat.mtimeMs > STALE_INCOMING_MS) await fs.promises.rm(file, { force: true });
      }
    },

    /**
     * Writes `bytes` under a temporary name, and makes the final file's directory, so that after
     * the database commit only a rename is left. A full or unwritable store throws
     * {@link PhotoStoreError} and leaves no file behind.
     */
    async stage(bytes: Buffer, mimeType: PhotoMimeType): Promise<StagedPhoto> {
      const name = `${crypto.randomUUID()}.${PHOTO_EXTENSIONS[mimeType]}`;
      const relativePath = `${name.slice(0, 2)}/${name}`;
      const temporary = path.join(incoming, name);
      try {
        await fs.promises.mkdir(incoming, { recursive: true });
        await fs.promises.mkdir(path.join(root, name.slice(0, 2)), { recursive: true });
        await fs.promises.writeFile(temporary, bytes, { flag: 'wx' });
      } catch (err) {
        // A write cut short by a full disk leaves the part written.
        await fs.promises.rm(temporary, { force: true }).catch(() => {});
        throw storeFault(err) ? new PhotoStoreError(err, root) : err;
      }
      return {
        relativePath,
        sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
        sizeBytes: bytes.length,
        async commit() {
          await fs.promises.rename(temporary, path.join(root, relativePath));
        },
        discard: () => fs.promises.rm(temporary, { force: true }),
      };
    },

    /** The absolute path of a stored photo, or undefined when the path would leave the directory. */
    resolve(relativePath: string): string | undefined {
      const absolute = path.resolve(root, relativePath);
      return absolute.startsWith(root + path.sep) ? absolute : undefined;
    },
  };
}

export type PhotoStore = ReturnType<typeof createPhotoStore>;

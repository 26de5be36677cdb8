import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PHOTO_EXTENSIONS, type PhotoMimeType } from './photo-bytes.validation.ts';

/** Where uploads wait, inside the photo directory, until their database row has committed. */
const INCOMING = '.incoming';

/** An incoming file older than this was left by a process that stopped mid-upload. */
const STALE_INCOMING_MS = 24 * 60 * 60 * 1000;

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

    /** Writes `bytes` under a temporary name. */
    async stage(bytes: Buffer, mimeType: PhotoMimeType): Promise<StagedPhoto> {
      const name = `${crypto.randomUUID()}.${PHOTO_EXTENSIONS[mimeType]}`;
      const relativePath = `${name.slice(0, 2)}/${name}`;
      const temporary = path.join(incoming, name);
      await fs.promises.mkdir(incoming, { recursive: true });
      await fs.promises.writeFile(temporary, bytes, { flag: 'wx' });
      return {
        relativePath,
        sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
        sizeBytes: bytes.length,
        async commit() {
          const final = path.join(root, relativePath);
          await fs.promises.mkdir(path.dirname(final), { recursive: true });
          await fs.promises.rename(temporary, final);
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

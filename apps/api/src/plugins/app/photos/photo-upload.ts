import type { FastifyBaseLogger } from 'fastify';
import { UserError } from '../../../http/errors.ts';
import { validatePhotoBytes, type PhotoMimeType } from './photo-bytes.validation.ts';
import { NOT_AN_IMAGE, PHOTO_MALFORMED, PHOTO_TOO_LARGE, PHOTO_TOO_MANY_PIXELS, type PhotoReason } from './photo-reasons.ts';
import { PhotoStoreError, type PhotoStore, type StagedPhoto } from './photo-store.ts';
import { stripPhotoMetadata } from './strip-metadata.ts';

/** A photo whose bytes passed every check, ready to store. */
export interface CheckedPhoto {
  bytes: Buffer;
  mimeType: PhotoMimeType;
  width: number;
  height: number;
}

const STATUS: Record<PhotoReason, number> = {
  [NOT_AN_IMAGE]: 415,
  [PHOTO_TOO_LARGE]: 413,
  [PHOTO_TOO_MANY_PIXELS]: 413,
  [PHOTO_MALFORMED]: 400,
};

/**
 * Checks an uploaded photo by its bytes (type, size, pixels: see `validatePhotoBytes`) and, for
 * a public upload, strips its location and other metadata; throws a 4xx naming the problem.
 */
export function checkedPhoto(bytes: Buffer, maxBytes: number, options: { stripMetadata: boolean }): CheckedPhoto {
  const inspected = validatePhotoBytes(bytes, maxBytes);
  if (!inspected.valid) throw new UserError(STATUS[inspected.reason], inspected.reason, inspected.message);
  const { mimeType, width, height, orientation } = inspected.value;
  if (!options.stripMetadata) return { bytes, mimeType, width, height };
  const stripped = stripPhotoMetadata(bytes, mimeType, orientation);
  if (!stripped.valid) throw new UserError(STATUS[stripped.reason], stripped.reason, stripped.message);
  return { bytes: stripped.value, mimeType, width, height };
}

/**
 * Runs `write` (a database transaction) with the photo staged on disk under a temporary name:
 * when it commits the file is moved into place; when it fails the file is removed. Either the
 * row and the file both exist, or neither does.
 */
export async function withStagedPhoto<T>(
  store: PhotoStore,
  photo: CheckedPhoto | undefined,
  log: FastifyBaseLogger,
  write: (staged: StagedPhoto | undefined) => Promise<T>,
): Promise<T> {
  let staged: StagedPhoto | undefined;
  try {
    staged = photo ? await store.stage(photo.bytes, photo.mimeType) : undefined;
  } catch (err) {
    // Not the user's doing: the administrator must hear of it.
    if (err instanceof PhotoStoreError) log.error({ err: err.fault, dir: store.root }, 'photo store cannot be written');
    throw err;
  }
  let result: T;
  try {
    result = await write(staged);
  } catch (err) {
    await staged?.discard();
    throw err;
  }
  if (staged) {
    try {
      await staged.commit();
    } catch (err) {
      // The row is committed: the file must follow, or GET /api/photos/:id answers 404.
      log.error({ err, path: staged.relativePath }, 'photo file could not be moved into place');
      throw err;
    }
  }
  return result;
}

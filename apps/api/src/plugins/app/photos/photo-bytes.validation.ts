import { imageSize } from 'image-size';
import { invalid } from '@mpm/domain';
import {
  NOT_AN_IMAGE,
  PHOTO_MESSAGES as M,
  PHOTO_TOO_LARGE,
  PHOTO_TOO_MANY_PIXELS,
  type PhotoValidation,
} from './photo-reasons.ts';

/** The image types a photo may be, by MIME type. */
export type PhotoMimeType = 'image/jpeg' | 'image/png' | 'image/webp';

/** File name extension of each type. */
export const PHOTO_EXTENSIONS: Record<PhotoMimeType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/**
 * Most pixels a photo may have: a 108-megapixel phone camera stays under it; a "decompression
 * bomb" (a few kilobytes claiming 50 000 × 50 000) does not.
 */
export const MAX_PHOTO_PIXELS = 120_000_000;

/** A photo whose bytes were checked. */
export interface InspectedPhoto {
  mimeType: PhotoMimeType;
  /** As shown, after the Exif orientation (a photo taken sideways is taller than wide). */
  width: number;
  height: number;
  /** The Exif orientation (1–8) of a JPEG that has one. */
  orientation?: number;
}

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const RIFF = [0x52, 0x49, 0x46, 0x46];
const WEBP = [0x57, 0x45, 0x42, 0x50];

/** The image type the bytes start with (their magic number), whatever the file is called. */
export function sniffPhotoType(bytes: Uint8Array): PhotoMimeType | undefined {
  if (startsWith(bytes, JPEG)) return 'image/jpeg';
  if (startsWith(bytes, PNG)) return 'image/png';
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return 'image/webp';
  return undefined;
}

/** What `image-size` calls each type. */
const IMAGE_SIZE_TYPES: Record<PhotoMimeType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/**
 * Checks a photo by its bytes: at most `maxBytes`, a JPEG, PNG or WebP by its magic number, whose
 * header gives its size in pixels, at most {@link MAX_PHOTO_PIXELS}. The name and the declared
 * type of the upload play no part.
 */
export function validatePhotoBytes(bytes: Uint8Array, maxBytes: number): PhotoValidation<InspectedPhoto> {
  if (bytes.length > maxBytes) return invalid(PHOTO_TOO_LARGE, M.photoTooLarge(maxBytes));
  const mimeType = sniffPhotoType(bytes);
  if (!mimeType) return invalid(NOT_AN_IMAGE, M.notAnImage());
  let size: ReturnType<typeof imageSize>;
  try {
    size = imageSize(bytes);
  } catch {
    return invalid(NOT_AN_IMAGE, M.notAnImage());
  }
  const { width, height } = size;
  if (size.type !== IMAGE_SIZE_TYPES[mimeType] || !(width > 0) || !(height > 0)) return invalid(NOT_AN_IMAGE, M.notAnImage());
  if (width * height > MAX_PHOTO_PIXELS) return invalid(PHOTO_TOO_MANY_PIXELS, M.photoTooManyPixels(width, height, MAX_PHOTO_PIXELS));
  const { orientation } = size;
  const sideways = orientation !== undefined && orientation >= 5 && orientation <= 8;
  return {
    valid: true,
    value: {
      mimeType,
      width: sideways ? height : width,
      height: sideways ? width : height,
      ...(orientation !== undefined && { orientation }),
    },
  };
}

import type { Bilingual, Validation } from '@mpm/domain';
import { megabytes } from '../../../http/framework-errors.ts';

/** Every reason a photo is refused, once, in camelCase; each is also the `code` of the 4xx answer. */
export const NOT_AN_IMAGE = 'notAnImage';
export const PHOTO_TOO_LARGE = 'photoTooLarge';
export const PHOTO_TOO_MANY_PIXELS = 'photoTooManyPixels';
export const PHOTO_MALFORMED = 'photoMalformed';

export type PhotoReason = typeof NOT_AN_IMAGE | typeof PHOTO_TOO_LARGE | typeof PHOTO_TOO_MANY_PIXELS | typeof PHOTO_MALFORMED;

/** The outcome of a photo check: the value, or the reason and a message for people. */
export type PhotoValidation<T> = Validation<T, PhotoReason>;

/** The message of each reason, keyed by it. */
export const PHOTO_MESSAGES = {
  notAnImage: (): Bilingual => ({
    zh: '照片不是 JPEG、PNG 或 WebP 图片（按文件内容判断，与文件名和声明的类型无关）。',
    en: 'The photo is not a JPEG, PNG or WebP image (judged by its bytes, not its name or declared type).',
  }),
  photoTooLarge: (maxBytes: number): Bilingual => ({
    zh: `照片超过 ${megabytes(maxBytes)} MB 的上限，请压缩或缩小后再上传。`,
    en: `The photo is over the ${megabytes(maxBytes)} MB limit; compress or shrink it and try again.`,
  }),
  photoTooManyPixels: (width: number, height: number, maxPixels: number): Bilingual => ({
    zh: `照片为 ${width}×${height} 像素，超过 ${Math.round(maxPixels / 1e6)} 百万像素的上限，请缩小后再上传。`,
    en: `The photo is ${width}×${height} pixels, over the ${Math.round(maxPixels / 1e6)}-megapixel limit; shrink it and try again.`,
  }),
  photoMalformed: (kind: string, detail: Bilingual): Bilingual => ({
    zh: `照片的 ${kind} 文件结构已损坏（${detail.zh}），无法接收。`,
    en: `The photo's ${kind} structure is damaged (${detail.en}); it cannot be accepted.`,
  }),
} satisfies Record<PhotoReason, (...args: never[]) => Bilingual>;

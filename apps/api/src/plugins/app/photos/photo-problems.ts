import type { Bilingual } from '../../../http/errors.ts';

/** Every reason a photo is refused, once; each is also the `code` of the 4xx answer. */
export const NOT_AN_IMAGE = 'not_an_image';
export const PHOTO_TOO_LARGE = 'photo_too_large';
export const PHOTO_TOO_MANY_PIXELS = 'photo_too_many_pixels';
export const PHOTO_MALFORMED = 'photo_malformed';

export type PhotoReason = typeof NOT_AN_IMAGE | typeof PHOTO_TOO_LARGE | typeof PHOTO_TOO_MANY_PIXELS | typeof PHOTO_MALFORMED;

/** The outcome of a photo check: the value, or the reason and a message for people. */
export type PhotoValidation<T> = { valid: true; value: T } | { valid: false; reason: PhotoReason; message: Bilingual };

export const invalidPhoto = (reason: PhotoReason, message: Bilingual): PhotoValidation<never> => ({ valid: false, reason, message });

const megabytes = (bytes: number) => (bytes / (1024 * 1024)).toFixed(bytes < 1024 * 1024 ? 2 : 1);

/** The message of each reason. */
export const PHOTO_MESSAGES = {
  notAnImage: (): Bilingual => ({
    zh: '照片不是 JPEG、PNG 或 WebP 图片（按文件内容判断，与文件名和声明的类型无关）。',
    en: 'The photo is not a JPEG, PNG or WebP image (judged by its bytes, not its name or declared type).',
  }),
  tooLarge: (maxBytes: number): Bilingual => ({
    zh: `照片超过 ${megabytes(maxBytes)} MB 的上限，请压缩或缩小后再上传。`,
    en: `The photo is over the ${megabytes(maxBytes)} MB limit; compress or shrink it and try again.`,
  }),
  tooManyPixels: (width: number, height: number, maxPixels: number): Bilingual => ({
    zh: `照片为 ${width}×${height} 像素，超过 ${Math.round(maxPixels / 1e6)} 百万像素的上限，请缩小后再上传。`,
    en: `The photo is ${width}×${height} pixels, over the ${Math.round(maxPixels / 1e6)}-megapixel limit; shrink it and try again.`,
  }),
  malformed: (kind: string, detail: Bilingual): Bilingual => ({
    zh: `照片的 ${kind} 文件结构已损坏（${detail.zh}），无法接收。`,
    en: `The photo's ${kind} structure is damaged (${detail.en}); it cannot be accepted.`,
  }),
};

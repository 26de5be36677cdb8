import { invalid } from '@mpm/domain';
import type { PhotoMimeType } from './photo-bytes.validation.ts';
import { PHOTO_MALFORMED, PHOTO_MESSAGES as M, type PhotoValidation } from './photo-reasons.ts';

/*
 * Location and other personal metadata come out of a public photo on its bytes: the segments and
 * chunks that carry them are dropped and the rest is copied unchanged, so the pixels are exactly
 * those sent (no re-encoding, no new dependency). Formats:
 * JPEG markers (ITU T.81 annex B, https://www.w3.org/Graphics/JPEG/itu-t81.pdf),
 * PNG chunks (https://www.w3.org/TR/png-3/#5Chunk-layout),
 * WebP RIFF chunks (https://developers.google.com/speed/webp/docs/riff_container).
 */

const broken = (kind: string, zh: string, en: string) => invalid(PHOTO_MALFORMED, M.photoMalformed(kind, { zh, en }));

/** APP1 (Exif, XMP), APP13 (Photoshop IRB with IPTC) and COM: where a JPEG keeps GPS, names and notes. */
const JPEG_DROPPED = new Set([0xe1, 0xed, 0xfe]);
const APP2 = 0xe2;
/** The one APP2 kept: the colour profile. The others (the MPF index of the images after the end marker, FlashPix) go. */
const ICC_PROFILE = Buffer.from('ICC_PROFILE\0', 'latin1');

const keptSegment = (marker: number, segment: Buffer) =>
  marker === APP2 ? segment.subarray(4, 4 + ICC_PROFILE.length).equals(ICC_PROFILE) : !JPEG_DROPPED.has(marker);

/**
 * A minimal Exif APP1 segment holding only the orientation (big-endian TIFF, one IFD0 entry), so
 * a phone photo taken sideways still shows upright after its Exif is removed.
 */
export function orientationSegment(orientation: number): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4); // offset of IFD0
  tiff.writeUInt16BE(1, 8); // one entry
  tiff.writeUInt16BE(0x0112, 10); // Orientation
  tiff.writeUInt16BE(3, 12); // SHORT
  tiff.writeUInt32BE(1, 14); // count
  tiff.writeUInt16BE(orientation, 18); // value, left-justified in the 4-byte field
  tiff.writeUInt32BE(0, 22); // no next IFD
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.from([0xff, 0xe1, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

const name = (marker: number) => `0xFF${marker.toString(16).toUpperCase()}`;

/** Markers without a length field: SOI, EOI, TEM and the restart markers. */
const standalone = (marker: number) => marker === 0xd8 || marker === 0xd9 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);

/**
 * Where the entropy-coded data from `i` ends: at the next marker, skipping stuffed bytes
 * (0xFF 0x00), restart markers and fill bytes; the file's length when no marker follows.
 */
function entropyEnd(bytes: Buffer, i: number): number {
  for (; i + 1 < bytes.length; i++) {
    const next = bytes[i + 1];
    if (bytes[i] === 0xff && next !== 0x00 && next !== 0xff && !(next >= 0xd0 && next <= 0xd7)) return i;
  }
  return bytes.length;
}

function stripJpeg(bytes: Buffer, orientation: number | undefined): PhotoValidation<Buffer> {
  const kept: Buffer[] = [bytes.subarray(0, 2)];
  if (orientation !== undefined && orientation >= 2 && orientation <= 8) kept.push(orientationSegment(orientation));
  let i = 2;
  for (;;) {
    if (i >= bytes.length || bytes[i] !== 0xff) return broken('JPEG', `第 ${i} 字节处应为标记`, `no marker at byte ${i}`);
    // Any number of 0xFF fill bytes may precede a marker.
    while (i < bytes.length && bytes[i] === 0xff) i++;
    if (i >= bytes.length) return broken('JPEG', '文件在标记中间结束', 'it ends inside a marker');
    const marker = bytes[i];
    const start = i - 1;
    i++;
    // End of the primary image: what follows (a second view, an HDR gain map, a trailer) goes.
    if (marker === 0xd9) {
      kept.push(bytes.subarray(start, i));
      return { valid: true, value: Buffer.concat(kept) };
    }
    if (standalone(marker)) {
      kept.push(bytes.subarray(start, i));
      continue;
    }
    if (i + 2 > bytes.length) return broken('JPEG', `段 ${name(marker)} 缺少长度`, `segment ${name(marker)} has no length`);
    const length = bytes.readUInt16BE(i);
    const end = i + length;
    if (length < 2 || end > bytes.length) return broken('JPEG', `段 ${name(marker)} 超出文件末尾`, `segment ${name(marker)} runs past the end`);
    // Start of scan: its entropy-coded data is copied as it is; a progressive image has several.
    if (marker === 0xda) {
      const dataEnd = entropyEnd(bytes, end);
      kept.push(bytes.subarray(start, dataEnd));
      // No end marker: a truncated file, kept as sent (viewers show what there is).
      if (dataEnd === bytes.length) return { valid: true, value: Buffer.concat(kept) };
      i = dataEnd;
      continue;
    }
    if (keptSegment(marker, bytes.subarray(start, end))) kept.push(bytes.subarray(start, end));
    i = end;
  }
}

/** Text chunks (tEXt, zTXt, iTXt: XMP lives in iTXt), eXIf, and the time of last change. */
const PNG_DROPPED = new Set(['eXIf', 'tEXt', 'iTXt', 'zTXt', 'tIME']);

function stripPng(bytes: Buffer): PhotoValidation<Buffer> {
  const kept: Buffer[] = [bytes.subarray(0, 8)];
  let i = 8;
  while (i + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(i);
    const type = bytes.toString('latin1', i + 4, i + 8);
    const end = i + 12 + length;
    if (end > bytes.length) return broken('PNG', `数据块 ${type} 超出文件末尾`, `chunk ${type} runs past the end`);
    if (!PNG_DROPPED.has(type)) kept.push(bytes.subarray(i, end));
    i = end;
    if (type === 'IEND') return { valid: true, value: Buffer.concat(kept) };
  }
  return broken('PNG', '缺少 IEND 数据块', 'no IEND chunk');
}

/** VP8X flag bits announcing EXIF and XMP chunks. */
const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

function stripWebp(bytes: Buffer): PhotoValidation<Buffer> {
  if (bytes.length < 12) return broken('WebP', 'RIFF 文件头不完整', 'the RIFF header is cut short');
  const riffEnd = Math.min(bytes.length, 8 + bytes.readUInt32LE(4));
  const kept: Buffer[] = [];
  let i = 12;
  while (i + 8 <= riffEnd) {
    const type = bytes.toString('latin1', i, i + 4);
    const length = bytes.readUInt32LE(i + 4);
    const end = i + 8 + length + (length % 2);
    if (i + 8 + length > riffEnd) return broken('WebP', `数据块 ${type.trim()} 超出文件末尾`, `chunk ${type.trim()} runs past the end`);
    if (type === 'VP8X' && length >= 1) {
      const chunk = Buffer.from(bytes.subarray(i, Math.min(end, riffEnd)));
      chunk[8] &= ~(VP8X_EXIF | VP8X_XMP);
      kept.push(chunk);
    } else if (type !== 'EXIF' && type !== 'XMP ') {
      kept.push(bytes.subarray(i, Math.min(end, riffEnd)));
    }
    i = end;
  }
  if (kept.length === 0) return broken('WebP', '没有任何数据块', 'it has no chunks');
  const body = Buffer.concat(kept);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(body.length + 4, 4);
  header.write('WEBP', 8, 'latin1');
  return { valid: true, value: Buffer.concat([header, body]) };
}

/**
 * The photo without location and other personal metadata: JPEG APP1 (Exif, XMP), APP13,
 * comments, APP2 other than the colour profile (the MPF index) and everything after the primary
 * image's end marker (the images of a multi-picture file with their own Exif, HDR gain maps),
 * the Exif orientation, when not upright, put back alone; PNG eXIf, tEXt, iTXt,
 * zTXt and tIME chunks; WebP EXIF and XMP chunks (and their VP8X flags). Image data is copied
 * byte for byte. A structure that does not parse is refused rather than passed on.
 */
export function stripPhotoMetadata(bytes: Buffer, mimeType: PhotoMimeType, orientation?: number): PhotoValidation<Buffer> {
  if (mimeType === 'image/jpeg') return stripJpeg(bytes, orientation);
  if (mimeType === 'image/png') return stripPng(bytes);
  return stripWebp(bytes);
}

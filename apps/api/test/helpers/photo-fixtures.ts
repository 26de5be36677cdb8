import zlib from 'node:zlib';

/*
 * Tiny images (16 × 12, one colour) made once with GDAL (`gdal_create` then `gdal_translate -of
 * JPEG|PNG|WEBP`, no metadata), and builders that add the metadata a phone would write.
 */

/** 16 × 12 baseline JPEG (JFIF APP0, no Exif). */
export const TINY_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAMABADASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAT/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFAEBAAAAAAAAAAAAAAAAAAAABf/EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/AJgBh5//2Q==',
  'base64',
);

/** 16 × 12 PNG (IHDR, IDAT, IEND). */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAMCAIAAADkharWAAAAF0lEQVQokWM8EaDBQApgIkn1qIYRpAEA+xoBWFn+nM0AAAAASUVORK5CYII=',
  'base64',
);

/** 16 × 12 lossless WebP (simple format: one VP8L chunk). */
export const TINY_WEBP = Buffer.from('UklGRh4AAABXRUJQVlA4TBEAAAAvD8ACAAdQqCIXpf+BiOh/AAA=', 'base64');

/** Where the test photos were "taken": a place a leak would give away. */
export const SECRET_PLACE = { lat: [35, 29, 46.08], lon: [108, 21, 40.32] } as const;

/** The camera make written in the test Exif, to check that IFD0 is gone too. */
export const CAMERA_MAKE = 'SecretCam';

/** A big-endian TIFF IFD entry (tag, type, count, value or offset). */
function entry(tag: number, type: number, count: number, value: Buffer): Buffer {
  const out = Buffer.alloc(12);
  out.writeUInt16BE(tag, 0);
  out.writeUInt16BE(type, 2);
  out.writeUInt32BE(count, 4);
  value.copy(out, 8, 0, 4);
  return out;
}

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

const rationals = (values: readonly number[]) =>
  Buffer.concat(values.map((v) => Buffer.concat([u32(Math.round(v * 100)), u32(100)])));

/**
 * An Exif TIFF block (big-endian) as a phone writes it: IFD0 with Make, Orientation and a
 * GPS IFD pointer; the GPS IFD with latitude and longitude (N/E, degrees-minutes-seconds).
 */
export function exifTiff(orientation = 6): Buffer {
  const make = Buffer.from(`${CAMERA_MAKE}\0`, 'latin1'); // 10 bytes
  // Layout: header 8 | IFD0 (2 + 3×12 + 4 = 42) at 8 | make at 50 | GPS IFD (2 + 4×12 + 4 = 54) at 60 | lat at 114 | lon at 138
  const ifd0At = 8;
  const makeAt = ifd0At + 42;
  const gpsAt = makeAt + make.length;
  const latAt = gpsAt + 54;
  const lonAt = latAt + 24;
  const short = (n: number) => Buffer.from([n >> 8, n & 0xff, 0, 0]);
  const ifd0 = Buffer.concat([
    Buffer.from([0, 3]),
    entry(0x010f, 2, make.length, u32(makeAt)), // Make
    entry(0x0112, 3, 1, short(orientation)), // Orientation
    entry(0x8825, 4, 1, u32(gpsAt)), // GPS IFD pointer
    u32(0),
  ]);
  const gps = Buffer.concat([
    Buffer.from([0, 4]),
    entry(0x0001, 2, 2, Buffer.from('N\0\0\0', 'latin1')), // GPSLatitudeRef
    entry(0x0002, 5, 3, u32(latAt)), // GPSLatitude
    entry(0x0003, 2, 2, Buffer.from('E\0\0\0', 'latin1')), // GPSLongitudeRef
    entry(0x0004, 5, 3, u32(lonAt)), // GPSLongitude
    u32(0),
  ]);
  return Buffer.concat([Buffer.from('MM\0\x2a', 'latin1'), u32(ifd0At), ifd0, make, gps, rationals(SECRET_PLACE.lat), rationals(SECRET_PLACE.lon)]);
}

/** The GPS latitude as stored (three rationals): its presence in a file means the place leaked. */
export const GPS_LATITUDE_BYTES = rationals(SECRET_PLACE.lat);

/** An XMP packet naming the place, as cameras and editors add it. */
export const XMP_PACKET = Buffer.from(
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
    '<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="35,29.768N" exif:GPSLongitude="108,21.672E"/>' +
    '</rdf:RDF></x:xmpmeta>',
  'utf8',
);

function jpegSegment(marker: number, payload: Buffer): Buffer {
  const header = Buffer.from([0xff, marker, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

/** {@link TINY_JPEG} with an Exif APP1 (GPS, make, orientation), an XMP APP1 and a comment after its APP0. */
export function jpegWithGps(orientation = 6): Buffer {
  const app0End = 2 + 2 + TINY_JPEG.readUInt16BE(4);
  return Buffer.concat([
    TINY_JPEG.subarray(0, app0End),
    jpegSegment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), exifTiff(orientation)])),
    jpegSegment(0xe1, Buffer.concat([Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1'), XMP_PACKET])),
    jpegSegment(0xfe, Buffer.from('taken at home', 'latin1')),
    TINY_JPEG.subarray(app0End),
  ]);
}

/**
 * A multi-picture JPEG (CIPA DC-007 MPF, as phones write for a second view or an HDR gain map):
 * a progressive 16 × 12 primary image with an MPF APP2 index, then an 8 × 6 second image after
 * the primary's end marker, both with Exif naming {@link CAMERA_MAKE} and the GPS position of
 * {@link SECRET_PLACE}. Made with Pillow 9.4 (Debian `python3-pil`: libjpeg encoder, its MPO
 * writer makes the MPF index) by this script; `exiftool -a -G1 mpo.jpg` (12.57) reads MPImage1 =
 * 771 bytes at 0 and MPImage2 = 491 bytes at 771, and `exiftool -b -MPImage2` has the GPS:
 * ```python
 * from PIL import Image
 * exif = Image.Exif()
 * exif[0x010F] = "SecretCam"
 * exif[0x8825] = {1: "N", 2: (35.0, 29.0, 46.08), 3: "E", 4: (108.0, 21.0, 40.32)}
 * exif = exif.tobytes()
 * class WithExif(Image.Image):  # Pillow's MPO writer saves appended frames without Exif
 *     def save(self, fp, format=None, **params):
 *         return super().save(fp, format, exif=exif, **params)
 * primary = Image.new("RGB", (16, 12), (90, 140, 60))
 * second = Image.new("L", (8, 6), 128)
 * second.__class__ = WithExif
 * primary.save("mpo.jpg", "MPO", save_all=True, append_images=[second], exif=exif, quality=75, progressive=True)
 * ```
 */
export const MULTI_PICTURE_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/4QCeRXhpZgAATU0AKgAAAAgAAgEPAAIAAAAKAAAAJoglAAQAAAABAAAAMAAAAABTZWNyZXRDYW0AAAQAAQ' +
  'ACAAAAAk4AAAAAAgAFAAAAAwAAAGYAAwACAAAAAkUAAAAABAAFAAAAAwAAAH4AAAAAAAAAIwAAAAEAAAAdAAAAAQAABIAAAAAZAAAAbAAAAAEA' +
  'AAAVAAAAAQAAA/AAAAAZ/+IAWE1QRgBJSSoACAAAAAMAALAHAAQAAAAwMTAwAbAEAAEAAAACAAAAArAHACAAAAAyAAAAAAAAAAAAAwADAwAAAA' +
  'AAAAAAAAAAAAAA6wEAAEcCAAAAAAAA/9sAQwAIBgYHBgUIBwcHCQkICgwUDQwLCwwZEhMPFB0aHx4dGhwcICQuJyAiLCMcHCg3KSwwMTQ0NB8n' +
  'OT04MjwuMzQy/9sAQwEJCQkMCwwYDQ0YMiEcITIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIy/8IAEQ' +
  'gADAAQAwEiAAIRAQMRAf/EABUAAQEAAAAAAAAAAAAAAAAAAAAD/8QAFAEBAAAAAAAAAAAAAAAAAAAABP/aAAwDAQACEAMQAAABiAn/AP/EABQQ' +
  'AQAAAAAAAAAAAAAAAAAAACD/2gAIAQEAAQUCH//EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQMBAT8Bf//EABQRAQAAAAAAAAAAAAAAAAAAAA' +
  'D/2gAIAQIBAT8Bf//EABQQAQAAAAAAAAAAAAAAAAAAACD/2gAIAQEABj8CH//EABQQAQAAAAAAAAAAAAAAAAAAACD/2gAIAQEAAT8hH//aAAwD' +
  'AQACAAMAAAAQA//EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQMBAT8Qf//EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQIBAT8Qf//EABQQAQ' +
  'AAAAAAAAAAAAAAAAAAACD/2gAIAQEAAT8QH//Z/9j/4AAQSkZJRgABAQAAAQABAAD/4QCeRXhpZgAATU0AKgAAAAgAAgEPAAIAAAAKAAAAJogl' +
  'AAQAAAABAAAAMAAAAABTZWNyZXRDYW0AAAQAAQACAAAAAk4AAAAAAgAFAAAAAwAAAGYAAwACAAAAAkUAAAAABAAFAAAAAwAAAH4AAAAAAAAAIw' +
  'AAAAEAAAAdAAAAAQAABIAAAAAZAAAAbAAAAAEAAAAVAAAAAQAAA/AAAAAZ/9sAQwAIBgYHBgUIBwcHCQkICgwUDQwLCwwZEhMPFB0aHx4dGhwc' +
  'ICQuJyAiLCMcHCg3KSwwMTQ0NB8nOT04MjwuMzQy/8AACwgABgAIAQERAP/EAB8AAAEFAQEBAQEBAAAAAAAAAAABAgMEBQYHCAkKC//EALUQAA' +
  'IBAwMCBAMFBQQEAAABfQECAwAEEQUSITFBBhNRYQcicRQygZGhCCNCscEVUtHwJDNicoIJChYXGBkaJSYnKCkqNDU2Nzg5OkNERUZHSElKU1RV' +
  'VldYWVpjZGVmZ2hpanN0dXZ3eHl6g4SFhoeIiYqSk5SVlpeYmZqio6Slpqeoqaqys7S1tre4ubrCw8TFxsfIycrS09TV1tfY2drh4uPk5ebn6O' +
  'nq8fLz9PX29/j5+v/aAAgBAQAAPwAr/9k=',
  'base64',
);

/** Bytes of {@link MULTI_PICTURE_JPEG}'s primary image (its MPF index says so). */
export const MULTI_PICTURE_PRIMARY_BYTES = 771;

/** {@link TINY_JPEG} with an ICC colour profile segment (APP2 `ICC_PROFILE`, chunk 1 of 1) after its APP0. */
export function jpegWithColourProfile(profile: Buffer): Buffer {
  const app0End = 2 + 2 + TINY_JPEG.readUInt16BE(4);
  const segment = jpegSegment(0xe2, Buffer.concat([Buffer.from('ICC_PROFILE\0\x01\x01', 'latin1'), profile]));
  return Buffer.concat([TINY_JPEG.subarray(0, app0End), segment, TINY_JPEG.subarray(app0End)]);
}

/** A JPEG padded with a comment segment to about `bytes` long. */
export function jpegOfSize(bytes: number): Buffer {
  const padding = Math.max(0, bytes - TINY_JPEG.length - 4);
  return Buffer.concat([TINY_JPEG.subarray(0, 2), jpegSegment(0xfe, Buffer.alloc(padding, 0x20)), TINY_JPEG.subarray(2)]);
}

/** One PNG chunk with its CRC. */
export function pngChunk(type: string, data: Buffer): Buffer {
  const length = u32(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  return Buffer.concat([length, body, u32(zlib.crc32(body))]);
}

/** {@link TINY_PNG} with eXIf, tEXt, iTXt (XMP) and zTXt chunks before its IDAT. */
export function pngWithMetadata(): Buffer {
  const ihdrEnd = 8 + 12 + 13;
  return Buffer.concat([
    TINY_PNG.subarray(0, ihdrEnd),
    pngChunk('eXIf', exifTiff(1)),
    pngChunk('tEXt', Buffer.from('Comment\0taken at home', 'latin1')),
    pngChunk('iTXt', Buffer.concat([Buffer.from('XML:com.adobe.xmp\0\0\0\0\0', 'latin1'), XMP_PACKET])),
    pngChunk('zTXt', Buffer.concat([Buffer.from('Author\0\0', 'latin1'), zlib.deflateSync('someone')])),
    TINY_PNG.subarray(ihdrEnd),
  ]);
}

/** A PNG whose header claims `width` × `height` pixels (a "decompression bomb" in a few bytes). */
export function pngClaiming(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([TINY_PNG.subarray(0, 8), pngChunk('IHDR', ihdr), TINY_PNG.subarray(8 + 25)]);
}

function riffChunk(type: string, data: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.write(type, 0, 'latin1');
  header.writeUInt32LE(data.length, 4);
  return Buffer.concat([header, data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

/** {@link TINY_WEBP} in the extended format (VP8X with the EXIF and XMP flags) with EXIF and XMP chunks. */
export function webpWithMetadata(): Buffer {
  const vp8x = Buffer.alloc(10);
  vp8x[0] = 0x08 | 0x04; // EXIF and XMP present
  vp8x.writeUIntLE(16 - 1, 4, 3);
  vp8x.writeUIntLE(12 - 1, 7, 3);
  const image = TINY_WEBP.subarray(12);
  const body = Buffer.concat([riffChunk('VP8X', vp8x), image, riffChunk('EXIF', exifTiff(1)), riffChunk('XMP ', XMP_PACKET)]);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(body.length + 4, 4);
  header.write('WEBP', 8, 'latin1');
  return Buffer.concat([header, body]);
}

/** A file part of a form: its field (`photo` by default), name, media type and bytes. */
export interface FormFile {
  field?: string;
  name?: string;
  type?: string;
  bytes: Buffer;
}

/** A multipart/form-data body for `app.inject`: text fields, and an optional file (or several). */
export function multipartForm(fields: Record<string, string>, file?: FormFile | FormFile[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----mpm${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`, 'utf8'));
  }
  for (const one of file === undefined ? [] : Array.isArray(file) ? file : [file]) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${one.field ?? 'photo'}"; filename="${one.name ?? 'photo.jpg'}"\r\n` +
          `Content-Type: ${one.type ?? 'image/jpeg'}\r\n\r\n`,
        'utf8',
      ),
      one.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

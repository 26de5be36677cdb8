import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import JSZip from 'jszip';
import { UserError, badRequest } from '../../../http/errors.ts';
import { refuseXmlDeclarations } from './xml-guard.ts';

/** Limits on a zip a user sends: what it may hold once unpacked. */
export const ZIP_LIMITS = {
  /** Files in one zip. */
  maxEntries: 2_000,
  /** All files unpacked together, in bytes. */
  maxUnpackedBytes: 2 * 1024 ** 3,
  /** Unpacked size over packed size for one file: far beyond any real data, typical of a zip bomb. */
  maxRatio: 200,
} as const;

/** A dataset among the uploaded files: GDAL opens `files` together (a shapefile's parts), `main` first. */
export interface SourceDataset {
  /** What kind of file it is, by its name. */
  kind: 'shapefile' | 'gpkg' | 'geojson' | 'kml' | 'fileGdb' | 'dxf' | 'table' | 'csv';
  main: string;
  files: string[];
  /** Name shown to the user: the main file's name. */
  name: string;
  /** A coordinate table's text encoding, once it is read into UTF-8 (`csv`). */
  encoding?: 'GBK' | 'UTF-8';
}

const unsafeName = (name: string) =>
  badRequest('unsafeFileName', {
    zh: `压缩包中的文件名“${name}”指向包外（含 ../ 或绝对路径），已拒收，未写入任何数据。`,
    en: `The zip entry "${name}" points outside the archive (../ or an absolute path); it was refused and nothing was written.`,
  });

const zipTooLarge = (what: { zh: string; en: string }) =>
  new UserError(413, 'zipTooLarge', {
    zh: `压缩包${what.zh}，超出上限，疑为压缩炸弹，已拒收，未写入任何数据。`,
    en: `The zip ${what.en}, over the limit (it looks like a zip bomb); it was refused and nothing was written.`,
  });

/** A relative path inside the work directory, or a 400 for one that would leave it. */
function safeRelative(name: string): string {
  const normalised = path.posix.normalize(name.replace(/\\/g, '/'));
  if (normalised.startsWith('/') || normalised === '..' || normalised.startsWith('../') || /^[a-z]:/i.test(normalised)) {
    throw unsafeName(name);
  }
  return normalised;
}

/**
 * Unpacks the zip at `zipPath` into `dir` within {@link ZIP_LIMITS}: entries that would land
 * outside `dir`, too many entries, too many bytes or a ratio no real file has are refused before
 * anything is written (by the sizes the zip declares) and again while unpacking (by the bytes it
 * gives). The zip itself is read into memory (it is within the upload's cap); each entry is
 * streamed to disk, never held whole.
 */
export async function unpackZip(zipPath: string, dir: string): Promise<void> {
  const zip = await JSZip.loadAsync(await fs.readFile(zipPath)).catch(() => {
    throw badRequest('notAZip', { zh: '文件不是有效的 zip 压缩包。', en: 'The file is not a valid zip archive.' });
  });
  const entries = Object.values(zip.files).filter((entry) => !entry.dir);
  if (entries.length > ZIP_LIMITS.maxEntries) throw zipTooLarge({ zh: `含 ${entries.length} 个文件`, en: `holds ${entries.length} files` });
  const declared = (entry: JSZip.JSZipObject) =>
    (entry as unknown as { _data?: { uncompressedSize?: number; compressedSize?: number } })._data ?? {};
  let total = 0;
  // JSZip quietly strips `../` from names; the name as the zip wrote it is what decides.
  const original = (entry: JSZip.JSZipObject) => (entry as unknown as { unsafeOriginalName?: string }).unsafeOriginalName ?? entry.name;
  for (const entry of entries) {
    safeRelative(original(entry));
    const { uncompressedSize = 0, compressedSize = 0 } = declared(entry);
    total += uncompressedSize;
    if (uncompressedSize > ZIP_LIMITS.maxRatio * Math.max(compressedSize, 1024)) {
      throw zipTooLarge({ zh: `中“${entry.name}”的压缩比过高`, en: `entry "${entry.name}" is compressed too far` });
    }
  }
  if (total > ZIP_LIMITS.maxUnpackedBytes) throw zipTooLarge({ zh: '解压后过大', en: 'would unpack too large' });
  let unpacked = 0;
  for (const entry of entries) {
    const target = path.join(dir, safeRelative(entry.name));
    await fs.mkdir(path.dirname(target), { recursive: true });
    let entryBytes = 0;
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        entryBytes += chunk.length;
        unpacked += chunk.length;
        if (unpacked > ZIP_LIMITS.maxUnpackedBytes || entryBytes > (declared(entry).uncompressedSize ?? 0) + 1) {
          return done(zipTooLarge({ zh: '解压后过大', en: 'would unpack too large' }));
        }
        done(null, chunk);
      },
    });
    await pipeline(entry.nodeStream('nodebuffer'), counted, createWriteStream(target));
  }
}

/** Every file under `dir`, as paths. */
async function walk(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => (entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)])),
  );
  return nested.flat();
}

const extension = (file: string) => path.extname(file).toLowerCase();

const missingPart = (name: string, part: string) =>
  badRequest('shapefileIncomplete', {
    zh: `Shapefile“${name}”缺少 ${part} 文件；请一并上传 .shp、.shx、.dbf（以及 .prj、.cpg），或上传它们的 zip 压缩包。`,
    en: `Shapefile "${name}" has no ${part} file; send the .shp, .shx and .dbf (and .prj, .cpg) together, or zipped.`,
  });

/**
 * The one dataset among the files in `dir`: a shapefile with its parts, a GeoPackage, GeoJSON,
 * KML (a `.kmz` is unpacked), a File Geodatabase folder or a DXF. None, or more than one, is a
 * 400 naming what was found.
 */
export async function findDataset(dir: string): Promise<SourceDataset> {
  for (const kmz of (await walk(dir)).filter((file) => extension(file) === '.kmz')) {
    await unpackZip(kmz, path.join(path.dirname(kmz), `${path.basename(kmz, '.kmz')}.kmz.d`));
  }
  const files = await walk(dir);
  const found: SourceDataset[] = [];
  const gdbDirs = new Set(files.map((file) => /^(.*\.gdb)\//i.exec(path.relative(dir, file))?.[1]).filter(Boolean));
  for (const gdb of gdbDirs) found.push({ kind: 'fileGdb', main: path.join(dir, gdb!), files: [path.join(dir, gdb!)], name: path.basename(gdb!) });
  for (const file of files) {
    if (/\.gdb\//i.test(path.relative(dir, file))) continue;
    const ext = extension(file);
    const name = path.basename(file);
    if (ext === '.shp') {
      const stem = file.slice(0, -ext.length);
      const part = (want: string) => files.find((f) => f.slice(0, -extension(f).length) === stem && extension(f) === want);
      for (const required of ['.shx', '.dbf']) if (!part(required)) throw missingPart(name, required);
      const parts = ['.shx', '.dbf', '.prj', '.cpg'].map(part).filter((f): f is string => f !== undefined);
      found.push({ kind: 'shapefile', main: file, files: [file, ...parts], name });
    } else if (ext === '.gpkg') found.push({ kind: 'gpkg', main: file, files: [file], name });
    else if (ext === '.geojson' || ext === '.json') found.push({ kind: 'geojson', main: file, files: [file], name });
    else if (ext === '.kml') found.push({ kind: 'kml', main: file, files: [file], name });
    else if (ext === '.dxf') found.push({ kind: 'dxf', main: file, files: [file], name });
    else if (ext === '.xlsx' || ext === '.csv') found.push({ kind: 'table', main: file, files: [file], name });
  }
  if (found.length === 0) {
    const names = files.map((file) => path.basename(file)).slice(0, 10).join('、') || '（无）';
    throw badRequest('noDataset', {
      zh: `上传的文件中没有可导入的数据（Shapefile、GeoPackage、GeoJSON、KML/KMZ、File Geodatabase、DXF，或带 WKT 列的 Excel/CSV 坐标表）；收到：${names}。`,
      en: `The upload holds no data to import (shapefile, GeoPackage, GeoJSON, KML/KMZ, File Geodatabase, DXF, or an Excel/CSV table with a WKT column); received: ${names}.`,
    });
  }
  if (found.length > 1) {
    const names = found.map((d) => d.name).join('、');
    throw badRequest('severalDatasets', {
      zh: `上传的文件中有多个数据集（${names}），请一次导入一个。`,
      en: `The upload holds several datasets (${names}); import one at a time.`,
    });
  }
  // GDAL's XML reader would expand a DTD's entities: a KML (or a KMZ's document) must have none.
  if (found[0].kind === 'kml') await refuseXmlDeclarations(found[0].main, found[0].name);
  return found[0];
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Extension } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';

/**
 * PostGIS for the embedded database, with only what the product uses.
 *
 * `@electric-sql/pglite-postgis` ships one archive (91 MB unpacked): PostGIS, its raster and
 * topology libraries, the tiger geocoder and every upgrade script. PGlite unpacks all of it and
 * compiles every library in it (48 MB of WebAssembly) at each open, though the product creates only
 * `postgis`. This extension hands PGlite a copy of the archive with `postgis-3.so`, its control
 * file, its install script and PROJ's data (34 MB), written once beside the system's temporary
 * files: the database opens in about half the time.
 */
export const slimPostgis: Extension = {
  name: 'postgis',
  async setup(pg, emscriptenOpts) {
    const result = await postgis.setup(pg, emscriptenOpts);
    return { ...result, bundlePath: pathToFileURL(slimBundlePath()) };
  },
};

/** The archive's entries PGlite needs for `CREATE EXTENSION postgis` and every PostGIS call. */
function isKept(name: string): boolean {
  return (
    name.endsWith('/') ||
    name === 'lib/postgresql/postgis-3.so' ||
    name.startsWith('share/proj/') ||
    /^share\/postgresql\/extension\/postgis(\.control|--\d+\.\d+\.\d+\.sql)$/.test(name)
  );
}

const REQUIRED = ['lib/postgresql/postgis-3.so', 'share/postgresql/extension/postgis.control'];

/** Where the trimmed archive is kept: named after the original's size and time, so an upgrade makes a new one. */
export function slimBundlePath(source = sourceBundlePath()): string {
  const { size, mtimeMs } = fs.statSync(source);
  const target = path.join(os.tmpdir(), `mpm-postgis-${size}-${Math.round(mtimeMs)}.tar.gz`);
  if (fs.existsSync(target)) return target;
  const archive = zlib.gzipSync(keptEntries(zlib.gunzipSync(fs.readFileSync(source))), { level: 1 });
  const partial = `${target}.${process.pid}.partial`;
  try {
    fs.writeFileSync(partial, archive);
    // Atomic: a process that opens the database at the same moment sees the whole archive or none.
    fs.renameSync(partial, target);
    return target;
  } catch {
    // No writable temporary directory: the whole archive works too, only slower to open.
    fs.rmSync(partial, { force: true });
    return source;
  }
}

function sourceBundlePath(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite-postgis');
  return path.join(path.dirname(entry), 'postgis.tar.gz');
}

const BLOCK = 512;
const field = (header: Buffer, start: number, end: number) =>
  header.subarray(start, end).toString('latin1').replace(/\0.*$/s, '');

/**
 * A tar archive of the entries `isKept` keeps, each copied byte for byte with its header. A GNU
 * long-name header travels with the entry it names.
 */
export function keptEntries(tar: Buffer): Buffer {
  const kept: Buffer[] = [];
  const found = new Set<string>();
  let longName: { name: string; start: number } | undefined;
  for (let at = 0; at + BLOCK <= tar.length; ) {
    const header = tar.subarray(at, at + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    const size = parseInt(field(header, 124, 136).trim() || '0', 8);
    const end = at + BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    const type = String.fromCharCode(header[156]!);
    if (type === 'L') {
      longName = { name: field(tar, at + BLOCK, at + BLOCK + size), start: at };
    } else {
      const prefix = field(header, 345, 500);
      const name = longName?.name ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
      if (isKept(name)) {
        kept.push(tar.subarray(longName?.start ?? at, end));
        found.add(name);
      }
      longName = undefined;
    }
    at = end;
  }
  const missing = REQUIRED.filter((name) => !found.has(name));
  if (missing.length > 0) throw new Error(`The PostGIS archive of @electric-sql/pglite-postgis lacks ${missing.join(', ')}`);
  return Buffer.concat([...kept, Buffer.alloc(2 * BLOCK)]);
}

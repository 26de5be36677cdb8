// Tests may run external tools; the package's lint rule against child_process guards src/.
import { execFileSync } from 'node:child_process';

/** Whether a command runs at all (used to skip, loudly, when a reference tool is missing). */
export function canRun(command: string, args: readonly string[], input?: string): boolean {
  try {
    execFileSync(command, args, { input, stdio: ['pipe', 'ignore', 'ignore'], timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * Transforms easting/northing pairs with Debian's `gdaltransform` from `sourceCrs` to EPSG:4490,
 * returning `[lon, lat]`. GDAL keeps traditional GIS order here: easting first in, lon first out.
 */
export function gdalTransform(sourceCrs: string, points: readonly (readonly [eastingM: number, northingM: number])[]): [number, number][] {
  const input = points.map(([e, n]) => `${e.toFixed(2)} ${n.toFixed(2)}`).join('\n') + '\n';
  const out = execFileSync('gdaltransform', ['-s_srs', sourceCrs, '-t_srs', 'EPSG:4490', '-output_xy'], { input, encoding: 'utf8' });
  return out
    .trim()
    .split('\n')
    .map((line) => {
      const [lon, lat] = line.trim().split(/\s+/).map(Number);
      return [lon, lat];
    });
}

/** The PostGIS database the tests compare with; trust auth on the local server. */
export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Runs `select` statements in one transaction that first ensures PostGIS and is then rolled
 * back, so the shared database keeps no trace. Returns one string per output row.
 */
export function postgisQuery(selects: readonly string[]): string[] {
  const script = ['\\set ON_ERROR_STOP 1', 'BEGIN;', 'CREATE EXTENSION IF NOT EXISTS postgis;', ...selects.map((s) => `${s};`), 'ROLLBACK;'].join('\n');
  const out = execFileSync('psql', [DATABASE_URL, '-qAtX'], { input: script, encoding: 'utf8', timeout: 60_000 });
  return out.trim().split('\n');
}

/** Whether the PostGIS reference database answers. */
export const postgisAvailable = (): boolean => canRun('psql', [DATABASE_URL, '-qAtX', '-c', 'select 1']);

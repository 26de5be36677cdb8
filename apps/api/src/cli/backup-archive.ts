import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { MIGRATION_NAMES } from '../db/migrate.ts';
import { CliError } from './cli-support.ts';

/** The archive layout this build writes and reads; a later layout is refused. */
export const BACKUP_FORMAT_VERSION = 1;

/** `manifest.json`, first in every archive. */
export interface BackupManifest {
  format: 'mpm-backup';
  formatVersion: number;
  /** The last migration the database had run: its schema version. */
  schemaVersion: string;
  migrations: string[];
  /** When the backup was taken (ISO 8601, UTC). */
  createdAt: string;
  database: 'pglite' | 'postgres';
  /** The database file in the archive: a PGlite data directory (tar) or a `pg_dump --format=custom` file. */
  databaseFile: string;
  /** Photo files under `photos/`. */
  photoCount: number;
}

/** Photo files under `dir` (relative paths), without uploads still waiting in `.incoming`. */
export function photoFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .filter((file) => !file.startsWith('.incoming'))
    .sort();
}

/** Copies the photo files of `from` into `to` (made when missing). */
export function copyPhotos(from: string, to: string): number {
  const files = photoFiles(from);
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(to, file)), { recursive: true });
    fs.copyFileSync(path.join(from, file), path.join(to, file));
  }
  return files.length;
}

/** Packs the staged `dir` (manifest, database file, photos) into one tar file `out`, written whole or not at all. */
export function packArchive(dir: string, out: string): void {
  const partial = `${out}.partial`;
  execFileSync('tar', ['-cf', partial, '-C', dir, '.'], { stdio: 'pipe' });
  fs.renameSync(partial, out);
}

const refused = (code: string, zh: string, en: string) => new CliError({ zh: `${code}：${zh}`, en: `${code}: ${en}` });

/** Unpacks `archive` into `dir` and reads its manifest; refuses what is not a backup, a later format or a newer schema. */
export function unpackArchive(archive: string, dir: string): BackupManifest {
  try {
    execFileSync('tar', ['-xf', archive, '-C', dir], { stdio: 'pipe' });
  } catch (err) {
    throw refused('backupUnreadable', `无法读取备份文件 ${archive}（${(err as Error).message.split('\n')[0]}）。`, `Cannot read the backup ${archive} (${(err as Error).message.split('\n')[0]}).`);
  }
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as BackupManifest;
  } catch {
    throw refused('backupUnreadable', `${archive} 不是本系统的备份（没有 manifest.json）。`, `${archive} is not a backup of this product (it has no manifest.json).`);
  }
  if (manifest.format !== 'mpm-backup' || !Number.isInteger(manifest.formatVersion)) {
    throw refused('backupUnreadable', `${archive} 不是本系统的备份。`, `${archive} is not a backup of this product.`);
  }
  if (manifest.formatVersion > BACKUP_FORMAT_VERSION) {
    throw refused(
      'backupNewerFormat',
      `备份格式为第 ${manifest.formatVersion} 版，本程序只能读取到第 ${BACKUP_FORMAT_VERSION} 版：请用更新的版本恢复。`,
      `The backup's format is version ${manifest.formatVersion}; this build reads up to version ${BACKUP_FORMAT_VERSION}. Restore it with a newer build.`,
    );
  }
  const unknown = manifest.migrations.filter((name) => !MIGRATION_NAMES.includes(name));
  if (unknown.length > 0) {
    throw refused(
      'backupNewerSchema',
      `备份的数据库结构（${manifest.schemaVersion}）比本程序新（${MIGRATION_NAMES.at(-1)}），本程序不认识 ${unknown.join('、')}：请用更新的版本恢复。`,
      `The backup's schema (${manifest.schemaVersion}) is newer than this build's (${MIGRATION_NAMES.at(-1)}); this build does not know ${unknown.join(', ')}. Restore it with a newer build.`,
    );
  }
  return manifest;
}

export { refused as backupRefused };

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { backupRefused, copyPhotos, photoFiles, unpackArchive } from './backup-archive.ts';
import { CliError, runCli } from './cli-support.ts';

const USAGE = `用法 / usage:
  pnpm restore 备份.tar

把 pnpm backup 写的备份恢复到一个全新的数据库：DATA_DIR 下尚无数据库（嵌入式），或 DATABASE_URL 指向一个空库（PostgreSQL，须与备份同类），
照片恢复到照片目录（PHOTOS_DIR，须为空）。比本程序新的数据库结构会被拒绝（backupNewerSchema）；较旧的在服务器下次启动时升级。
Restores a backup written by pnpm backup into a fresh database: a DATA_DIR without a database (embedded), or an empty
database at DATABASE_URL (PostgreSQL; the same kind as the backup), and the photos into the (empty) photo directory.
A schema newer than this build's is refused (backupNewerSchema); an older one is upgraded when the server next starts.`;

/** Loads a PGlite data directory archive into `dataDir`, which holds no database yet. */
async function restorePglite(archive: string, dataDir: string) {
  const [{ PGlite }, { slimPostgis }, { acquireDataDirLock }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('../db/postgis-bundle.ts'),
    import('../db/data-dir-lock.ts'),
  ]);
  fs.mkdirSync(dataDir, { recursive: true });
  const lock = acquireDataDirLock(dataDir);
  try {
    const pglite = await PGlite.create(path.join(dataDir, 'pgdata'), {
      extensions: { postgis: slimPostgis },
      loadDataDir: new Blob([fs.readFileSync(archive)]),
    });
    await pglite.query('SELECT 1');
    await pglite.close();
  } finally {
    lock.release();
  }
}

/** Restores a `pg_dump` file into the empty database at `url`. */
async function restorePostgres(dump: string, url: string) {
  const [{ openDatabase }, { appliedMigrations }] = await Promise.all([import('../db/connect.ts'), import('../plugins/app/backup/backup-repository.ts')]);
  const db = await openDatabase({ kind: 'postgres', url });
  try {
    if ((await appliedMigrations(db.knex)).length > 0) {
      throw backupRefused('restoreTargetNotEmpty', 'DATABASE_URL 指向的数据库已有数据：请恢复到一个新建的空库。', 'The database at DATABASE_URL already holds data: restore into a new, empty database.');
    }
  } finally {
    await db.close();
  }
  try {
    execFileSync('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--dbname', url, dump], { stdio: 'pipe' });
  } catch (err) {
    const detail = (err as { stderr?: Buffer }).stderr?.toString().trim() || (err as Error).message;
    throw new CliError({ zh: `pg_restore 失败：${detail}`, en: `pg_restore failed: ${detail}` });
  }
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ args: process.argv.slice(2), options: { help: { type: 'boolean' } }, allowPositionals: true });
  if (values.help || positionals.length !== 1) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const archive = path.resolve(positionals[0]!);
  const config = loadConfig();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-restore-'));
  try {
    const manifest = unpackArchive(archive, dir);
    const target = config.database;
    if (manifest.database !== target.kind) {
      throw backupRefused(
        'backupOtherDatabase',
        `备份来自 ${manifest.database} 数据库，而当前设置指向 ${target.kind}：请用同类数据库恢复（PostgreSQL 设 DATABASE_URL，嵌入式设 DATA_DIR）。`,
        `The backup is of a ${manifest.database} database but the settings name a ${target.kind} one: restore into the same kind (DATABASE_URL for PostgreSQL, DATA_DIR for the embedded one).`,
      );
    }
    if (target.kind === 'pglite' && fs.existsSync(path.join(target.dataDir, 'pgdata'))) {
      throw backupRefused('restoreTargetNotEmpty', `${target.dataDir} 下已有数据库：请指定一个新的 DATA_DIR。`, `${target.dataDir} already holds a database: name a new DATA_DIR.`);
    }
    if (photoFiles(config.photosDir).length > 0) {
      throw backupRefused('restoreTargetNotEmpty', `照片目录 ${config.photosDir} 不为空：请指定一个空的 PHOTOS_DIR。`, `The photo directory ${config.photosDir} is not empty: name an empty PHOTOS_DIR.`);
    }
    const file = path.join(dir, manifest.databaseFile);
    if (target.kind === 'pglite') await restorePglite(file, target.dataDir);
    else await restorePostgres(file, target.url);
    const photos = copyPhotos(path.join(dir, 'photos'), config.photosDir);
    console.log(
      `已恢复 ${manifest.createdAt} 的备份（结构 ${manifest.schemaVersion}，照片 ${photos} 张）\nRestored the backup of ${manifest.createdAt} (schema ${manifest.schemaVersion}, ${photos} photos)`,
    );
    return 0;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await runCli(main, USAGE);

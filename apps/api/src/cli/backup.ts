import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { BACKUP_FORMAT_VERSION, copyPhotos, packArchive, type BackupManifest } from './backup-archive.ts';
import { CliError, openCliDatabase, runCli, serverFetch } from './cli-support.ts';

const USAGE = `用法 / usage:
  pnpm backup [--out 文件.tar]
  MPM_PASSWORD=… pnpm backup --server http://localhost:8080 [--user admin] [--out 文件.tar]

备份数据库（含图层各版本、审计日志）与照片目录，写成一个 tar 文件（含 manifest.json：格式版本、数据库结构版本、日期、数据库类型）。
PostgreSQL（DATABASE_URL）用 pg_dump，服务器运行时即可备份；嵌入式数据库（DATA_DIR）在服务器运行时请加 --server（管理员账号），由服务器取一致的快照。
Backs up the database (layer revisions and the audit log included) and the photo directory into one tar file with a
manifest.json (format version, schema version, date, database kind). PostgreSQL (DATABASE_URL) is dumped with pg_dump,
the server running or not; while the server runs on the embedded database (DATA_DIR), add --server (an admin account)
and the server takes a consistent snapshot.`;

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);

/** The database file, staged in `dir`: its name, kind and the migrations it had run. */
async function dumpDatabase(dir: string, server: string | undefined, user: string) {
  const config = loadConfig();
  if (server) {
    const response = await serverFetch(server, new URL('/api/backup/database', server), user, 'zh');
    fs.writeFileSync(path.join(dir, 'database.tar'), Buffer.from(await response.arrayBuffer()));
    const migrations = (response.headers.get('x-migrations') ?? '').split(',').filter(Boolean);
    return { database: 'pglite' as const, databaseFile: 'database.tar', migrations, photosDir: config.photosDir };
  }
  const db = await openCliDatabase(config, {
    zh: `服务器正在运行时，请加 --server http://localhost:${config.port} 经其接口备份。`,
    en: `While the server runs, add --server http://localhost:${config.port} to back up through it.`,
  });
  try {
    const { appliedMigrations } = await import('../plugins/app/backup/backup-repository.ts');
    const migrations = await appliedMigrations(db.knex);
    if (db.dumpDataDir) {
      fs.writeFileSync(path.join(dir, 'database.tar'), await db.dumpDataDir());
      return { database: 'pglite' as const, databaseFile: 'database.tar', migrations, photosDir: config.photosDir };
    }
    const target = config.database as { url: string };
    try {
      execFileSync('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', '--file', path.join(dir, 'database.pgdump'), target.url], { stdio: 'pipe' });
    } catch (err) {
      const detail = (err as { stderr?: Buffer }).stderr?.toString().trim() || (err as Error).message;
      throw new CliError({ zh: `pg_dump 失败：${detail}`, en: `pg_dump failed: ${detail}` });
    }
    return { database: 'postgres' as const, databaseFile: 'database.pgdump', migrations, photosDir: config.photosDir };
  } finally {
    await db.close();
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { server: { type: 'string' }, user: { type: 'string', default: 'admin' }, out: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const out = path.resolve(values.out ?? `mpm-backup-${stamp()}.tar`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-backup-'));
  try {
    const { photosDir, ...dumped } = await dumpDatabase(dir, values.server, values.user);
    // After the database: every photo whose row the dump holds is in place by now.
    const photoCount = copyPhotos(photosDir, path.join(dir, 'photos'));
    const manifest: BackupManifest = {
      format: 'mpm-backup',
      formatVersion: BACKUP_FORMAT_VERSION,
      schemaVersion: dumped.migrations.at(-1) ?? '',
      createdAt: new Date().toISOString(),
      photoCount,
      ...dumped,
    };
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
    packArchive(dir, out);
    console.log(`已备份到 ${out}（${manifest.database}，结构 ${manifest.schemaVersion}，照片 ${photoCount} 张）\nBacked up to ${out} (${manifest.database}, schema ${manifest.schemaVersion}, ${photoCount} photos)`);
    return 0;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await runCli(main, USAGE);

import type { FastifyPluginAsync } from 'fastify';
import { UserError } from '../../../http/errors.ts';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { appliedMigrations } from '../../../plugins/app/backup/backup-repository.ts';
import type { Database } from '../../../db/connect.ts';

/**
 * `GET /api/backup/database` (admins): the embedded database as a tar archive of its data
 * directory, taken between two statements, with its schema version (the last migration run) in
 * `X-Schema-Version`; `pnpm backup --server` saves it with the photos. PostgreSQL is backed up
 * with `pg_dump` instead (409 `backupUsePgDump`).
 */
const backup: FastifyPluginAsync<{ db: Pick<Database, 'knex' | 'kind' | 'dumpDataDir'> }> = async (app, { db }) => {
  app.get('/api/backup/database', { preValidation: requireRole('admin') }, async (_request, reply) => {
    if (!db.dumpDataDir) {
      throw new UserError(409, 'backupUsePgDump', {
        zh: '数据库为 PostgreSQL：请在能连接数据库的机器上运行 pnpm backup（使用 pg_dump），不必经服务器。',
        en: 'The database is PostgreSQL: run pnpm backup where DATABASE_URL reaches it (it uses pg_dump), not through the server.',
      });
    }
    const migrations = await appliedMigrations(db.knex);
    const tar = await db.dumpDataDir();
    const archive = Buffer.from(tar.buffer, tar.byteOffset, tar.byteLength);
    return reply
      .header('content-type', 'application/x-tar')
      .header('x-schema-version', migrations.at(-1) ?? '')
      .header('x-migrations', migrations.join(','))
      .send(archive);
  });
};
export default backup;

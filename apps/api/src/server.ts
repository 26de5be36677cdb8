import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/connect.ts';
import { DataDirLockedError } from './db/data-dir-lock.ts';
import { prepareDatabase } from './bootstrap.ts';
import { buildApp } from './app.ts';

/** Starts the product: opens (and on first start creates) the database, then serves on PORT. */
async function main() {
  const config = loadConfig();
  const db = await openDatabase(config.database);
  const report = await prepareDatabase(db.knex, config);
  const app = await buildApp({ db, config });
  if (report.migrations.length) app.log.info({ migrations: report.migrations }, 'database migrated');
  if (report.demoLoaded) app.log.info('demo county loaded (示范数据已加载)');
  if (report.generatedAdminPassword) {
    // Printed once, on the start that created the account; only its hash is stored.
    console.log(
      `\n首个管理员账号 / first admin account:\n  用户名 user name: admin\n  密码 password:    ${report.generatedAdminPassword}\n` +
        '请妥善保存，此密码只显示这一次。 Keep it safe: it is shown only this once.\n',
    );
  }
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof DataDirLockedError) {
    console.error(err.message);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});

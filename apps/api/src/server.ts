import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/connect.ts';
import { DataDirLockedError } from './db/data-dir-lock.ts';
import { prepareDatabase } from './bootstrap.ts';
import { buildApp } from './app.ts';
import { warmUp } from './http/warm-up.ts';

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
  let stopping = false;
  /**
   * Stops taking connections, lets the requests in flight finish (for at most SHUTDOWN_GRACE_S,
   * then closes their connections), then closes the database: PGlite shuts down cleanly and
   * releases its data directory. A second signal while stopping changes nothing.
   */
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const cap = setTimeout(() => {
      app.log.warn({ graceMs: config.shutdownGraceMs }, 'requests still in flight after the grace period: closing their connections');
      app.server.closeAllConnections();
    }, config.shutdownGraceMs);
    try {
      await app.close();
      clearTimeout(cap);
      await db.close();
      app.log.info('stopped');
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  void warmUp(app, () => stopping);
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof DataDirLockedError) {
    console.error(err.message);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});

import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts';
import { ClientPGliteSessions } from './pglite-client.ts';
import { PGliteThread } from './pglite-thread.ts';

/** Longest a single statement may run on PostgreSQL before it is cancelled. */
const STATEMENT_TIMEOUT_MS = 30_000;

/**
 * Knex's own notes on a connection that failed, one per request while PostgreSQL is down: the
 * app logs the outage once instead (`db/availability.ts`), so these are left out.
 */
const CONNECTION_NOTE = /^(Connection Error|Acquire connection error):/;
const knexLog = { warn: (message: string) => CONNECTION_NOTE.test(message) || console.warn(message) };

interface PgConnection {
  query(sql: string, callback: (err: Error | null) => void): void;
}

/** Where the data lives: an embedded PGlite directory, or a PostgreSQL server. */
export type DatabaseTarget = { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };

export interface Database {
  knex: Knex;
  kind: DatabaseTarget['kind'];
  close(): Promise<void>;
  /**
   * The embedded database's data directory as a tar archive, taken while no statement runs (after
   * a checkpoint): what `pnpm backup` saves and `pnpm restore` loads. PGlite only.
   */
  dumpDataDir?(): Promise<Uint8Array>;
}

/** Opens the database; for PGlite, takes the data directory's single-writer lock first. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'postgres') {
    const knex = knexFactory({
      client: 'pg',
      connection: target.url,
      log: knexLog,
      pool: {
        min: 0,
        max: 10,
        // No request may hold a connection with an unbounded query.
        afterCreate: (connection: PgConnection, done: (err: Error | null, connection: PgConnection) => void) => {
          connection.query(`SET statement_timeout = ${STATEMENT_TIMEOUT_MS}`, (err) => done(err, connection));
        },
      },
    });
    return { knex, kind: 'postgres', close: () => knex.destroy() };
  }
  fs.mkdirSync(target.dataDir, { recursive: true });
  const lock: DataDirLock = acquireDataDirLock(target.dataDir);
  try {
    const pglite = new PGliteThread(path.join(target.dataDir, 'pgdata'));
    await pglite.waitReady;
    const knex = knexFactory({
      client: ClientPGliteSessions as unknown as typeof knexFactory.Client,
      dialect: 'postgres',
      connection: () => ({ pglite }) as object,
    } as Knex.Config);
    return {
      knex,
      kind: 'pglite',
      dumpDataDir: () => pglite.dumpDataDir(),
      async close() {
        // Ends knex's sessions (a transaction left open is rolled back), then closes the database.
        await knex.destroy();
        if (!pglite.closed) await pglite.close();
        lock.release();
      },
    };
  } catch (err) {
    lock.release();
    throw err;
  }
}

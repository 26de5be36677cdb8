import type { Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import type { PGliteSession, PGliteThread } from './pglite-thread.ts';

/**
 * Knex's pooled connections to the embedded database: each a session of its thread
 * (`PGliteThread.session`). The thread queues their statements and runs them one after the other,
 * a transaction's alone; with several connections, knex hands the next request's statement over
 * while one runs, so the database's thread goes from one statement to the next without waiting for
 * the server's event loop (in the mixed load, a third of its time was spent so with one connection).
 */
export const PGLITE_SESSIONS = 8;

/**
 * knex-pglite's client (its answers in node-postgres's shapes) with {@link PGLITE_SESSIONS}
 * sessions instead of its one connection to a PGlite of the calling thread.
 */
export class ClientPGliteSessions extends (ClientPgLite as unknown as new (config: Knex.Config) => Knex.Client) {
  declare pglite: PGliteThread;

  initializePool(config: Knex.Config): void {
    // knex-pglite asks for one connection: PGlite's one session, shared by every statement.
    super.initializePool({ ...config, pool: { min: 0, max: PGLITE_SESSIONS } });
  }

  async _acquireOnlyConnection(): Promise<PGliteSession> {
    await this.pglite.waitReady;
    return this.pglite.session();
  }

  /** A connection let go ends its session; closing the database is `openDatabase`'s `close`. */
  async destroyRawConnection(session: PGliteSession): Promise<void> {
    await session.end();
  }
}

import { Worker } from 'node:worker_threads';
import type { Results } from '@electric-sql/pglite';
import { slimBundlePath } from './postgis-bundle.ts';

/** What pglite-worker.mjs answers to a message. */
type Answer = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: PlainError };
type PlainError = Record<string, string | number | boolean | null> & { name: string; message: string };

/** The error the worker sent, rebuilt with its fields (`code`, `detail`, `constraint`…) and this thread's stack. */
function rebuilt({ message, name, ...fields }: PlainError): Error {
  return Object.assign(new Error(message), fields, { name });
}

/** Statements that follow one another, as on one connection: a transaction is one session's. */
export interface PGliteSession {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], options?: { name?: string }): Promise<Results<T>>;
  /** The session is let go: a transaction it left open is rolled back. */
  end(): Promise<void>;
}

/**
 * The embedded database in a worker thread of its own (pglite-worker.mjs): PGlite runs its
 * statements there, so that while one runs (a 5 000-patch round takes 0.7 s) the server's event
 * loop goes on answering what needs no database (cached tiles, static files) and encoding what
 * came back. It offers what knex-pglite uses of a PGlite (`waitReady`, `query`, `close`) and
 * answers in the same shapes, and sessions (`session()`, one per pooled connection) whose
 * statements the thread queues and runs one after the other, a transaction's alone (see the
 * worker). `query` with `{ name }` (as the checks' measuring statement is sent) is prepared once
 * under that name, as node-postgres does on PostgreSQL.
 */
export class PGliteThread {
  readonly waitReady: Promise<void>;
  #worker: Worker;
  #pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  #nextId = 1;
  #nextSession = 1;
  #stopped: Error | null = null;

  constructor(pgdata: string) {
    this.#worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), {
      workerData: { pgdata, postgisBundle: slimBundlePath() },
      execArgv: [],
    });
    this.waitReady = new Promise((resolve, reject) => {
      const onReady = (message: { ready?: boolean; error?: PlainError }) => {
        if (message.ready === undefined) return;
        this.#worker.off('message', onReady);
        if (message.ready) return resolve();
        const error = rebuilt(message.error!);
        this.#stop(error);
        reject(error);
      };
      this.#worker.on('message', onReady);
      this.#worker.once('exit', (code) => reject(new Error(`PGlite is closed: its thread stopped (exit code ${code}) before it opened`)));
    });
    this.waitReady.catch(() => {});
    this.#worker.on('message', (answer: Answer) => {
      const waiting = this.#pending.get(answer.id);
      if (!waiting) return;
      this.#pending.delete(answer.id);
      if (answer.ok) waiting.resolve(answer.value);
      else waiting.reject(rebuilt(answer.error));
    });
    this.#worker.on('error', (err) => this.#stop(new Error(`PGlite is closed: its thread failed (${err.message})`)));
    this.#worker.on('exit', (code) => this.#stop(new Error(`PGlite is closed: its thread stopped (exit code ${code})`)));
  }

  /** Whether the database can take no more statements (closed, or its thread stopped). */
  get closed(): boolean {
    return this.#stopped !== null;
  }

  /** One statement on the thread's own session (0). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], options?: { name?: string }): Promise<Results<T>> {
    return this.#send({ op: 'query', session: 0, sql, params, name: options?.name }) as Promise<Results<T>>;
  }

  /** A new session: knex's connections to the embedded database. */
  session(): PGliteSession {
    const session = this.#nextSession++;
    return {
      query: <T>(sql: string, params?: unknown[], options?: { name?: string }) =>
        this.#send({ op: 'query', session, sql, params, name: options?.name }) as Promise<Results<T>>,
      // Once the database is closed there is nothing left to roll back.
      end: async () => {
        if (!this.#stopped) await this.#send({ op: 'end', session });
      },
    };
  }

  /** The data directory as a tar archive, taken between two statements after a checkpoint. */
  dumpDataDir(): Promise<Uint8Array> {
    return this.#send({ op: 'dump' }) as Promise<Uint8Array>;
  }

  /** Closes the database cleanly (a shutdown checkpoint), then ends the thread. */
  async close(): Promise<void> {
    if (this.#stopped) return;
    try {
      await this.#send({ op: 'close' });
    } finally {
      this.#stop(new Error('PGlite is closed'));
      await this.#worker.terminate();
    }
  }

  #send(message: { op: string; session?: number; sql?: string; params?: unknown[]; name?: string }): Promise<unknown> {
    if (this.#stopped) return Promise.reject(this.#stopped);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, ...message });
    });
  }

  /** No more statements: those still waiting fail with `reason`. */
  #stop(reason: Error) {
    this.#stopped ??= reason;
    for (const waiting of this.#pending.values()) waiting.reject(reason);
    this.#pending.clear();
  }
}

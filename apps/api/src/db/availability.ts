import type { FastifyBaseLogger } from 'fastify';

/** Seconds a client is told to wait (`Retry-After`) while the database cannot be reached. */
export const RETRY_AFTER_S = 10;

/** Socket errors of a server that is down, restarting or unreachable. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN']);

/**
 * SQLSTATEs of a server that is going away or not there yet: class 08 (connection exception),
 * 57P01–57P03 (terminated by a shutdown or crash, "cannot connect now" while starting) and
 * 53300 (too many connections). https://www.postgresql.org/docs/15/errcodes-appendix.html
 */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;

/** What node-postgres, knex and PGlite say when there is no connection to be had. */
const UNAVAILABLE_MESSAGE =
  /Connection terminated|Client has encountered a connection error|Connection ended unexpectedly|Timeout acquiring a connection|PGlite is clos(ed|ing)/;

/**
 * Whether `error` means the database cannot be reached (PostgreSQL stopped, restarting or out
 * of connections; the embedded PGlite closed), as opposed to a fault of one query.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code } = error as { code?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
  if (error.name === 'KnexTimeoutError' || UNAVAILABLE_MESSAGE.test(error.message)) return true;
  // AggregateError (a connection tried on IPv4 and IPv6) and wrapped causes.
  const inner = [...((error as { errors?: unknown[] }).errors ?? []), (error as { cause?: unknown }).cause];
  return inner.some((cause) => cause !== error && isDatabaseUnavailable(cause));
}

/**
 * Whether the database answers, as the last query found: it logs once when the database stops
 * answering and once when it answers again, however many requests fail in between.
 */
export class DatabaseAvailability {
  #downSince: number | null = null;

  constructor(private readonly log: FastifyBaseLogger) {}

  /** A query failed because the database cannot be reached. */
  down(error: unknown): void {
    if (this.#downSince !== null) return;
    this.#downSince = Date.now();
    this.log.error({ err: error }, 'database unavailable');
  }

  /** A query succeeded. */
  up(): void {
    if (this.#downSince === null) return;
    this.log.warn({ unavailableMs: Date.now() - this.#downSince }, 'database available again');
    this.#downSince = null;
  }
}

import type { Knex } from 'knex';
import type { User } from './users-repository.ts';

/**
 * Longest a session's lookup is kept in the process (issue #13: the lookup was one of a check's
 * three round trips). A write to accounts or sessions through this process's users repository
 * forgets every kept lookup at once; another server process on the same database (PostgreSQL)
 * sees such a write within this long.
 */
export const SESSION_CACHE_MS = 5_000;

/** Most sessions kept; past it the cache starts again empty. */
const MAX_SESSIONS = 10_000;

/**
 * Live sessions' users by token (held in this process's memory only), each until the earliest of {@link SESSION_CACHE_MS} from its
 * lookup, the session's end and its idle limit (the lookup says how long it has left of each).
 * `forget` (every write to accounts or sessions) empties it and starts a new generation: a lookup
 * that started before it keeps nothing, so a lookup racing a write cannot bring back what the
 * write ended, and a transaction's write forgets again when the transaction ends.
 */
export class SessionCache {
  #sessions = new Map<string, { user: User; until: number }>();
  #generation = 0;

  /** The user of a kept session that has not run out, else undefined. */
  get(token: string, now = Date.now()): User | undefined {
    const kept = this.#sessions.get(token);
    if (!kept) return undefined;
    if (kept.until > now) return kept.user;
    this.#sessions.delete(token);
    return undefined;
  }

  /** The generation a lookup starts in: pass it to {@link keep}. */
  get generation(): number {
    return this.#generation;
  }

  /** Keeps a lookup's user for at most `leftMs`, unless a write came since the lookup started. */
  keep(token: string, user: User, leftMs: number, generation: number, now = Date.now()) {
    if (generation !== this.#generation || leftMs <= 0) return;
    if (this.#sessions.size >= MAX_SESSIONS) this.#sessions.clear();
    this.#sessions.set(token, { user, until: now + Math.min(SESSION_CACHE_MS, leftMs) });
  }

  /**
   * Forgets every kept session: now, and when `trx` (a transaction the write runs in) ends, so
   * that nothing looked up before its commit is kept after it.
   */
  forget(trx?: Knex) {
    this.#sessions.clear();
    this.#generation++;
    const ends = (trx as Partial<Knex.Transaction> | undefined)?.executionPromise;
    if (ends) {
      const again = () => this.forget();
      ends.then(again, again);
    }
  }
}

import type { Knex } from 'knex';

/** After a day without a further failure, an account's count starts afresh (and its row may go). */
const FORGET_AFTER = "interval '1 day'";

/** An account's failed sign-ins in a row, and how long ago (by the database's clock) the last one was. */
export interface SignInFailures {
  failures: number;
  sinceLastMs: number;
}

/**
 * Failed sign-ins per account name (`sign_in_failures`, migration 039): bookkeeping of the
 * backoff, not a record of the bureau's, so written straight (like a session's last use), never
 * through the audit log, which attackers' guesses would otherwise fill. Times are the database's,
 * so that several server processes agree.
 */
export function createSignInFailuresRepository(knex: Knex) {
  return {
    async failuresOf(username: string): Promise<SignInFailures | undefined> {
      const row = await knex('sign_in_failures')
        .where('username', username)
        .andWhere('last_failed_at', '>', knex.raw(`now() - ${FORGET_AFTER}`))
        .first<{ failures: number; since_last_ms: string | number } | undefined>(
          'failures',
          knex.raw('extract(epoch from (now() - last_failed_at)) * 1000 as since_last_ms'),
        );
      return row && { failures: row.failures, sinceLastMs: Number(row.since_last_ms) };
    },

    /** Counts one more failure (one statement: concurrent failures all count); answers the count. */
    async recordFailure(username: string): Promise<number> {
      const { rows } = await knex.raw<{ rows: { failures: number }[] }>(
        `INSERT INTO sign_in_failures (username, failures, last_failed_at) VALUES (?, 1, now())
         ON CONFLICT (username) DO UPDATE SET
           failures = CASE WHEN sign_in_failures.last_failed_at > now() - ${FORGET_AFTER} THEN sign_in_failures.failures + 1 ELSE 1 END,
           last_failed_at = now()
         RETURNING failures`,
        [username],
      );
      return rows[0].failures;
    },

    async clear(username: string): Promise<void> {
      await knex('sign_in_failures').where('username', username).delete();
    },

    /** Removes the rows whose last failure is older than a day (a flood of names does not stay). */
    async prune(): Promise<void> {
      await knex('sign_in_failures').where('last_failed_at', '<=', knex.raw(`now() - ${FORGET_AFTER}`)).delete();
    },
  };
}

export type SignInFailuresRepository = ReturnType<typeof createSignInFailuresRepository>;

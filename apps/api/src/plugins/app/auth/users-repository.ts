import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { StaffRole, UserAccount } from '@mpm/contracts';
import { SessionCache } from './session-cache.ts';

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: StaffRole;
  /** An admin reset the password: only changing it is allowed until it is changed. */
  mustChangePassword: boolean;
}

/** An account as an admin's write reads it, locked: the user list's row. */
export type Account = UserAccount;

/** How long a sign-in lasts. */
const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

const USER_COLUMNS = [
  'u.id',
  'u.username',
  'u.display_name as displayName',
  'u.role',
  'u.must_change_password as mustChangePassword',
] as const;

const ACCOUNT_COLUMNS = [
  ...USER_COLUMNS,
  'u.disabled',
  'u.version',
  'u.created_at as createdAt',
  'u.updated_at as updatedAt',
  'by.display_name as updatedBy',
  'u.last_sign_in_at as lastSignInAt',
] as const;

interface AccountRow extends User {
  disabled: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string | null;
  lastSignInAt: Date | null;
}

const toAccount = ({ disabled, createdAt, updatedAt, lastSignInAt, ...row }: AccountRow): Account => ({
  ...row,
  active: !disabled,
  createdAt: new Date(createdAt).toISOString(),
  updatedAt: new Date(updatedAt).toISOString(),
  lastSignInAt: lastSignInAt ? new Date(lastSignInAt).toISOString() : null,
});

/** What an admin's change to an account sets (besides its version, who and when). */
export interface AccountChange {
  role?: StaffRole;
  displayName?: string;
  passwordHash?: string;
  mustChangePassword?: boolean;
  active?: boolean;
}

/**
 * Accounts and their sessions. Password hashing is the caller's (see `passwords.ts`). Session
 * lookups are kept a few seconds (`session-cache.ts`); every write here to accounts or sessions
 * forgets them.
 */
export function createUsersRepository(knex: Knex) {
  const sessions = new SessionCache();
  const accounts = (trx: Knex) => trx('users as u').leftJoin('users as by', 'by.id', 'u.updated_by');
  const account = async (id: number, trx: Knex = knex): Promise<Account | undefined> => {
    const row = await accounts(trx).where('u.id', id).first<AccountRow | undefined>(...ACCOUNT_COLUMNS);
    return row && toAccount(row);
  };

  return {
    async findForLogin(username: string) {
      return knex('users as u')
        .where({ 'u.username': username, 'u.disabled': false })
        .first<(User & { passwordHash: string }) | undefined>(...USER_COLUMNS, 'u.password_hash as passwordHash');
    },

    async create(user: Omit<User, 'id' | 'mustChangePassword'> & { passwordHash: string; createdBy?: number }, trx: Knex = knex): Promise<User> {
      const [row] = await trx('users')
        .insert({
          username: user.username,
          display_name: user.displayName,
          role: user.role,
          password_hash: user.passwordHash,
          updated_by: user.createdBy ?? null,
        })
        .returning(['id', 'username', 'display_name as displayName', 'role', 'must_change_password as mustChangePassword']);
      return row as User;
    },

    async exists(username: string, trx: Knex = knex): Promise<boolean> {
      return Boolean(await trx('users').where({ username }).first('id'));
    },

    /** Every account, active or not, in the order they were made. */
    async list(): Promise<Account[]> {
      const rows = await accounts(knex).select<AccountRow[]>(...ACCOUNT_COLUMNS).orderBy('u.id');
      return rows.map(toAccount);
    },

    account,

    /** The account, its row locked until the transaction ends. */
    async lockAccount(id: number, trx: Knex): Promise<Account | undefined> {
      await trx('users').where({ id }).forUpdate().first('id');
      return account(id, trx);
    },

    /**
     * Ids of the active admins, their rows locked until the transaction ends: two admins demoting
     * each other at once are taken one after the other, and the second sees the first's change.
     */
    async lockActiveAdmins(trx: Knex): Promise<number[]> {
      const rows = await trx('users').where({ role: 'admin', disabled: false }).forUpdate().select('id').orderBy('id');
      return rows.map((row: { id: number }) => row.id);
    },

    async passwordHash(id: number, trx: Knex = knex): Promise<string | undefined> {
      return (await trx('users').where({ id }).first('password_hash'))?.password_hash;
    },

    /** Applies `change` as the account's next version, made by `by` now. */
    async update(id: number, change: AccountChange, by: number, trx: Knex): Promise<void> {
      sessions.forget(trx);
      await trx('users')
        .where({ id })
        .update({
          ...(change.role !== undefined && { role: change.role }),
          ...(change.displayName !== undefined && { display_name: change.displayName }),
          ...(change.passwordHash !== undefined && { password_hash: change.passwordHash }),
          ...(change.mustChangePassword !== undefined && { must_change_password: change.mustChangePassword }),
          ...(change.active !== undefined && { disabled: !change.active }),
          version: trx.raw('version + 1'),
          updated_at: trx.fn.now(),
          updated_by: by,
        });
      sessions.forget();
    },

    /** Starts a session; returns the cookie token (only its hash is stored). */
    async startSession(userId: number, trx: Knex = knex): Promise<{ token: string; expiresAt: Date }> {
      const token = crypto.randomBytes(32).toString('base64url');
      const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
      await trx('sessions').insert({ token_hash: sha256(token), user_id: userId, expires_at: expiresAt });
      await trx('users').where({ id: userId }).update({ last_sign_in_at: trx.fn.now() });
      return { token, expiresAt };
    },

    /**
     * The user of a live session: not expired, used within the last `idleMs` (0: no limit), its
     * account active. Marks the session used, at most once a minute. Kept in the process for at
     * most `SESSION_CACHE_MS` (5 s), never past the session's end or idle limit.
     */
    async userForSession(token: string, idleMs = 0): Promise<User | undefined> {
      // Kept by the token itself, which every request carries: no digest for a kept session.
      const kept = sessions.get(token);
      if (kept) return kept;
      const generation = sessions.generation;
      const tokenHash = sha256(token);
      const query = knex('sessions as s')
        .join('users as u', 'u.id', 's.user_id')
        .where('s.token_hash', tokenHash)
        .andWhere('s.expires_at', '>', knex.fn.now())
        .andWhere('u.disabled', false);
      if (idleMs > 0) query.andWhere('s.last_seen_at', '>', knex.raw(`now() - ? * interval '1 millisecond'`, [idleMs]));
      const row = await query.first<(User & { stale: boolean; endsInMs: number; seenMsAgo: number }) | undefined>(
        ...USER_COLUMNS,
        knex.raw(`s.last_seen_at < now() - interval '1 minute' as stale`),
        knex.raw(`(extract(epoch from s.expires_at - now()) * 1000)::float8 as "endsInMs"`),
        knex.raw(`(extract(epoch from now() - s.last_seen_at) * 1000)::float8 as "seenMsAgo"`),
      );
      if (!row) return undefined;
      const { stale, endsInMs, seenMsAgo, ...user } = row;
      if (stale) await knex('sessions').where('token_hash', tokenHash).update({ last_seen_at: knex.fn.now() });
      const idleLeftMs = idleMs > 0 ? idleMs - (stale ? 0 : seenMsAgo) : Infinity;
      sessions.keep(token, user, Math.min(endsInMs, idleLeftMs), generation);
      return user;
    },

    async endSession(token: string) {
      sessions.forget();
      await knex('sessions').where('token_hash', sha256(token)).delete();
      sessions.forget();
    },

    /** Ends every session but the one of `keepToken`; answers how many had not expired. */
    async endAllSessions(trx: Knex, keepToken?: string): Promise<number> {
      sessions.forget(trx);
      const query = trx('sessions');
      if (keepToken) query.whereNot('token_hash', sha256(keepToken));
      const live = await query.clone().andWhere('expires_at', '>', trx.fn.now()).count<{ count: string | number }[]>({ count: '*' });
      await query.delete();
      sessions.forget();
      return Number(live[0].count);
    },

    /** Ends the user's sessions that have not expired, but for the one of `keepToken`; answers how many. */
    async endSessions(userId: number, trx: Knex, keepToken?: string): Promise<number> {
      sessions.forget(trx);
      const query = trx('sessions').where('user_id', userId);
      if (keepToken) query.whereNot('token_hash', sha256(keepToken));
      const live = await query.clone().andWhere('expires_at', '>', trx.fn.now()).count<{ count: string | number }[]>({ count: '*' });
      await query.delete();
      sessions.forget();
      return Number(live[0].count);
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;

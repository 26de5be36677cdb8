import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { Role } from '@mpm/domain';

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Exclude<Role, 'public'>;
}

/** How long a sign-in lasts. */
const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

const USER_COLUMNS = ['id', 'username', 'display_name as displayName', 'role'] as const;

/** Accounts and their sessions. Password hashing is the caller's (see `passwords.ts`). */
export function createUsersRepository(knex: Knex) {
  return {
    async findForLogin(username: string) {
      return knex('users')
        .where({ username, disabled: false })
        .first<(User & { passwordHash: string }) | undefined>(...USER_COLUMNS, 'password_hash as passwordHash');
    },

    async create(user: Omit<User, 'id'> & { passwordHash: string }, trx: Knex = knex): Promise<User> {
      const [row] = await trx('users')
        .insert({
          username: user.username,
          display_name: user.displayName,
          role: user.role,
          password_hash: user.passwordHash,
        })
        .returning([...USER_COLUMNS]);
      return row as User;
    },

    async exists(username: string, trx: Knex = knex): Promise<boolean> {
      return Boolean(await trx('users').where({ username }).first('id'));
    },

    async list(): Promise<User[]> {
      return knex('users').select(...USER_COLUMNS).where({ disabled: false }).orderBy('id');
    },

    /** Starts a session; returns the cookie token (only its hash is stored). */
    async startSession(userId: number, trx: Knex = knex): Promise<{ token: string; expiresAt: Date }> {
      const token = crypto.randomBytes(32).toString('base64url');
      const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
      await trx('sessions').insert({ token_hash: sha256(token), user_id: userId, expires_at: expiresAt });
      return { token, expiresAt };
    },

    async userForSession(token: string): Promise<User | undefined> {
      return knex('sessions as s')
        .join('users as u', 'u.id', 's.user_id')
        .where('s.token_hash', sha256(token))
        .andWhere('s.expires_at', '>', knex.fn.now())
        .andWhere('u.disabled', false)
        .first<User | undefined>('u.id', 'u.username', 'u.display_name as displayName', 'u.role');
    },

    async endSession(token: string) {
      await knex('sessions').where('token_hash', sha256(token)).delete();
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;

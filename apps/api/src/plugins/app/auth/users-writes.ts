import type { Knex } from 'knex';
import type { CreateUserBody } from '@mpm/contracts';
import { UserError } from '../../../http/errors.ts';
import { auditedWrite } from '../audit/audited-write.ts';
import type { Repositories } from '../repositories.plugin.ts';
import { hashPassword } from './passwords.ts';
import type { User } from './users-repository.ts';

/** What a user-account write needs from the app. */
export interface UsersContext {
  knex: Knex;
  repos: Pick<Repositories, 'users' | 'audit'>;
}

const usernameTaken = (username: string) =>
  new UserError(409, 'usernameTaken', {
    zh: `用户名“${username}”已存在。`,
    en: `The user name "${username}" is taken.`,
  });

/** `POST /api/users`: a new staff account (the password stored only as its Argon2id hash). */
export async function createUser(context: UsersContext, body: CreateUserBody, adminId: number): Promise<User> {
  const { password, ...fields } = body;
  const { users } = context.repos;
  if (await users.exists(fields.username)) throw usernameTaken(fields.username);
  const passwordHash = await hashPassword(password);
  return auditedWrite(context, {
    by: adminId,
    action: 'create',
    entity: 'user',
    entityId: (created) => created.id,
    write: (trx) => users.create({ ...fields, passwordHash }, trx),
  });
}

/**
 * `POST /api/auth/login`, once the password is verified: starts a session, audited as a sign-in.
 * Returns the cookie token (only its hash is stored) and when it expires.
 */
export function startSession(context: UsersContext, userId: number): Promise<{ token: string; expiresAt: Date }> {
  return auditedWrite(context, {
    by: userId,
    action: 'login',
    entity: 'session',
    write: (trx) => context.repos.users.startSession(userId, trx),
    after: ({ expiresAt }) => ({ userId, expiresAt }),
  });
}

import type { Knex } from 'knex';
import {
  STAFF_ROLE_IDS,
  passwordProblem,
  type ChangePasswordBody,
  type CreateUserBody,
  type ResetPasswordResponse,
  type SignOutAllResponse,
  type SignOutEverywhereResponse,
  type StaffRole,
  type UpdateUserBody,
} from '@mpm/contracts';
import { auditedWrite, type ExpectedVersion } from '../audit/audited-write.ts';
import type { Repositories } from '../repositories.plugin.ts';
import { generatePassword, hashPassword, verifyPassword } from './passwords.ts';
import { DISPLAY_NAME_MAX, USER_PROBLEMS as P } from './users-reasons.ts';
import type { Account, AccountChange, User } from './users-repository.ts';

/** What a user-account write needs from the app. */
export interface UsersContext {
  knex: Knex;
  repos: Pick<Repositories, 'users' | 'audit'>;
}

const USERNAME = /^[A-Za-z0-9_.-]{2,32}$/;

const staffRole = (role: string): StaffRole => {
  if (!(STAFF_ROLE_IDS as readonly string[]).includes(role)) throw P.unknownRole(role);
  return role as StaffRole;
};

const displayName = (name: string): string => {
  const trimmed = name.trim();
  if (!trimmed) throw P.blankDisplayName();
  if ([...trimmed].length > DISPLAY_NAME_MAX) throw P.displayNameTooLong([...trimmed].length);
  return trimmed;
};

/** A password a user chooses: long enough, and neither the user name nor containing it (in any case). */
const newPassword = (password: string, username: string): string => {
  const problem = passwordProblem(password, username);
  if (problem) throw P[problem]();
  return password;
};

/** The account as its audit entries keep it: never its password hash. */
const audited = (account: Account) => ({
  username: account.username,
  displayName: account.displayName,
  role: account.role,
  active: account.active,
  mustChangePassword: account.mustChangePassword,
  version: account.version,
});

/** The account locked, and with `lockAdmins` the active admins' ids, locked first (one lock order, no deadlock). */
interface Locked {
  account: Account;
  activeAdmins: number[];
}

/**
 * One admin write to account `id`: the active admins locked first when the write may remove one,
 * then the account; 404 when there is none; a stale `baseVersion` refused with a 409 naming who
 * changed the account and when; one audit entry with the account before and after.
 */
function accountWrite<Result>(
  context: UsersContext,
  id: number,
  by: number,
  options: {
    action: string;
    baseVersion: number | undefined;
    lockAdmins?: boolean;
    write: (trx: Knex, locked: Locked) => Promise<Result>;
    detail?: (result: Result) => Record<string, unknown>;
  },
): Promise<Result> {
  const { users } = context.repos;
  const expected: ExpectedVersion<Locked> = {
    base: options.baseVersion,
    stamp: ({ account }) => ({ version: account.version, by: account.updatedBy, at: account.updatedAt }),
    label: ({ account }) => ({ zh: `用户“${account.username}”`, en: `User "${account.username}"` }),
  };
  return auditedWrite(context, {
    by,
    action: options.action,
    entity: 'user',
    entityId: id,
    read: async (trx) => {
      const activeAdmins = options.lockAdmins ? await users.lockActiveAdmins(trx) : [];
      const account = await users.lockAccount(id, trx);
      if (!account) throw P.userNotFound(id);
      return { account, activeAdmins };
    },
    expected,
    write: options.write,
    before: ({ account }) => audited(account),
    after: async (_result, trx) => audited((await users.account(id, trx))!),
    detail: options.detail,
  });
}

/** Refuses a write that would leave no active admin. */
function keepAnAdmin({ account, activeAdmins }: Locked, action: 'demote' | 'deactivate') {
  if (account.role === 'admin' && account.active && !activeAdmins.some((adminId) => adminId !== account.id)) throw P.lastAdmin(action);
}

/** `POST /api/users`: a new staff account (the password stored only as its Argon2id hash). */
export async function createUser(context: UsersContext, body: CreateUserBody, adminId: number): Promise<Account> {
  if (!USERNAME.test(body.username)) throw P.badUsername();
  const fields = { username: body.username, displayName: displayName(body.displayName), role: staffRole(body.role) };
  const { users } = context.repos;
  if (await users.exists(fields.username)) throw P.usernameTaken(fields.username);
  const passwordHash = await hashPassword(newPassword(body.password, fields.username));
  return auditedWrite(context, {
    by: adminId,
    action: 'create',
    entity: 'user',
    entityId: (created) => created.id,
    write: async (trx) => {
      if (await users.exists(fields.username, trx)) throw P.usernameTaken(fields.username);
      const { id } = await users.create({ ...fields, passwordHash, createdBy: adminId }, trx);
      return (await users.account(id, trx))!;
    },
    after: audited,
  });
}

/** `PATCH /api/users/:id`: a new role or display name; the last active admin keeps the role. */
export function updateUser(context: UsersContext, id: number, body: UpdateUserBody, adminId: number): Promise<Account> {
  const change: AccountChange = {
    ...(body.role !== undefined && { role: staffRole(body.role) }),
    ...(body.displayName !== undefined && { displayName: displayName(body.displayName) }),
  };
  if (Object.keys(change).length === 0) throw P.nothingToChange();
  return accountWrite(context, id, adminId, {
    action: 'update',
    baseVersion: body.baseVersion,
    lockAdmins: change.role !== undefined,
    write: async (trx, locked) => {
      if (change.role !== undefined && change.role !== 'admin') keepAnAdmin(locked, 'demote');
      await context.repos.users.update(id, change, adminId, trx);
      return (await context.repos.users.account(id, trx))!;
    },
  });
}

/**
 * `POST /api/users/:id/reset-password`: a generated password, answered this once and stored
 * only as its hash; the user must change it at the next sign-in, and their sessions end.
 */
export async function resetPassword(context: UsersContext, id: number, baseVersion: number, adminId: number): Promise<ResetPasswordResponse> {
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const { users } = context.repos;
  return accountWrite(context, id, adminId, {
    action: 'reset_password',
    baseVersion,
    write: async (trx) => {
      await users.update(id, { passwordHash, mustChangePassword: true }, adminId, trx);
      const sessionsEnded = await users.endSessions(id, trx);
      return { user: (await users.account(id, trx))!, password, sessionsEnded };
    },
    detail: ({ sessionsEnded }) => ({ sessionsEnded }),
  }).then(({ user }) => ({ user, password }));
}

/**
 * `POST /api/users/:id/deactivate` and `…/reactivate`. A deactivated user cannot sign in (nor
 * use HTTP Basic) and their sessions end; nobody deactivates themself, nor the last active admin.
 */
export function setActive(context: UsersContext, id: number, active: boolean, baseVersion: number, adminId: number): Promise<Account> {
  if (!active && id === adminId) throw P.cannotDeactivateSelf();
  const { users } = context.repos;
  return accountWrite(context, id, adminId, {
    action: active ? 'reactivate' : 'deactivate',
    baseVersion,
    lockAdmins: !active,
    write: async (trx, locked) => {
      if (locked.account.active === active) throw active ? P.alreadyActive(locked.account.username) : P.alreadyInactive(locked.account.username);
      if (!active) keepAnAdmin(locked, 'deactivate');
      await users.update(id, { active }, adminId, trx);
      const sessionsEnded = active ? 0 : await users.endSessions(id, trx);
      return { account: (await users.account(id, trx))!, sessionsEnded };
    },
    detail: ({ sessionsEnded }) => ({ sessionsEnded }),
  }).then(({ account }) => account);
}

/** `POST /api/users/:id/sign-out-everywhere`: ends every session of the user (the account itself is unchanged). */
export function signOutEverywhere(context: UsersContext, id: number, adminId: number): Promise<SignOutEverywhereResponse> {
  const { users } = context.repos;
  return accountWrite(context, id, adminId, {
    action: 'sign_out_everywhere',
    baseVersion: undefined,
    write: async (trx, { account }) => ({ user: account, sessionsEnded: await users.endSessions(id, trx) }),
    detail: ({ sessionsEnded }) => ({ sessionsEnded }),
  });
}

/**
 * `POST /api/users/sign-out-all`: an admin ends every session of every account (after a leak, a
 * lost phone, a change of staff), but their own, in one audited write.
 */
export function signOutAll(context: UsersContext, adminId: number, keepToken: string | undefined): Promise<SignOutAllResponse> {
  return auditedWrite(context, {
    by: adminId,
    action: 'sign_out_all',
    entity: 'user',
    write: async (trx) => ({ sessionsEnded: await context.repos.users.endAllSessions(trx, keepToken) }),
    detail: ({ sessionsEnded }) => ({ sessionsEnded }),
  });
}

/**
 * `POST /api/auth/password`: the user's own new password, given the current one. Clears a
 * reset's must-change flag and ends the user's other sessions (all of them when `keepToken` is
 * absent, as for HTTP Basic).
 */
export async function changeOwnPassword(context: UsersContext, user: User, body: ChangePasswordBody, keepToken: string | undefined): Promise<User> {
  const { users } = context.repos;
  const currentHash = await users.passwordHash(user.id);
  if (!currentHash || !(await verifyPassword(currentHash, body.currentPassword))) throw P.wrongCurrentPassword();
  newPassword(body.newPassword, user.username);
  if (await verifyPassword(currentHash, body.newPassword)) throw P.samePassword();
  const passwordHash = await hashPassword(body.newPassword);
  return accountWrite(context, user.id, user.id, {
    action: 'change_password',
    baseVersion: undefined,
    write: async (trx) => {
      await users.update(user.id, { passwordHash, mustChangePassword: false }, user.id, trx);
      const sessionsEnded = await users.endSessions(user.id, trx, keepToken);
      const { id, username, displayName: name, role, mustChangePassword } = (await users.account(user.id, trx))!;
      return { user: { id, username, displayName: name, role, mustChangePassword }, sessionsEnded };
    },
    detail: ({ sessionsEnded }) => ({ sessionsEnded }),
  }).then((result) => result.user);
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

import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isStaff, type Role } from '@mpm/domain';
import { UserError } from '../../../http/errors.ts';
import type { User } from './users-repository.ts';
import { USER_PROBLEMS } from './users-reasons.ts';
import { dummyPasswordHash, verifyPassword } from './passwords.ts';
import { SignInGuard } from './sign-in-guard.ts';
import { createSignInFailuresRepository } from './sign-in-failures-repository.ts';

export const SESSION_COOKIE = 'mpm_session';

declare module 'fastify' {
  interface FastifyInstance {
    /** Failed sign-ins held back per client address (HTTP Basic) and per account. */
    signInGuard: SignInGuard;
  }
  interface FastifyRequest {
    /** The signed-in user, or null for an anonymous visitor. */
    user: User | null;
  }
}

/** The role a request acts with: the user's, or `public`. */
export const roleOf = (request: FastifyRequest): Role => request.user?.role ?? 'public';
export const isStaffRequest = (request: FastifyRequest): boolean => isStaff(roleOf(request));

const unauthorized = () =>
  new UserError(401, 'unauthorized', { zh: '请先登录。', en: 'Please sign in.' });

/** A preHandler that lets any signed-in user through (even one who must change a reset password): 401 when anonymous. */
export function requireSignedIn() {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    if (!request.user) throw unauthorized();
  };
}

/**
 * A preHandler that lets only the given roles through: 401 when anonymous, 403 otherwise, and
 * 403 `passwordChangeRequired` while an admin's reset of the user's password stands unchanged.
 */
export function requireRole(...roles: Exclude<Role, 'public'>[]) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    if (!request.user) throw unauthorized();
    if (request.user.mustChangePassword) throw USER_PROBLEMS.passwordChangeRequired();
    if (!roles.includes(request.user.role)) {
      throw new UserError(403, 'forbidden', {
        zh: '当前账号的角色无权执行此操作。',
        en: 'Your role may not do this.',
      });
    }
  };
}

/**
 * Who is asking: a session cookie (browser), or HTTP Basic credentials (GDAL's USERPWD, QGIS),
 * checked against the same Argon2id hashes. Bad Basic credentials are a 401, never a silent
 * fallback to anonymous; their failures are held back as the login form's are (`SignInGuard`).
 */
export default fp<{ sessionIdleMs: number }>(
  async (app, { sessionIdleMs }) => {
    app.decorateRequest('user', null);
    app.decorate('signInGuard', new SignInGuard(createSignInFailuresRepository(app.knex)));
    app.addHook('onRequest', async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        request.user = (await app.repos.users.userForSession(token, sessionIdleMs)) ?? null;
        return;
      }
      const header = request.headers.authorization;
      if (header?.startsWith('Basic ')) {
        const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        const username = decoded.slice(0, colon);
        const password = decoded.slice(colon + 1);
        const hadFailures = await app.signInGuard.check(reply, username, request.ip);
        const account = colon > 0 ? await app.repos.users.findForLogin(username) : undefined;
        const ok = await verifyPassword(account?.passwordHash ?? (await dummyPasswordHash()), password);
        if (!account || !ok) {
          await app.signInGuard.failed(username, request.ip);
          throw unauthorized();
        }
        await app.signInGuard.succeeded(username, hadFailures);
        const { passwordHash: _omit, ...user } = account;
        request.user = user;
      }
    });
  },
  { name: 'auth', dependencies: ['repositories'] },
);

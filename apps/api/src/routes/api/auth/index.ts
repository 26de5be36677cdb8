import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ChangePasswordBody, LoginBody, MeResponse } from '@mpm/contracts';
import { UserError } from '../../../http/errors.ts';
import { SESSION_COOKIE, requireSignedIn } from '../../../plugins/app/auth/auth.plugin.ts';
import { dummyPasswordHash, verifyPassword } from '../../../plugins/app/auth/passwords.ts';
import { changeOwnPassword, startSession } from '../../../plugins/app/auth/users-writes.ts';

const auth: FastifyPluginAsyncTypebox<{ secureCookies: boolean }> = async (app, { secureCookies }) => {
  app.post(
    '/api/auth/login',
    {
      schema: { body: LoginBody, response: { 200: MeResponse } },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      // The route's own limit counts every try per address; an account failing again and again waits too.
      const hadFailures = await app.signInGuard.check(reply, username);
      const account = await app.repos.users.findForLogin(username);
      // Verify against a dummy hash for unknown users: same work, same answer, no hint.
      const ok = await verifyPassword(account?.passwordHash ?? (await dummyPasswordHash()), password);
      if (!account || !ok) {
        await app.signInGuard.failed(username);
        throw new UserError(401, 'badCredentials', {
          zh: '用户名或密码错误。',
          en: 'Wrong user name or password.',
        });
      }
      await app.signInGuard.succeeded(username, hadFailures);
      const { token, expiresAt } = await startSession(app, account.id);
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: secureCookies,
        expires: expiresAt,
      });
      const { passwordHash: _omit, ...user } = account;
      return { user };
    },
  );

  app.post('/api/auth/logout', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await app.repos.users.endSession(token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { user: null };
  });

  // Everyone's own password: the current one is asked (so as many tries as sign-in allows), the other sessions end.
  app.post(
    '/api/auth/password',
    {
      preHandler: requireSignedIn(),
      schema: { body: ChangePasswordBody, response: { 200: MeResponse } },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (request) => ({
      user: await changeOwnPassword(app, request.user!, request.body, request.cookies[SESSION_COOKIE]),
    }),
  );

  app.get('/api/auth/me', { schema: { response: { 200: MeResponse } } }, async (request) => ({
    user: request.user,
  }));
};
export default auth;

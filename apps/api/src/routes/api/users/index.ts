import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CreateUserBody,
  ResetPasswordResponse,
  SignOutAllResponse,
  SignOutEverywhereResponse,
  UpdateUserBody,
  UserAccount,
  UserIdParams,
  UsersResponse,
  UserVersionBody,
} from '@mpm/contracts';
import { SESSION_COOKIE, requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { createUser, resetPassword, setActive, signOutAll, signOutEverywhere, updateUser } from '../../../plugins/app/auth/users-writes.ts';

/** Staff accounts, managed by admins (用户管理). Every change but sign-out-everywhere sends the version it was based on. */
const users: FastifyPluginAsyncTypebox = async (app) => {
  const adminOnly = { preHandler: requireRole('admin') };
  const byId = { params: UserIdParams };

  app.get('/api/users', { ...adminOnly, schema: { response: { 200: UsersResponse } } }, async () => ({
    users: await app.repos.users.list(),
  }));

  app.post('/api/users', { ...adminOnly, schema: { body: CreateUserBody, response: { 201: UserAccount } } }, async (request, reply) =>
    reply.status(201).send(await createUser(app, request.body, request.user!.id)),
  );

  app.patch('/api/users/:id', { ...adminOnly, schema: { ...byId, body: UpdateUserBody, response: { 200: UserAccount } } }, async (request) =>
    updateUser(app, request.params.id, request.body, request.user!.id),
  );

  app.post(
    '/api/users/:id/reset-password',
    { ...adminOnly, schema: { ...byId, body: UserVersionBody, response: { 200: ResetPasswordResponse } } },
    async (request, reply) => {
      // The one answer that carries a password: no cache may keep it.
      reply.header('cache-control', 'no-store');
      return resetPassword(app, request.params.id, request.body.baseVersion, request.user!.id);
    },
  );

  app.post(
    '/api/users/:id/deactivate',
    { ...adminOnly, schema: { ...byId, body: UserVersionBody, response: { 200: UserAccount } } },
    async (request) => setActive(app, request.params.id, false, request.body.baseVersion, request.user!.id),
  );

  app.post(
    '/api/users/:id/reactivate',
    { ...adminOnly, schema: { ...byId, body: UserVersionBody, response: { 200: UserAccount } } },
    async (request) => setActive(app, request.params.id, true, request.body.baseVersion, request.user!.id),
  );

  app.post(
    '/api/users/:id/sign-out-everywhere',
    { ...adminOnly, schema: { ...byId, response: { 200: SignOutEverywhereResponse } } },
    async (request) => signOutEverywhere(app, request.params.id, request.user!.id),
  );

  // Everyone's sessions at once; the admin asking stays signed in.
  app.post('/api/users/sign-out-all', { ...adminOnly, schema: { response: { 200: SignOutAllResponse } } }, async (request) =>
    signOutAll(app, request.user!.id, request.cookies[SESSION_COOKIE]),
  );
};
export default users;

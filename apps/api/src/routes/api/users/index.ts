import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CreateUserBody,
  ResetPasswordResponse,
  SignOutEverywhereResponse,
  UpdateUserBody,
  UserAccount,
  UserIdParams,
  UsersResponse,
  UserVersionBody,
} from '@mpm/contracts';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { createUser, resetPassword, setActive, signOutEverywhere, updateUser } from '../../../plugins/app/auth/users-writes.ts';

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
};
export default users;

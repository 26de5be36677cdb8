import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import { CreateUserBody, UserView } from '@mpm/contracts';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { createUser } from '../../../plugins/app/auth/users-writes.ts';

/** Staff accounts, managed by admins. */
const users: FastifyPluginAsyncTypebox = async (app) => {
  const adminOnly = { preHandler: requireRole('admin') };

  app.get('/api/users', { ...adminOnly, schema: { response: { 200: Type.Object({ users: Type.Array(UserView) }) } } }, async () => ({
    users: await app.repos.users.list(),
  }));

  app.post('/api/users', { ...adminOnly, schema: { body: CreateUserBody, response: { 201: UserView } } }, async (request, reply) =>
    reply.status(201).send(await createUser(app, request.body, request.user!.id)),
  );
};
export default users;

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import { CreateUserBody, UserView } from '@mpm/contracts';
import { UserError } from '../../../http/errors.ts';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { hashPassword } from '../../../plugins/app/auth/passwords.ts';

/** Staff accounts, managed by admins. */
const users: FastifyPluginAsyncTypebox = async (app) => {
  const adminOnly = { preHandler: requireRole('admin') };

  app.get('/api/users', { ...adminOnly, schema: { response: { 200: Type.Object({ users: Type.Array(UserView) }) } } }, async () => ({
    users: await app.repos.users.list(),
  }));

  app.post('/api/users', { ...adminOnly, schema: { body: CreateUserBody, response: { 201: UserView } } }, async (request, reply) => {
    const { password, ...fields } = request.body;
    if (await app.repos.users.exists(fields.username)) {
      throw new UserError(409, 'username_taken', {
        zh: `用户名“${fields.username}”已存在。`,
        en: `The user name "${fields.username}" is taken.`,
      });
    }
    const passwordHash = await hashPassword(password);
    const user = await app.knex.transaction(async (trx) => {
      const created = await app.repos.users.create({ ...fields, passwordHash }, trx);
      await app.repos.audit.record(
        { userId: request.user!.id, action: 'create', entity: 'user', entityId: created.id, detail: { role: created.role } },
        trx,
      );
      return created;
    });
    return reply.status(201).send(user);
  });
};
export default users;

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { InboxResponse } from '@mpm/contracts';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { inboxFor } from '../../../plugins/app/inbox/inbox.ts';
import { createInboxRepository } from '../../../plugins/app/inbox/inbox-repository.ts';

/**
 * `GET /api/inbox` (待办, staff): what waits for this user, by their role — licences expiring
 * within the inspection window, overdue ledger entries and new tip-offs (巡查员, 管理员),
 * proposals waiting for a decision (审核员, 管理员); a data manager's is empty — each kind with
 * its count and first items.
 */
const inboxRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = createInboxRepository(app.repos);
  app.get(
    '/api/inbox',
    { preValidation: requireRole('inspector', 'planner', 'reviewer', 'dataManager', 'admin'), schema: { response: { 200: InboxResponse } } },
    async (request, reply) => {
      reply.header('cache-control', 'private, no-store');
      return inboxFor(repo, request.user!);
    },
  );
};
export default inboxRoutes;

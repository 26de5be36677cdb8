import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ProposalParams, ProposalStepBody, ProposalVersionView } from '@mpm/contracts';
import type { ProposalStep } from '@mpm/domain';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { takeProposalStep } from '../../../plugins/app/proposals/proposal-steps.ts';
import { versionView } from './proposal-views.ts';

/** The step each route takes, and who may ask (ownership and status are checked by the step). */
const ROUTES: { path: string; step: ProposalStep; roles: ('planner' | 'reviewer' | 'admin')[] }[] = [
  { path: 'submit', step: 'submit', roles: ['planner', 'admin'] },
  { path: 'withdraw', step: 'withdraw', roles: ['planner', 'admin'] },
  { path: 'approve', step: 'approve', roles: ['reviewer', 'admin'] },
  { path: 'return', step: 'return', roles: ['reviewer', 'admin'] },
];

/**
 * The proposal workflow: `POST /api/proposals/:id/submit` (送审, its creator or an admin, from
 * draft, returned or withdrawn), `…/withdraw` (撤回, its creator or an admin, while submitted),
 * `…/approve` (同意) and `…/return` (退回, with a comment) by a reviewer or an admin while
 * submitted (a reviewer never on a proposal they created or submitted), and `DELETE
 * /api/proposals/:id` (删除草稿, its creator or an admin, a draft never submitted; soft). Each
 * takes the `revision` the caller saw and answers the proposal as it now stands.
 */
const proposalSteps: FastifyPluginAsyncTypebox = async (app) => {
  const config = { rateLimit: { max: 60, timeWindow: '1 minute' } };
  const schema = { params: ProposalParams, body: ProposalStepBody, response: { 200: ProposalVersionView } };
  const context = () => ({ knex: app.knex, repos: app.repos, ruleset: app.ruleset, now: new Date() });

  for (const { path, step, roles } of ROUTES) {
    app.post(`/api/proposals/:id/${path}`, { preValidation: requireRole(...roles), config, schema }, async (request) =>
      versionView(await takeProposalStep(context(), request.params.id, step, request.body, request.user!), request),
    );
  }

  app.delete('/api/proposals/:id', { preValidation: requireRole('planner', 'admin'), config, schema }, async (request) =>
    versionView(await takeProposalStep(context(), request.params.id, 'delete', request.body, request.user!), request),
  );
};
export default proposalSteps;

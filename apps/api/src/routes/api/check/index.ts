import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CheckBody, CheckResponse } from '@mpm/contracts';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { runCheck } from '../../../plugins/app/checks/run-check.ts';

/**
 * `POST /api/check`: the authoritative check of a proposed block (GeoJSON or corner list)
 * against the county's layers and the ruleset. Planners, inspectors and admins.
 */
const check: FastifyPluginAsyncTypebox<{ checksPerMinute: number }> = async (app, { checksPerMinute }) => {
  app.post(
    '/api/check',
    {
      // Who may ask comes before what was asked: an anonymous caller learns nothing from a 400.
      preValidation: requireRole('planner', 'inspector', 'reviewer', 'admin'),
      config: { rateLimit: { max: checksPerMinute, timeWindow: '1 minute' } },
      schema: { body: CheckBody, response: { 200: CheckResponse } },
    },
    async (request) => runCheck({ repos: app.repos, ruleset: app.ruleset, now: new Date() }, request.body),
  );
};
export default check;

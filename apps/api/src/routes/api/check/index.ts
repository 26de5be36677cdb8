import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CheckBody, CheckQuery, CheckResponse } from '@mpm/contracts';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { runCheck } from '../../../plugins/app/checks/run-check.ts';
import { registerDay } from '../../../plugins/app/reports/china-time.ts';

/**
 * `POST /api/check`: the authoritative check of a proposed block (GeoJSON or corner list)
 * against the county's layers and the ruleset. Planners, inspectors and admins. `?asOf=YYYY-MM-DD`:
 * against the licence register as it stood at the end of that day.
 */
const check: FastifyPluginAsyncTypebox<{ checksPerMinute: number }> = async (app, { checksPerMinute }) => {
  app.post(
    '/api/check',
    {
      // Who may ask comes before what was asked: an anonymous caller learns nothing from a 400.
      preValidation: requireRole('planner', 'inspector', 'reviewer', 'admin'),
      config: { rateLimit: { max: checksPerMinute, timeWindow: '1 minute' } },
      schema: { body: CheckBody, querystring: CheckQuery, response: { 200: CheckResponse } },
    },
    async (request) => {
      const now = new Date();
      const { day, past } = registerDay(request.query.asOf, now);
      return runCheck({ repos: app.repos, ruleset: app.ruleset, now, ...(past && { asOf: day }) }, request.body);
    },
  );
};
export default check;

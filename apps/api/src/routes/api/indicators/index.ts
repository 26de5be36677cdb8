import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IndicatorsQuery, IndicatorsResponse } from '@mpm/contracts';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { planIndicators } from '../../../plugins/app/restoration/plan-indicators.ts';

/**
 * `GET /api/indicators?asOf=YYYY-MM-DD` (staff): the plan's indicators live from the rights data,
 * judged at the day asked (today by default; a day not yet past is today): a staged target takes
 * the step in force that day, and the licence register is read as it stood at the end of it.
 */
const indicators: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/indicators',
    {
      preValidation: requireRole('planner', 'inspector', 'reviewer', 'admin'),
      schema: { querystring: IndicatorsQuery, response: { 200: IndicatorsResponse } },
    },
    async (request) => planIndicators({ repos: app.repos, ruleset: app.ruleset }, new Date(), request.query.asOf),
  );
};
export default indicators;

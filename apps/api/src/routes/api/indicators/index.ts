import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IndicatorsResponse } from '@mpm/contracts';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { planIndicators } from '../../../plugins/app/restoration/plan-indicators.ts';

/** `GET /api/indicators` (staff): the plan's binding indicators today, live from the rights data. */
const indicators: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/indicators',
    { preValidation: requireRole('planner', 'inspector', 'reviewer', 'admin'), schema: { response: { 200: IndicatorsResponse } } },
    async () => planIndicators({ repos: app.repos, ruleset: app.ruleset }, new Date()),
  );
};
export default indicators;

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { RightsQuery, RightsResponse } from '@mpm/contracts';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { chinaToday } from '../../../plugins/app/reports/china-time.ts';

/**
 * `GET /api/rights?expiringWithinDays=N` (staff): the licence register, every mining and
 * exploration right with its state today (China time); N defaults to the county's setting.
 */
const rights: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/rights',
    {
      preValidation: requireRole('inspector', 'planner', 'reviewer', 'admin'),
      schema: { querystring: RightsQuery, response: { 200: RightsResponse } },
    },
    async (request) => {
      const expiringWithinDays = request.query.expiringWithinDays ?? (await app.repos.inspection.settings.get()).expiringWithinDays;
      return { expiringWithinDays, rights: await app.repos.inspection.rights.register({ day: chinaToday(new Date()), expiringWithinDays }) };
    },
  );
};
export default rights;

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { RulesResponse } from '@mpm/contracts';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { effectiveBuffers, effectiveIndicators } from '../../../plugins/app/settings/settings-repository.ts';

/**
 * `GET /api/rules`: the ruleset (with the county's indicator targets) and the county's effective
 * buffer widths, exactly what the browser's geometry engine needs to give the same verdicts as
 * the server. Staff only.
 */
const rules: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/rules',
    { preHandler: requireRole('planner', 'inspector', 'reviewer', 'admin'), schema: { response: { 200: RulesResponse } } },
    async () => ({
      ruleset: {
        ...app.ruleset,
        indicators: effectiveIndicators(app.ruleset.indicators, await app.repos.settings.indicatorTargets()),
      },
      buffers: effectiveBuffers(app.ruleset.bufferDefaults, await app.repos.settings.bufferWidths()),
    }),
  );
};
export default rules;

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { BufferSettingsPatch, BufferSettingsResponse, IndicatorSettingsResponse, IndicatorTargetsPatch } from '@mpm/contracts';
import type { PlanIndicatorTargets } from '@mpm/rules';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { effectiveBuffers, effectiveIndicators } from '../../../plugins/app/settings/settings-repository.ts';
import { setBufferWidths, setIndicatorTargets } from '../../../plugins/app/settings/settings-writes.ts';

/**
 * The county's buffer widths around the two lines (roads, railways, rivers) and its plan
 * indicator targets: staff read them, admins change them, without code; each change is audited
 * with the values before and after. Both apply to the next check.
 */
const settings: FastifyPluginAsyncTypebox = async (app) => {
  const { bufferDefaults: defaults, bufferLegalBasis: legalBasis } = app.ruleset;
  const { legalBasis: indicatorBasis, ...indicatorDefaults } = app.ruleset.indicators;
  /** The effective targets as the routes answer them: beside the ruleset's, with its legal basis once. */
  const indicatorSettings = ({ legalBasis: _basis, ...indicators }: PlanIndicatorTargets) => ({
    indicators,
    defaults: indicatorDefaults,
    legalBasis: indicatorBasis,
  });

  app.get(
    '/api/settings/buffers',
    { preHandler: requireRole('planner', 'inspector', 'admin'), schema: { response: { 200: BufferSettingsResponse } } },
    async () => ({ buffers: effectiveBuffers(defaults, await app.repos.settings.bufferWidths()), defaults, legalBasis }),
  );

  app.put(
    '/api/settings/buffers',
    {
      preValidation: requireRole('admin'),
      schema: { body: BufferSettingsPatch, response: { 200: BufferSettingsResponse } },
    },
    async (request) => ({
      buffers: await setBufferWidths(app, defaults, request.body, request.user!.id),
      defaults,
      legalBasis,
    }),
  );

  app.get(
    '/api/settings/indicators',
    { preHandler: requireRole('planner', 'inspector', 'admin'), schema: { response: { 200: IndicatorSettingsResponse } } },
    async () => indicatorSettings(effectiveIndicators(app.ruleset.indicators, await app.repos.settings.indicatorTargets())),
  );

  app.put(
    '/api/settings/indicators',
    {
      preValidation: requireRole('admin'),
      schema: { body: IndicatorTargetsPatch, response: { 200: IndicatorSettingsResponse } },
    },
    async (request) => indicatorSettings(await setIndicatorTargets(app, app.ruleset.indicators, request.body, request.user!.id)),
  );
};
export default settings;

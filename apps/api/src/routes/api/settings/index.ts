import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CountyProfile, CountyProfileResponse, BufferSettingsPatch, BufferSettingsResponse, IndicatorSettingsResponse, IndicatorTargetsPatch } from '@mpm/contracts';
import type { PlanIndicatorTargets } from '@mpm/rules';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { effectiveBuffers, effectiveIndicators } from '../../../plugins/app/settings/settings-repository.ts';
import { countyProfile } from '../../../plugins/app/settings/county-profile.ts';
import { setBufferWidths, setCountyProfile, setIndicatorTargets } from '../../../plugins/app/settings/settings-writes.ts';

/**
 * The county's profile (name, code, Gauss–Krüger zone: anyone reads it), its buffer widths around
 * the two lines (roads, railways, rivers) and its plan indicator targets (staff read them): admins
 * change them, without code; each change is audited with the values before and after. Widths and
 * targets apply to the next check.
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

  // The county's profile is public: the map names the county it shows.
  app.get('/api/settings/county', { schema: { response: { 200: CountyProfileResponse } } }, async () =>
    countyProfile(app.repos.settings),
  );

  app.put(
    '/api/settings/county',
    { preValidation: requireRole('admin'), schema: { body: CountyProfile, response: { 200: CountyProfileResponse } } },
    async (request) => ({ county: await setCountyProfile(app, request.body, request.user!.id), stored: true }),
  );

  app.get(
    '/api/settings/buffers',
    { preHandler: requireRole('planner', 'inspector', 'reviewer', 'admin'), schema: { response: { 200: BufferSettingsResponse } } },
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
    { preHandler: requireRole('planner', 'inspector', 'reviewer', 'admin'), schema: { response: { 200: IndicatorSettingsResponse } } },
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

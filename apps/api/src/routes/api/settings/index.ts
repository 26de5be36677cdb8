import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { BufferSettingsPatch, BufferSettingsResponse, IndicatorSettingsResponse, IndicatorTargetsPatch } from '@mpm/contracts';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import {
  BUFFERS_KEY,
  INDICATORS_KEY,
  effectiveBuffers,
  effectiveIndicators,
} from '../../../plugins/app/settings/settings-repository.ts';

/**
 * The county's buffer widths around the two lines (roads, railways, rivers) and its plan
 * indicator targets: staff read them, admins change them, without code; each change is audited
 * with the values before and after. Both apply to the next check.
 */
const settings: FastifyPluginAsyncTypebox = async (app) => {
  const { bufferDefaults: defaults, bufferLegalBasis: legalBasis } = app.ruleset;
  const { legalBasis: indicatorBasis, ...indicatorDefaults } = app.ruleset.indicators;
  const indicatorSettings = async (trx = app.knex) => {
    const { legalBasis: _basis, ...indicators } = effectiveIndicators(
      app.ruleset.indicators,
      await app.repos.settings.indicatorTargets(trx),
    );
    return { indicators, defaults: indicatorDefaults, legalBasis: indicatorBasis };
  };

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
    async (request) => {
      const buffers = await app.knex.transaction(async (trx) => {
        const before = effectiveBuffers(defaults, await app.repos.settings.bufferWidths(trx));
        await app.repos.settings.setBufferWidths(request.body, request.user!.id, trx);
        const after = effectiveBuffers(defaults, await app.repos.settings.bufferWidths(trx));
        await app.repos.audit.record(
          { userId: request.user!.id, action: 'update', entity: 'county_settings', entityId: BUFFERS_KEY, detail: { before, after } },
          trx,
        );
        return after;
      });
      return { buffers, defaults, legalBasis };
    },
  );

  app.get(
    '/api/settings/indicators',
    { preHandler: requireRole('planner', 'inspector', 'admin'), schema: { response: { 200: IndicatorSettingsResponse } } },
    async () => indicatorSettings(),
  );

  app.put(
    '/api/settings/indicators',
    {
      preValidation: requireRole('admin'),
      schema: { body: IndicatorTargetsPatch, response: { 200: IndicatorSettingsResponse } },
    },
    async (request) =>
      app.knex.transaction(async (trx) => {
        const before = (await indicatorSettings(trx)).indicators;
        await app.repos.settings.setIndicatorTargets(request.body, request.user!.id, trx);
        const after = await indicatorSettings(trx);
        await app.repos.audit.record(
          {
            userId: request.user!.id,
            action: 'update',
            entity: 'county_settings',
            entityId: INDICATORS_KEY,
            detail: { before, after: after.indicators },
          },
          trx,
        );
        return after;
      }),
  );
};
export default settings;

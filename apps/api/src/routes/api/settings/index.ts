import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { BufferSettingsPatch, BufferSettingsResponse } from '@mpm/contracts';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { BUFFERS_KEY, effectiveBuffers } from '../../../plugins/app/settings/settings-repository.ts';

/**
 * The county's buffer widths around the two lines (roads, railways, rivers): staff read them,
 * admins change them, without code; each change is audited with the widths before and after.
 */
const settings: FastifyPluginAsyncTypebox = async (app) => {
  const { bufferDefaults: defaults, bufferLegalBasis: legalBasis } = app.ruleset;

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
};
export default settings;

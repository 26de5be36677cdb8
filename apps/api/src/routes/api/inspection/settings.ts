import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { InspectionSettings } from '@mpm/contracts';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { INSPECTION_SETTINGS_KEY } from '../../../plugins/app/inspection/inspection-settings-repository.ts';

/** The county's inspection settings: staff read them, admins change them (audited, before and after). */
const settings: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/settings/inspection',
    { preValidation: requireRole('inspector', 'planner', 'admin'), schema: { response: { 200: InspectionSettings } } },
    async () => app.repos.inspection.settings.get(),
  );

  app.put(
    '/api/settings/inspection',
    { preValidation: requireRole('admin'), schema: { body: InspectionSettings, response: { 200: InspectionSettings } } },
    async (request) =>
      app.knex.transaction(async (trx) => {
        const before = await app.repos.inspection.settings.get(trx);
        await app.repos.inspection.settings.set(request.body, request.user!.id, trx);
        const after = await app.repos.inspection.settings.get(trx);
        await app.repos.audit.record(
          { userId: request.user!.id, action: 'update', entity: 'county_settings', entityId: INSPECTION_SETTINGS_KEY, detail: { before, after } },
          trx,
        );
        return after;
      }),
  );
};
export default settings;

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { InspectionSettings } from '@mpm/contracts';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { setInspectionSettings } from '../../../plugins/app/settings/settings-writes.ts';

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
    async (request) => setInspectionSettings(app, request.body, request.user!.id),
  );
};
export default settings;

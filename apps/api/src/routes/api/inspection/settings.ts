import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { InspectionSettingsBody, InspectionSettingsResponse } from '@mpm/contracts';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { INSPECTION_SETTINGS_KEY } from '../../../plugins/app/inspection/inspection-settings-repository.ts';
import { versionView } from '../../../plugins/app/settings/setting-version.ts';
import { setInspectionSettings } from '../../../plugins/app/settings/settings-writes.ts';

/**
 * The county's inspection settings: staff read them with their version, admins change them
 * (audited, before and after; a stale `baseVersion` is a 409).
 */
const settings: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/settings/inspection',
    { preValidation: requireRole('inspector', 'planner', 'admin'), schema: { response: { 200: InspectionSettingsResponse } } },
    async () => {
      const saved = await app.repos.settings.version(INSPECTION_SETTINGS_KEY);
      const value = await app.repos.inspection.settings.get();
      return { ...value, ...versionView(saved) };
    },
  );

  app.put(
    '/api/settings/inspection',
    { preValidation: requireRole('admin'), schema: { body: InspectionSettingsBody, response: { 200: InspectionSettingsResponse } } },
    async (request) => {
      const { baseVersion, ...value } = request.body;
      const { value: stored, saved } = await setInspectionSettings(app, value, request.user!.id, baseVersion);
      return { ...stored, ...versionView(saved) };
    },
  );
};
export default settings;

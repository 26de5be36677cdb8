import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { LicenceActBody, LicenceDetail, LicenceParams, LicencesQuery, LicencesResponse, RegisterLicenceBody } from '@mpm/contracts';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { LICENCE_PROBLEMS } from '../../../plugins/app/licences/licence-problems.ts';
import { licenceDetail } from '../../../plugins/app/licences/licence-detail.ts';
import { recordLicenceAct, registerLicence } from '../../../plugins/app/licences/licences-writes.ts';
import { registerDay } from '../../../plugins/app/reports/china-time.ts';

/**
 * The licence register (矿业权台账): `GET /api/licences` (staff) searches and filters it, as it
 * stands or as it stood at the end of a past day (`asOf`); `GET /api/licences/:collection/:id`
 * (staff) gives one right with its events and boundaries; `POST /api/licences` (admin) registers
 * a right (新立), from an approved proposal or a boundary; `POST …/:collection/:id/events`
 * (admin) records 延续, 变更, 停产整顿, 恢复生产 or 注销 on it.
 */
const licences: FastifyPluginAsyncTypebox = async (app) => {
  const staff = requireRole('inspector', 'planner', 'reviewer', 'admin');
  const config = { rateLimit: { max: 60, timeWindow: '1 minute' } };
  const context = () => ({ knex: app.knex, repos: app.repos, now: new Date() });

  app.get('/api/licences', { preValidation: staff, schema: { querystring: LicencesQuery, response: { 200: LicencesResponse } } }, async (request) => {
    const { asOf, ...filter } = request.query;
    const { day, past } = registerDay(asOf);
    const { expiringWithinDays } = await app.repos.inspection.settings.get();
    const rights = await app.repos.inspection.rights.register({ day, expiringWithinDays, historical: past, filter });
    return { asOf: day, expiringWithinDays, licences: rights };
  });

  app.get(
    '/api/licences/:collection/:id',
    { preValidation: staff, schema: { params: LicenceParams, response: { 200: LicenceDetail } } },
    async (request) => {
      const { collection, id } = request.params;
      const detail = await licenceDetail(context(), collection, id);
      if (!detail) throw LICENCE_PROBLEMS.notFound(collection, id);
      return detail;
    },
  );

  app.post(
    '/api/licences',
    { preValidation: requireRole('admin'), config, schema: { body: RegisterLicenceBody, response: { 200: LicenceDetail } } },
    async (request) => registerLicence(context(), request.body, request.user!),
  );

  app.post(
    '/api/licences/:collection/:id/events',
    { preValidation: requireRole('admin'), config, schema: { params: LicenceParams, body: LicenceActBody, response: { 200: LicenceDetail } } },
    async (request) => recordLicenceAct(context(), request.params.collection, request.params.id, request.body, request.user!),
  );
};
export default licences;

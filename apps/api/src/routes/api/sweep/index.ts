import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { RegisterIdParams, SweepLatestResponse, SweepLeadResponse, SweepRun, SweepSettingsBody, SweepSettingsResponse } from '@mpm/contracts';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { versionView } from '../../../plugins/app/settings/setting-version.ts';
import { setSweepSettings } from '../../../plugins/app/settings/settings-writes.ts';
import { SWEEP_SETTINGS_KEY } from '../../../plugins/app/sweep/sweep-repository.ts';
import { sweepDueAt } from '../../../plugins/app/sweep/sweep-schedule.ts';
import { findingToLead, runSweep, runView, type SweepContext } from '../../../plugins/app/sweep/sweep-writes.ts';
import registerRoutes from './registers.ts';

/**
 * The sweep of existing mines (存量矿山排查) for staff: `GET /api/sweep` the latest run with its
 * table and when the schedule runs next; `POST /api/sweep/runs` (inspector, admin) runs it now;
 * `POST /api/sweep/findings/:id/lead` turns one row into a ledger lead (once per right and
 * problem); `GET/PUT /api/sweep/settings` the schedule (admins change it). The sanction list and
 * the green-mine directory are in `registers.ts`.
 */
const sweep: FastifyPluginAsyncTypebox = async (app) => {
  const staff = requireRole('inspector', 'planner', 'reviewer', 'admin');
  const writers = { preValidation: requireRole('inspector', 'admin'), config: { rateLimit: { max: 30, timeWindow: '1 minute' } } };
  const context = (): SweepContext => ({ knex: app.knex, repos: app.repos, ruleset: app.ruleset, now: new Date() });

  await app.register(registerRoutes);

  app.get('/api/sweep', { preValidation: staff, schema: { response: { 200: SweepLatestResponse } } }, async () => {
    const now = new Date();
    const [run, { intervalDays }, due] = await Promise.all([runView(app.repos, undefined), app.repos.sweep.settings.get(), sweepDueAt(app.repos, now)]);
    return { run, intervalDays, nextDueAt: due?.toISOString() ?? null };
  });

  app.post('/api/sweep/runs', { ...writers, config: { ...writers.config, heavy: true }, schema: { response: { 201: SweepRun } } }, async (request, reply) =>
    reply.status(201).send(await runSweep(context(), request.user!)),
  );

  app.post(
    '/api/sweep/findings/:id/lead',
    { ...writers, schema: { params: RegisterIdParams, response: { 201: SweepLeadResponse } } },
    async (request, reply) => reply.status(201).send(await findingToLead(context(), request.params.id, request.user!)),
  );

  app.get('/api/sweep/settings', { preValidation: staff, schema: { response: { 200: SweepSettingsResponse } } }, async () => {
    const saved = await app.repos.settings.version(SWEEP_SETTINGS_KEY);
    return { ...(await app.repos.sweep.settings.get()), ...versionView(saved) };
  });

  app.put(
    '/api/sweep/settings',
    { preValidation: requireRole('admin'), schema: { body: SweepSettingsBody, response: { 200: SweepSettingsResponse } } },
    async (request) => {
      const { baseVersion, ...value } = request.body;
      const { value: stored, saved } = await setSweepSettings(app, value, request.user!.id, baseVersion);
      return { ...stored, ...versionView(saved) };
    },
  );
};
export default sweep;

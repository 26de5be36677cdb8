import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CalendarQuery,
  CalendarResponse,
  CampaignParams,
  CampaignTaskView,
  CampaignsResponse,
  CreateTaskBody,
  SubmitReportBody,
  SubmittedReportView,
  UpdateTaskBody,
} from '@mpm/contracts';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { calendarView, campaignsView } from '../../../plugins/app/campaigns/campaign-view.ts';
import { createTask, submitReport, updateTask, type CampaignContext } from '../../../plugins/app/campaigns/campaign-writes.ts';
import { chinaToday } from '../../../plugins/app/reports/china-time.ts';

/**
 * Campaigns (专项行动) for staff: their phases and tasks (责任单位, 完成时限, status, evidence), and
 * the reporting calendar (what is due and what is late on a day). Inspectors and admins update
 * tasks and record reports sent; admins add tasks; every staff member reads.
 */
const campaignRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const staff = { preValidation: requireRole('inspector', 'planner', 'reviewer', 'admin') };
  const writers = { preValidation: requireRole('inspector', 'admin') };
  const context = (): CampaignContext => ({ knex: app.knex, repos: app.repos, now: new Date() });

  app.get('/api/campaigns', { ...staff, schema: { response: { 200: CampaignsResponse } } }, async () =>
    campaignsView(app.repos.campaigns, chinaToday()),
  );

  app.get(
    '/api/campaigns/calendar',
    { ...staff, schema: { querystring: CalendarQuery, response: { 200: CalendarResponse } } },
    async (request) => calendarView(app.repos.campaigns, request.query.date ?? chinaToday()),
  );

  app.patch(
    '/api/campaigns/tasks/:id',
    { ...writers, schema: { params: CampaignParams, body: UpdateTaskBody, response: { 200: CampaignTaskView } } },
    async (request) => updateTask(context(), request.params.id, request.body, request.user!),
  );

  app.post(
    '/api/campaigns/:id/tasks',
    { preValidation: requireRole('admin'), schema: { params: CampaignParams, body: CreateTaskBody, response: { 201: CampaignTaskView } } },
    async (request, reply) => reply.status(201).send(await createTask(context(), request.params.id, request.body, request.user!)),
  );

  app.post(
    '/api/campaigns/:id/reports',
    { ...writers, schema: { params: CampaignParams, body: SubmitReportBody, response: { 201: SubmittedReportView } } },
    async (request, reply) => reply.status(201).send(await submitReport(context(), request.params.id, request.body, request.user!)),
  );
};
export default campaignRoutes;

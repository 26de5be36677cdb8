import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ElevationSurveyBody, ElevationSurveyView, RightSurveysResponse, SurveyLeadResponse, SurveyParams, SurveysParams } from '@mpm/contracts';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { recordSurvey, rightSurveys, surveyToLead } from '../../../plugins/app/depth/depth-writes.ts';

/**
 * Depth (超层越界, seeds 003 and 002): `GET /api/licences/mining_rights/:id/elevation-surveys`
 * (staff) gives the right's licensed range and its surveys; `POST` there (inspector, admin)
 * records a measured floor or face; `POST /api/elevation-surveys/:id/lead` turns a survey that
 * found 超层越界 into a ledger lead.
 */
const elevationSurveys: FastifyPluginAsyncTypebox = async (app) => {
  const staff = requireRole('inspector', 'planner', 'reviewer', 'admin');
  const writers = requireRole('inspector', 'admin');
  const config = { rateLimit: { max: 60, timeWindow: '1 minute' } };
  const context = () => ({ knex: app.knex, repos: app.repos, now: new Date() });

  app.get(
    '/api/licences/mining_rights/:id/elevation-surveys',
    { preValidation: staff, schema: { params: SurveysParams, response: { 200: RightSurveysResponse } } },
    async (request) => rightSurveys(app, request.params.id),
  );

  app.post(
    '/api/licences/mining_rights/:id/elevation-surveys',
    { preValidation: writers, config, schema: { params: SurveysParams, body: ElevationSurveyBody, response: { 201: ElevationSurveyView } } },
    async (request, reply) => reply.code(201).send(await recordSurvey(context(), request.params.id, request.body, request.user!)),
  );

  app.post(
    '/api/elevation-surveys/:id/lead',
    { preValidation: writers, config, schema: { params: SurveyParams, response: { 201: SurveyLeadResponse } } },
    async (request, reply) => reply.code(201).send(await surveyToLead(context(), request.params.id, request.user!)),
  );
};
export default elevationSurveys;

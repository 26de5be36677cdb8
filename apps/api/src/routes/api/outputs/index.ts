import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { OutputParams, OutputsParams, RecordOutputBody, RightOutputsResponse } from '@mpm/contracts';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { recordOutput, rightOutputs } from '../../../plugins/app/output/output-writes.ts';

/**
 * A mining right's yearly output and sales (产量、销量) as the bureau verified them (年度核实,
 * seed 004): `GET /api/licences/mining_rights/:id/outputs` (staff) gives the history with its
 * 超能力开采 findings; `PUT …/outputs/:year` (admin) records or replaces a year.
 */
const outputs: FastifyPluginAsyncTypebox = async (app) => {
  const staff = requireRole('inspector', 'planner', 'reviewer', 'admin');
  const config = { rateLimit: { max: 60, timeWindow: '1 minute' } };

  app.get(
    '/api/licences/mining_rights/:id/outputs',
    { preValidation: staff, schema: { params: OutputsParams, response: { 200: RightOutputsResponse } } },
    async (request) => rightOutputs(app, request.params.id),
  );

  app.put(
    '/api/licences/mining_rights/:id/outputs/:year',
    { preValidation: requireRole('admin'), config, schema: { params: OutputParams, body: RecordOutputBody, response: { 200: RightOutputsResponse } } },
    async (request) => recordOutput({ knex: app.knex, repos: app.repos, now: new Date() }, request.params.id, request.params.year, request.body, request.user!),
  );
};
export default outputs;

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  GreenMine,
  GreenMineBody,
  GreenMinesResponse,
  GreenMineUpdateBody,
  RegisterIdParams,
  Sanction,
  SanctionBody,
  SanctionsResponse,
  SanctionUpdateBody,
} from '@mpm/contracts';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import {
  createGreenMine,
  createSanction,
  greenMinesList,
  sanctionsList,
  updateGreenMine,
  updateSanction,
  type SweepRegistersContext,
} from '../../../plugins/app/sweep/sweep-registers-writes.ts';

/**
 * The sweep's registers: the sanction list (异常名录/严重违法失信名单, `/api/sanctions`) and the
 * green-mine directory (绿色矿山名录, `/api/green-mines`, exits kept and shown). Staff read them;
 * admins list, change and delist (audited; a stale `baseVersion` is a 409).
 */
const registers: FastifyPluginAsyncTypebox = async (app) => {
  const staff = requireRole('inspector', 'planner', 'reviewer', 'admin');
  const admin = { preValidation: requireRole('admin'), config: { rateLimit: { max: 60, timeWindow: '1 minute' } } };
  const context = (): SweepRegistersContext => ({ knex: app.knex, repos: app.repos, now: new Date() });

  app.get('/api/sanctions', { preValidation: staff, schema: { response: { 200: SanctionsResponse } } }, async () => ({
    sanctions: await sanctionsList(context()),
  }));
  app.post('/api/sanctions', { ...admin, schema: { body: SanctionBody, response: { 201: Sanction } } }, async (request, reply) =>
    reply.status(201).send(await createSanction(context(), request.body, request.user!)),
  );
  app.put('/api/sanctions/:id', { ...admin, schema: { params: RegisterIdParams, body: SanctionUpdateBody, response: { 200: Sanction } } }, async (request) =>
    updateSanction(context(), request.params.id, request.body, request.user!),
  );

  app.get('/api/green-mines', { preValidation: staff, schema: { response: { 200: GreenMinesResponse } } }, async () => ({
    greenMines: await greenMinesList(context()),
  }));
  app.post('/api/green-mines', { ...admin, schema: { body: GreenMineBody, response: { 201: GreenMine } } }, async (request, reply) =>
    reply.status(201).send(await createGreenMine(context(), request.body, request.user!)),
  );
  app.put(
    '/api/green-mines/:id',
    { ...admin, schema: { params: RegisterIdParams, body: GreenMineUpdateBody, response: { 200: GreenMine } } },
    async (request) => updateGreenMine(context(), request.params.id, request.body, request.user!),
  );
};
export default registers;

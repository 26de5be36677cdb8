import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PatchCollection, PatchFeature, PatchRoundBody, PatchesQuery } from '@mpm/contracts';
import { sendCollection } from '../../../http/streamed-collection.ts';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { classifiedPatches } from '../../../plugins/app/inspection/classified-patches.ts';
import { loadPatchRound } from '../../../plugins/app/inspection/patches-writes.ts';

/**
 * Change patches (卫片图斑), classified on the fly: staff read them (`?round=` for one detection
 * round, `?asOf=` against the licence register as it stood at the end of that day); inspectors and
 * admins load a round, all or nothing, and get its patches back classified.
 */
const patches: FastifyPluginAsyncTypebox = async (app) => {
  const tolerance = app.ruleset.sliverToleranceM2;

  app.get(
    '/api/patches',
    {
      preValidation: requireRole('inspector', 'planner', 'admin'),
      config: { heavy: true },
      schema: { querystring: PatchesQuery, response: { 200: PatchCollection } },
    },
    async (request, reply) =>
      sendCollection(reply, 200, await classifiedPatches(app.repos, tolerance, new Date(), request.query.round, request.query.asOf), PatchFeature),
  );

  app.post(
    '/api/patches',
    {
      preValidation: requireRole('inspector', 'admin'),
      config: { heavy: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { body: PatchRoundBody, response: { 201: PatchCollection } },
    },
    async (request, reply) => {
      await loadPatchRound({ knex: app.knex, repos: app.repos }, request.body, request.user!.id);
      return sendCollection(reply, 201, await classifiedPatches(app.repos, tolerance, new Date(), request.body.detectionRound), PatchFeature);
    },
  );
};
export default patches;

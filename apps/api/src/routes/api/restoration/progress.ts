import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ParcelParams, ProgressRecordBody, ProgressRecordView, ProgressRecordsResponse } from '@mpm/contracts';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { appendProgress, parcelNotFound } from '../../../plugins/app/restoration/restoration-writes.ts';

/**
 * A parcel's progress records: staff read them; inspectors and admins append one (never change
 * or delete), checked against the parcel's area and its latest record, audited with it.
 */
const progress: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/restoration/parcels/:id/progress',
    {
      preValidation: requireRole('planner', 'inspector', 'admin'),
      schema: { params: ParcelParams, response: { 200: ProgressRecordsResponse } },
    },
    async (request) => {
      const records = await app.repos.restoration.records(request.params.id);
      if (!records) throw parcelNotFound(request.params.id);
      return { records };
    },
  );

  app.post(
    '/api/restoration/parcels/:id/progress',
    {
      preValidation: requireRole('inspector', 'admin'),
      schema: { params: ParcelParams, body: ProgressRecordBody, response: { 201: ProgressRecordView } },
    },
    async (request, reply) =>
      reply.status(201).send(await appendProgress({ knex: app.knex, repos: app.repos, now: new Date() }, request.params.id, request.body, request.user!.id)),
  );
};
export default progress;

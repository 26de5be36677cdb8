import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ParcelParams, ProgressRecordBody, ProgressRecordView, ProgressRecordsResponse } from '@mpm/contracts';
import { badRequest, notFound } from '../../../http/errors.ts';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { chinaToday } from '../../../plugins/app/reports/china-time.ts';
import { validateProgress } from '../../../plugins/app/restoration/progress.validation.ts';

const parcelNotFound = (id: number) =>
  notFound('parcel_not_found', {
    zh: `没有编号为 ${id} 的恢复治理图斑。`,
    en: `There is no restoration parcel with id ${id}.`,
  });

const unknownPhoto = (id: number) =>
  badRequest('unknown_photo', {
    zh: `照片 ${id} 不存在，请先上传照片。`,
    en: `There is no photo ${id}; upload the photo first.`,
  });

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
    async (request, reply) => {
      const parcelId = request.params.id;
      const body = request.body;
      const userId = request.user!.id;
      const record = await app.knex.transaction(async (trx) => {
        const head = await app.repos.restoration.progressHead(parcelId, trx);
        if (!head) throw parcelNotFound(parcelId);
        const problem = validateProgress(body, head, chinaToday());
        if (problem) throw badRequest(problem.reason, problem.message);
        if (body.photoId !== undefined && !(await app.repos.restoration.photoExists(body.photoId, trx))) {
          throw unknownPhoto(body.photoId);
        }
        const id = await app.repos.restoration.append(parcelId, { ...body, recordedBy: userId }, trx);
        await app.repos.audit.record(
          { userId, action: 'create', entity: 'restoration_progress', entityId: id, detail: { parcelId, ...body } },
          trx,
        );
        const records = await app.repos.restoration.records(parcelId, trx);
        return records!.find((r) => r.id === id)!;
      });
      return reply.status(201).send(record);
    },
  );
};
export default progress;

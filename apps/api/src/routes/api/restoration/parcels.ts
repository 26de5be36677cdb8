import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AddParcelBody,
  EditParcelBody,
  MergeParcelsBody,
  ParcelDetail,
  ParcelParams,
  ParcelRegisterQuery,
  ParcelRegisterResponse,
  RetireParcelBody,
  SplitParcelBody,
  SplitParcelResponse,
} from '@mpm/contracts';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { parcelDetail } from '../../../plugins/app/restoration/parcel-detail.ts';
import { PARCEL_PROBLEMS } from '../../../plugins/app/restoration/parcel-problems.ts';
import { addParcel, editParcel, mergeParcels, retireParcel, splitParcel } from '../../../plugins/app/restoration/parcels-writes.ts';

/**
 * The restoration parcel register (恢复治理图斑台账): staff list the parcels (current ones by
 * default) and read one with its lineage and history; admins add, edit (attributes and boundary),
 * split, merge and withdraw parcels, each from the version they saw. Nothing is ever deleted:
 * split, merged and withdrawn parcels are retired, with their progress records.
 */
const parcels: FastifyPluginAsyncTypebox = async (app) => {
  const staff = requireRole('inspector', 'planner', 'reviewer', 'admin');
  const admin = requireRole('admin');
  const config = { rateLimit: { max: 60, timeWindow: '1 minute' } };
  const context = () => ({ knex: app.knex, repos: app.repos });

  app.get(
    '/api/restoration/register',
    { preValidation: staff, schema: { querystring: ParcelRegisterQuery, response: { 200: ParcelRegisterResponse } } },
    async (request) => ({ parcels: await app.repos.parcels.list(request.query) }),
  );

  app.get('/api/restoration/parcels/:id', { preValidation: staff, schema: { params: ParcelParams, response: { 200: ParcelDetail } } }, async (request) => {
    const detail = await parcelDetail(app.repos, request.params.id);
    if (!detail) throw PARCEL_PROBLEMS.notFound(request.params.id);
    return detail;
  });

  app.post(
    '/api/restoration/parcels',
    { preValidation: admin, config, schema: { body: AddParcelBody, response: { 201: ParcelDetail } } },
    async (request, reply) => reply.status(201).send(await addParcel(context(), request.body, request.user!)),
  );

  app.patch(
    '/api/restoration/parcels/:id',
    { preValidation: admin, config, schema: { params: ParcelParams, body: EditParcelBody, response: { 200: ParcelDetail } } },
    async (request) => editParcel(context(), request.params.id, request.body, request.user!),
  );

  app.post(
    '/api/restoration/parcels/:id/split',
    { preValidation: admin, config, schema: { params: ParcelParams, body: SplitParcelBody, response: { 200: SplitParcelResponse } } },
    async (request) => splitParcel(context(), request.params.id, request.body, request.user!),
  );

  app.post(
    '/api/restoration/parcels/merge',
    { preValidation: admin, config, schema: { body: MergeParcelsBody, response: { 201: ParcelDetail } } },
    async (request, reply) => reply.status(201).send(await mergeParcels(context(), request.body, request.user!)),
  );

  app.post(
    '/api/restoration/parcels/:id/retire',
    { preValidation: admin, config, schema: { params: ParcelParams, body: RetireParcelBody, response: { 200: ParcelDetail } } },
    async (request) => retireParcel(context(), request.params.id, request.body, request.user!),
  );
};
export default parcels;

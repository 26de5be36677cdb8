import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import {
  CreateLedgerEntryBody,
  HandoverBody,
  HandoverParams,
  HandoverResultBody,
  LedgerEntryView,
  LedgerListResponse,
  LedgerNoteBody,
  LedgerParams,
  LedgerQuery,
  LedgerTransitionBody,
  UpdateLedgerEntryBody,
} from '@mpm/contracts';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { LEDGER_PROBLEMS } from '../../../plugins/app/ledger/ledger-reasons.ts';
import { entryView, summaryView } from '../../../plugins/app/ledger/ledger-view.ts';
import { chinaToday } from '../../../plugins/app/reports/china-time.ts';
import {
  addNote,
  concludeHandover,
  createEntry,
  handOver,
  transitionEntry,
  updateEntry,
  type LedgerContext,
} from '../../../plugins/app/ledger/ledger-writes.ts';
import { createPhotoStore } from '../../../plugins/app/photos/photo-store.ts';
import exportRoutes from './export.ts';
import photoRoutes from './photos.ts';
import reportRoutes from './report.ts';

/** Where photos live and how large one may be. */
export interface PhotoOptions {
  photosDir: string;
  photoMaxBytes: number;
}

/**
 * The problem ledger (问题台账) for staff: entries from patches, site checks and tip-offs, their
 * workflow, notes, photos and exports. Inspectors and admins write; planners read and add notes
 * and photos. A write from a stale revision is refused with 409 `versionConflict`, naming who made the current revision and when.
 */
const ledger: FastifyPluginAsyncTypebox<PhotoOptions> = async (app, { photosDir, photoMaxBytes }) => {
  // Who may ask comes before what was asked: an anonymous caller learns nothing from a 400.
  const staff = { preValidation: requireRole('inspector', 'planner', 'admin') };
  const writers = {
    preValidation: requireRole('inspector', 'admin'),
    config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
  };
  const context = (): LedgerContext => ({ knex: app.knex, repos: app.repos, now: new Date() });

  const store = createPhotoStore(photosDir);
  await store.prepare();
  await app.register(multipart);
  await app.register(photoRoutes, { store, photoMaxBytes, context });
  await app.register(exportRoutes);
  await app.register(reportRoutes, { store });

  app.post(
    '/api/ledger',
    { ...writers, config: { ...writers.config, heavy: true }, schema: { body: CreateLedgerEntryBody, response: { 201: LedgerEntryView } } },
    async (request, reply) => reply.status(201).send(await createEntry(context(), request.body, request.user!)),
  );

  app.get(
    '/api/ledger',
    { ...staff, schema: { querystring: LedgerQuery, response: { 200: LedgerListResponse } } },
    async (request) => {
      const { limit = 200, offset = 0, ...filters } = request.query;
      const { total, rows } = await app.repos.ledger.list(filters, chinaToday(), limit, offset);
      return { total, entries: rows.map(summaryView) };
    },
  );

  app.get(
    '/api/ledger/:id',
    { ...staff, schema: { params: LedgerParams, response: { 200: LedgerEntryView } } },
    async (request) => {
      const view = await entryView(app.repos.ledger, request.params.id, chinaToday());
      if (!view) throw LEDGER_PROBLEMS.entryNotFound(request.params.id);
      return view;
    },
  );

  app.patch(
    '/api/ledger/:id',
    { ...writers, schema: { params: LedgerParams, body: UpdateLedgerEntryBody, response: { 200: LedgerEntryView } } },
    async (request) => updateEntry(context(), request.params.id, request.body, request.user!),
  );

  app.post(
    '/api/ledger/:id/transitions',
    { ...writers, schema: { params: LedgerParams, body: LedgerTransitionBody, response: { 200: LedgerEntryView } } },
    async (request) => transitionEntry(context(), request.params.id, request.body, request.user!),
  );

  app.post(
    '/api/ledger/:id/handovers',
    { ...writers, schema: { params: LedgerParams, body: HandoverBody, response: { 201: LedgerEntryView } } },
    async (request, reply) => reply.status(201).send(await handOver(context(), request.params.id, request.body, request.user!)),
  );

  app.post(
    '/api/ledger/:id/handovers/:handoverId/result',
    { ...writers, schema: { params: HandoverParams, body: HandoverResultBody, response: { 200: LedgerEntryView } } },
    async (request) =>
      concludeHandover(context(), request.params.id, request.params.handoverId, request.body, request.user!),
  );

  app.post(
    '/api/ledger/:id/notes',
    {
      ...staff,
      config: writers.config,
      schema: { params: LedgerParams, body: LedgerNoteBody, response: { 201: LedgerEntryView } },
    },
    async (request, reply) => reply.status(201).send(await addNote(context(), request.params.id, request.body, request.user!)),
  );
};
export default ledger;

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CreateProposalBody,
  ProposalListQuery,
  ProposalListResponse,
  ProposalParams,
  ProposalVersionParams,
  ProposalVersionView,
  ProposalVersionsResponse,
  UpdateProposalBody,
} from '@mpm/contracts';
import { areaReport } from '@mpm/geo';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import type { VersionSummaryRow } from '../../../plugins/app/proposals/proposals-repository.ts';
import { createProposal, proposalNotFound, saveProposalVersion, type SaveContext } from '../../../plugins/app/proposals/proposals-writes.ts';
import { versionView, workflow } from './proposal-views.ts';
import proposalSteps from './steps.ts';

const summaryTimes = (row: VersionSummaryRow) => ({
  areaKm2: areaReport(row.areaM2).areaKm2,
  worstOutcome: row.worstOutcome,
  at: new Date(row.createdAt).toISOString(),
});

/** A `from`/`to` day (China time) as the instant it starts or ends. */
const dayBound = (day: string | undefined, end: boolean) => (day === undefined ? undefined : `${day}T${end ? '23:59:59.999999' : '00:00:00'}+08:00`);

/**
 * Planners' saved proposals with their versions and workflow. Planners and admins write;
 * inspectors and reviewers read. A save from a stale copy is refused with 409
 * `versionConflict`, never silently merged. The steps (送审, 撤回, 同意, 退回, 删除) are in `steps.ts`.
 */
const proposals: FastifyPluginAsyncTypebox = async (app) => {
  // Who may ask comes before what was asked: an anonymous caller learns nothing from a 400.
  const readers = { preValidation: requireRole('planner', 'inspector', 'reviewer', 'admin') };
  const writers = {
    preValidation: requireRole('planner', 'admin'),
    config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
  };
  const context = (): SaveContext => ({ knex: app.knex, repos: app.repos, ruleset: app.ruleset, now: new Date() });

  await app.register(proposalSteps);

  app.post(
    '/api/proposals',
    { ...writers, schema: { body: CreateProposalBody, response: { 201: ProposalVersionView } } },
    async (request, reply) => reply.status(201).send(versionView(await createProposal(context(), request.body, request.user!), request)),
  );

  app.put(
    '/api/proposals/:id',
    { ...writers, schema: { params: ProposalParams, body: UpdateProposalBody, response: { 200: ProposalVersionView } } },
    async (request) => versionView(await saveProposalVersion(context(), request.params.id, request.body, request.user!), request),
  );

  app.get(
    '/api/proposals',
    { ...readers, schema: { querystring: ProposalListQuery, response: { 200: ProposalListResponse } } },
    async (request) => {
      const { limit = 100, offset = 0, status, mineral, ownerId, from, to, q } = request.query;
      const filter = { statuses: status, mineral, ownerId, from: dayBound(from, false), to: dayBound(to, true), text: q };
      const [{ total, rows }, owners] = await Promise.all([app.repos.proposals.list(filter, limit, offset), app.repos.proposals.owners()]);
      return {
        total,
        owners,
        proposals: rows.map((row) => {
          const { areaKm2, worstOutcome, at } = summaryTimes(row);
          const { id, name, currentVersion, mineral, createdBy, changedAt } = row;
          return {
            id,
            name,
            currentVersion,
            mineral,
            areaKm2,
            worstOutcome,
            updatedBy: createdBy,
            updatedAt: at,
            ...workflow(row),
            changedAt: new Date(changedAt).toISOString(),
          };
        }),
      };
    },
  );

  app.get(
    '/api/proposals/:id',
    { ...readers, schema: { params: ProposalParams, response: { 200: ProposalVersionView } } },
    async (request) => {
      const row = await app.repos.proposals.version(request.params.id);
      if (!row) throw proposalNotFound(request.params.id);
      return versionView(row, request);
    },
  );

  app.get(
    '/api/proposals/:id/versions',
    { ...readers, schema: { params: ProposalParams, response: { 200: ProposalVersionsResponse } } },
    async (request) => {
      const rows = await app.repos.proposals.history(request.params.id);
      if (rows.length === 0) throw proposalNotFound(request.params.id);
      const steps = await app.repos.proposals.events(request.params.id);
      return {
        id: rows[0].id,
        name: rows[0].name,
        status: rows[0].status,
        versions: rows.map((row) => {
          const { areaKm2, worstOutcome, at } = summaryTimes(row);
          const { version, mineral, capacity10ktPerYear, note, rulesetId, rulesetVersion, createdBy } = row;
          return { version, mineral, capacity10ktPerYear, areaKm2, note, worstOutcome, rulesetId, rulesetVersion, createdBy, createdAt: at };
        }),
        steps: steps.map((e) => ({ ...e, at: new Date(e.at).toISOString() })),
      };
    },
  );

  app.get(
    '/api/proposals/:id/versions/:version',
    { ...readers, schema: { params: ProposalVersionParams, response: { 200: ProposalVersionView } } },
    async (request) => {
      const { id, version } = request.params;
      const row = await app.repos.proposals.version(id, version);
      if (!row) throw (await app.repos.proposals.exists(id)) ? proposalNotFound(id, version) : proposalNotFound(id);
      return versionView(row, request);
    },
  );
};
export default proposals;

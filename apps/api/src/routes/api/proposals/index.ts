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
import type { VersionRow, VersionSummaryRow } from '../../../plugins/app/proposals/proposals-repository.ts';
import { createProposal, proposalNotFound, saveProposalVersion, type SaveContext } from '../../../plugins/app/proposals/proposals-writes.ts';

/** A stored version as the API serves it: areas in every unit, times as ISO strings. */
export const versionView = (row: VersionRow): ProposalVersionView => ({
  ...row,
  ...areaReport(row.areaM2),
  createdAt: new Date(row.createdAt).toISOString(),
});

const summaryTimes = (row: VersionSummaryRow) => ({
  areaKm2: areaReport(row.areaM2).areaKm2,
  worstOutcome: row.worstOutcome,
  at: new Date(row.createdAt).toISOString(),
});

/**
 * Planners' saved proposals with their versions. Planners and admins write; inspectors read.
 * A save from a stale copy is refused with 409 `versionConflict`, never silently merged.
 */
const proposals: FastifyPluginAsyncTypebox = async (app) => {
  // Who may ask comes before what was asked: an anonymous caller learns nothing from a 400.
  const readers = { preValidation: requireRole('planner', 'inspector', 'admin') };
  const writers = {
    preValidation: requireRole('planner', 'admin'),
    config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
  };
  const context = (): SaveContext => ({ knex: app.knex, repos: app.repos, ruleset: app.ruleset, now: new Date() });

  app.post(
    '/api/proposals',
    { ...writers, schema: { body: CreateProposalBody, response: { 201: ProposalVersionView } } },
    async (request, reply) => reply.status(201).send(versionView(await createProposal(context(), request.body, request.user!))),
  );

  app.put(
    '/api/proposals/:id',
    { ...writers, schema: { params: ProposalParams, body: UpdateProposalBody, response: { 200: ProposalVersionView } } },
    async (request) => versionView(await saveProposalVersion(context(), request.params.id, request.body, request.user!)),
  );

  app.get(
    '/api/proposals',
    { ...readers, schema: { querystring: ProposalListQuery, response: { 200: ProposalListResponse } } },
    async (request) => {
      const { limit = 100, offset = 0 } = request.query;
      const { total, rows } = await app.repos.proposals.list(limit, offset);
      return {
        total,
        proposals: rows.map((row) => {
          const { areaKm2, worstOutcome, at } = summaryTimes(row);
          const { id, name, currentVersion, mineral, createdBy } = row;
          return { id, name, currentVersion, mineral, areaKm2, worstOutcome, updatedBy: createdBy, updatedAt: at };
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
      return versionView(row);
    },
  );

  app.get(
    '/api/proposals/:id/versions',
    { ...readers, schema: { params: ProposalParams, response: { 200: ProposalVersionsResponse } } },
    async (request) => {
      const rows = await app.repos.proposals.history(request.params.id);
      if (rows.length === 0) throw proposalNotFound(request.params.id);
      return {
        id: rows[0].id,
        name: rows[0].name,
        versions: rows.map((row) => {
          const { areaKm2, worstOutcome, at } = summaryTimes(row);
          const { version, mineral, capacity10ktPerYear, note, rulesetId, createdBy } = row;
          return { version, mineral, capacity10ktPerYear, areaKm2, note, worstOutcome, rulesetId, createdBy, createdAt: at };
        }),
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
      return versionView(row);
    },
  );
};
export default proposals;

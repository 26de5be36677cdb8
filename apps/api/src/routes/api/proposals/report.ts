import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { CheckBody, CheckQuery, ProposalParams, ProposalReportQuery } from '@mpm/contracts';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { runCheck } from '../../../plugins/app/checks/run-check.ts';
import { proposalNotFound } from '../../../plugins/app/proposals/proposals-writes.ts';
import { chinaToday, registerDay } from '../../../plugins/app/reports/china-time.ts';
import { renderReport, type ReportContext } from '../../../plugins/app/reports/render-report.ts';

const sendPdf = (reply: FastifyReply, pdf: Buffer, filename: string) =>
  reply.type('application/pdf').header('content-disposition', `inline; filename="${filename}"`).send(pdf);

/**
 * The printable review report (拟设采矿权审查报告) as PDF: of a saved proposal version, checked
 * again against today's layers and the licence register as it stood when the version was saved
 * (at the end of that day, China time: the register's events are dated by day), or of an unsaved block (`POST /api/check/report?asOf=`, the body
 * and the day of `POST /api/check`; the report names the day whose licence register it read). Planners, inspectors, reviewers and admins. 503 when the server has no Chromium.
 */
const reports: FastifyPluginAsyncTypebox = async (app) => {
  const readers = {
    preValidation: requireRole('planner', 'inspector', 'reviewer', 'admin'),
    // Each report starts a renderer: a few a minute per client is plenty.
    config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
  };
  const context = (now: Date): ReportContext & { now: Date } => ({
    repos: app.repos,
    ruleset: app.ruleset,
    printer: app.pdfPrinter,
    now,
  });

  app.get(
    '/api/proposals/:id/report.pdf',
    { ...readers, schema: { params: ProposalParams, querystring: ProposalReportQuery } },
    async (request, reply) => {
      const { id } = request.params;
      const { version } = request.query;
      const row = await app.repos.proposals.version(id, version);
      if (!row) throw (await app.repos.proposals.exists(id)) ? proposalNotFound(id, version) : proposalNotFound(id);
      const now = new Date();
      const { day, past } = registerDay(chinaToday(new Date(row.createdAt)), now);
      const check = await runCheck({ repos: app.repos, ruleset: app.ruleset, now, ...(past && { asOf: day }) }, { geometry: row.geometry, proposal: row.proposal });
      const pdf = await renderReport(context(now), {
        check,
        proposal: row.proposal,
        fromCornerList: row.cornerListText !== null,
        saved: { ...row, createdAt: new Date(row.createdAt) },
      });
      return sendPdf(reply, pdf, `proposal-${id}-v${row.version}.pdf`);
    },
  );

  app.post('/api/check/report', { ...readers, schema: { body: CheckBody, querystring: CheckQuery } }, async (request, reply) => {
    const now = new Date();
    const { day, past } = registerDay(request.query.asOf, now);
    const check = await runCheck({ repos: app.repos, ruleset: app.ruleset, now, ...(past && { asOf: day }) }, request.body);
    const pdf = await renderReport(context(now), {
      check,
      proposal: request.body.proposal,
      fromCornerList: request.body.cornerList !== undefined,
    });
    return sendPdf(reply, pdf, 'check-report.pdf');
  });
};
export default reports;

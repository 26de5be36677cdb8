import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ProgressReportQuery } from '@mpm/contracts';
import { requestLanguage } from '../../../http/errors.ts';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { contentDisposition, renderProgressReport } from '../../../plugins/app/reports/progress-report.ts';

/**
 * `GET /api/reports/progress.pdf?period=month&year=2022&month=6` (`half=1|2` for a half-year):
 * the restoration progress report (月度进展报告 / 半年总结 / 年度总结) as a PDF to download, in
 * the page's language (`lang=zh|en`), else Chinese, or English for `Accept-Language: en`. Staff only; 503 when the server has no Chromium.
 */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/reports/progress.pdf',
    {
      preValidation: requireRole('inspector', 'planner', 'admin'),
      // Each report starts a renderer: a few a minute per client is plenty. Counted once the
      // request is signed in and valid, so neither anonymous calls nor typos use the quota up.
      config: { rateLimit: { max: 20, timeWindow: '1 minute', hook: 'preHandler' } },
      schema: { querystring: ProgressReportQuery },
    },
    async (request, reply) => {
      const context = { repos: app.repos, ruleset: app.ruleset, printer: app.pdfPrinter, now: new Date() };
      const report = await renderProgressReport(context, request.query, request.query.lang ?? requestLanguage(request));
      return reply.type('application/pdf').header('content-disposition', contentDisposition(report)).send(report.pdf);
    },
  );
};
export default routes;

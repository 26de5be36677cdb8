import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { LedgerParams, LedgerReportQuery } from '@mpm/contracts';
import { requestLanguage } from '../../../http/errors.ts';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { LEDGER_PROBLEMS } from '../../../plugins/app/ledger/ledger-reasons.ts';
import type { PhotoStore } from '../../../plugins/app/photos/photo-store.ts';
import { chinaToday } from '../../../plugins/app/reports/china-time.ts';
import { renderEntryReport } from '../../../plugins/app/reports/ledger-entry-report.ts';

/**
 * `GET /api/ledger/:id/report.pdf` (staff): one entry on one A4 page — its fields, a small map of
 * its site, its history (when in China time, labelled; who; what) and its photos as thumbnails,
 * in `?lang=` (the page's switch), else the request's language.
 * 503 when the server has no Chromium.
 */
const entryReport: FastifyPluginAsyncTypebox<{ store: PhotoStore }> = async (app, { store }) => {
  app.get(
    '/api/ledger/:id/report.pdf',
    {
      preValidation: requireRole('inspector', 'planner', 'admin'),
      // Each report starts a renderer: a few a minute per client is plenty.
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: { params: LedgerParams, querystring: LedgerReportQuery },
    },
    async (request, reply) => {
      const { id } = request.params;
      const lang = request.query.lang ?? requestLanguage(request);
      const { ledger } = app.repos;
      const entry = await ledger.entry(id, chinaToday());
      if (!entry) throw LEDGER_PROBLEMS.entryNotFound(id);
      const [history, photos] = [await ledger.history(id), await ledger.photos.forEntry(id)];
      const pdf = await renderEntryReport(
        { repos: app.repos, printer: app.pdfPrinter, photos: store, now: new Date() },
        { entry, history: history.map((event) => ({ ...event, at: new Date(event.at) })), photos },
        lang,
      );
      return reply.type('application/pdf').header('content-disposition', `inline; filename="ledger-${id}.pdf"`).send(pdf);
    },
  );
};
export default entryReport;

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { LedgerExportQuery } from '@mpm/contracts';
import { requestLanguage } from '../../../http/errors.ts';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { MAX_EXPORT_ROWS, attachmentHeader, ledgerCsv, ledgerWorkbook } from '../../../plugins/app/ledger/ledger-export.ts';
import { chinaToday } from '../../../plugins/app/reports/china-time.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * `GET /api/ledger/export.xlsx` and `.csv` (staff): every entry matching the list's filters,
 * headers and terms in `?lang=` (else the request's language), named `问题台账-<date>`.
 */
const ledgerExports: FastifyPluginAsyncTypebox = async (app) => {
  const options = {
    preValidation: requireRole('inspector', 'planner', 'admin'),
    config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: { querystring: LedgerExportQuery },
  };

  app.get('/api/ledger/export.xlsx', options, async (request, reply) => {
    const { lang = requestLanguage(request), ...filters } = request.query;
    const today = chinaToday();
    const rows = await app.repos.ledger.exportRows(filters, today, MAX_EXPORT_ROWS);
    return reply
      .type(XLSX)
      .header('Content-Disposition', attachmentHeader(lang, today, 'xlsx'))
      .header('Cache-Control', 'no-store')
      .send(await ledgerWorkbook(rows, lang));
  });

  app.get('/api/ledger/export.csv', options, async (request, reply) => {
    const { lang = requestLanguage(request), ...filters } = request.query;
    const today = chinaToday();
    const rows = await app.repos.ledger.exportRows(filters, today, MAX_EXPORT_ROWS);
    return reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', attachmentHeader(lang, today, 'csv'))
      .header('Cache-Control', 'no-store')
      .send(ledgerCsv(rows, lang));
  });
};
export default ledgerExports;

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { LedgerExportQuery } from '@mpm/contracts';
import { requestLanguage } from '../../../http/errors.ts';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { MAX_EXPORT_ROWS, attachmentHeader, ledgerCsv, ledgerWorkbook } from '../../../plugins/app/ledger/ledger-export.ts';
import { chinaToday } from '../../../plugins/app/reports/china-time.ts';
import type { HistoryEvent } from '../../../plugins/app/ledger/ledger-history.ts';
import type { EntryRow } from '../../../plugins/app/ledger/ledger-repository.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `?details=true`: each entry with its history, for the notes and history columns. */
const withHistories = async (repo: { histories(ids: readonly number[]): Promise<Map<number, HistoryEvent[]>> }, rows: EntryRow[], details: boolean) => {
  if (!details) return rows;
  const histories = await repo.histories(rows.map((row) => row.id));
  return rows.map((row) => ({ ...row, history: histories.get(row.id) ?? [] }));
};

/**
 * `GET /api/ledger/export.xlsx` and `.csv` (staff): every entry matching the list's filters,
 * headers and terms in `?lang=` (else the request's language), named `问题台账-<date>`;
 * `?details=true` adds each entry's notes and history (when in China time, who, what).
 */
const ledgerExports: FastifyPluginAsyncTypebox = async (app) => {
  const options = {
    preValidation: requireRole('inspector', 'planner', 'admin'),
    config: { heavy: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: { querystring: LedgerExportQuery },
  };

  app.get('/api/ledger/export.xlsx', options, async (request, reply) => {
    const { lang = requestLanguage(request), details = false, ...filters } = request.query;
    const today = chinaToday();
    const rows = await withHistories(app.repos.ledger, await app.repos.ledger.exportRows(filters, today, MAX_EXPORT_ROWS), details);
    return reply
      .type(XLSX)
      .header('Content-Disposition', attachmentHeader(lang, today, 'xlsx'))
      .header('Cache-Control', 'no-store')
      .send(await ledgerWorkbook(rows, lang, details));
  });

  app.get('/api/ledger/export.csv', options, async (request, reply) => {
    const { lang = requestLanguage(request), details = false, ...filters } = request.query;
    const today = chinaToday();
    const rows = await withHistories(app.repos.ledger, await app.repos.ledger.exportRows(filters, today, MAX_EXPORT_ROWS), details);
    return reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', attachmentHeader(lang, today, 'csv'))
      .header('Cache-Control', 'no-store')
      .send(ledgerCsv(rows, lang, details));
  });
};
export default ledgerExports;

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AuditListResponse, AuditQuery, AuditVerifyResponse } from '@mpm/contracts';
import { badRequest, requestLanguage } from '../../../http/errors.ts';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { chainMessage, verifyAuditLog } from '../../../plugins/app/audit/audit-verify.ts';

/** Entries a page shows unless asked otherwise. */
const DEFAULT_LIMIT = 100;

/** A `from`/`to` bound: a day (`YYYY-MM-DD`, China time: from its start, or to its end) or an instant. */
function bound(name: 'from' | 'to', raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  // A day of the calendar (not 2021-02-30), and years PostgreSQL has (there is no year 0).
  const inRange = (at: number) => !Number.isNaN(at) && new Date(at).getUTCFullYear() >= 1 && new Date(at).getUTCFullYear() <= 9999;
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) {
    const day = Date.parse(`${raw}T12:00:00Z`);
    if (inRange(day) && new Date(day).toISOString().startsWith(raw)) return name === 'from' ? `${raw}T00:00:00+08:00` : `${raw}T23:59:59.999999+08:00`;
  } else if (inRange(Date.parse(raw))) return new Date(raw).toISOString();
  throw badRequest('invalidDate', {
    zh: `${name} 须为日期（如 2026-12-05）或时刻（ISO 8601），收到“${raw}”。`,
    en: `${name} must be a date (e.g. 2026-12-05) or an ISO 8601 instant; got "${raw}".`,
  });
}

/**
 * The audit view (admins): every write, newest first, filtered by who, register, record and date,
 * each with the record before and after; and the verification of the log's hash chain.
 */
const audit: FastifyPluginAsyncTypebox = async (app) => {
  const admin = { preValidation: requireRole('admin') };

  app.get('/api/audit', { ...admin, schema: { querystring: AuditQuery, response: { 200: AuditListResponse } } }, async (request) => {
    const q = request.query;
    const limit = q.limit ?? DEFAULT_LIMIT;
    const [rows, entities] = await Promise.all([
      app.repos.audit.list({
        username: q.user,
        entity: q.entity,
        entityId: q.entityId,
        from: bound('from', q.from),
        to: bound('to', q.to),
        beforeId: q.before,
        limit,
      }),
      app.repos.audit.entities(),
    ]);
    return {
      entries: rows.map((r) => ({
        id: r.id,
        at: r.at,
        by: r.username ? { username: r.username, displayName: r.displayName } : null,
        action: r.action,
        entity: r.entity,
        entityId: r.entityId,
        detail: r.detail,
        hash: r.hash,
      })),
      next: rows.length === limit ? rows[rows.length - 1].id : null,
      entities,
    };
  });

  app.get('/api/audit/verify', { ...admin, schema: { response: { 200: AuditVerifyResponse } } }, async (request) => {
    const check = await verifyAuditLog(app.repos.audit);
    return { ok: check.broken === null, ...check, message: chainMessage(check)[requestLanguage(request)] };
  });
};
export default audit;

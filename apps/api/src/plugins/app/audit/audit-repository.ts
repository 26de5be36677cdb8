import type { Knex } from 'knex';

export interface AuditEntry {
  /** Who wrote; null for the system (boot, demo load) and anonymous visitors. */
  userId: number | null;
  action: string;
  entity: string;
  entityId?: string | number | null;
  detail?: Record<string, unknown>;
}

/** The append-only log of writes; call it inside the transaction of the write it records. */
export function createAuditRepository(knex: Knex) {
  return {
    async record(entry: AuditEntry, trx: Knex = knex) {
      await trx('audit_log').insert({
        user_id: entry.userId,
        action: entry.action,
        entity: entry.entity,
        entity_id: entry.entityId == null ? null : String(entry.entityId),
        detail: entry.detail ? JSON.stringify(entry.detail) : null,
      });
    },

    async list(limit: number, entity?: string) {
      const query = knex('audit_log as a')
        .leftJoin('users as u', 'u.id', 'a.user_id')
        .select('a.id', 'a.at', 'a.action', 'a.entity', 'a.entity_id as entityId', 'a.detail', 'u.username')
        .orderBy('a.id', 'desc')
        .limit(limit);
      if (entity) query.where('a.entity', entity);
      return query;
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;

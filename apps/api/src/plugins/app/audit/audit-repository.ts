import type { Knex } from 'knex';
import { isCollectionId, type CollectionId } from '@mpm/domain';
import { CHANGED_LAYERS_SETTING } from '../../../db/migrations/layer-revisions.ts';
import { GENESIS_HASH, entryHash, type StoredChainEntry } from './audit-chain.ts';

export interface AuditEntry {
  /** Who wrote; null for the system (boot, demo load) and anonymous visitors. */
  userId: number | null;
  action: string;
  entity: string;
  entityId?: string | number | null;
  detail?: Record<string, unknown>;
}

/** Advisory lock key held while an entry is chained: one writer at a time takes the next id and the head hash. */
const AUDIT_CHAIN_LOCK = 621_025_002;

/** `at` as the chain hashes it: UTC, to the microsecond the database keeps. */
const AT_UTC = `to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Entries walked per query when verifying. */
const VERIFY_PAGE = 1000;

/** Filters of the audit view: who, which register (entity) and record, and a time window. */
export interface AuditFilter {
  /** Who wrote (their user name). */
  username?: string;
  entity?: string;
  entityId?: string;
  /** Inclusive ISO instants. */
  from?: string;
  to?: string;
  /** Entries with an id below this one (the next page, newest first). */
  beforeId?: number;
  limit: number;
}

/** A row of `audit_log` with its chain columns, as the chain reads it. */
const chainColumns = (db: Knex) => [
  'id',
  db.raw(`${AT_UTC} AS at`),
  'user_id',
  'action',
  'entity',
  'entity_id',
  'detail',
  'prev_hash',
  'hash',
];

interface ChainRow {
  id: string | number;
  at: string;
  user_id: number | null;
  action: string;
  entity: string;
  entity_id: string | null;
  detail: unknown;
  prev_hash: string;
  hash: string;
}

const json = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);

/** A stored row as the chain reads it. */
export const chainEntry = (row: ChainRow): StoredChainEntry => ({
  id: String(row.id),
  at: row.at,
  userId: row.user_id === null ? null : Number(row.user_id),
  action: row.action,
  entity: row.entity,
  entityId: row.entity_id,
  detail: json(row.detail) ?? null,
  prevHash: row.prev_hash,
  hash: row.hash,
});

/** The append-only, hash-chained log of writes; call `record` inside the transaction of the write it records. */
export function createAuditRepository(knex: Knex) {
  /** Chains one entry after the current head; `trx` must be a transaction (the lock is held to its end). */
  async function chain(entry: AuditEntry, trx: Knex.Transaction) {
    await trx.raw('SELECT pg_advisory_xact_lock(?)', [AUDIT_CHAIN_LOCK]);
    const head = await trx.raw(
      `SELECT nextval(pg_get_serial_sequence('audit_log', 'id')) AS id,
              to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at,
              (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1) AS prev`,
    );
    const { id, at, prev } = head.rows[0] as { id: string | number; at: string; prev: string | null };
    // The detail as the database will give it back (JSON's own values only), so that the hash verifies.
    const detail = entry.detail === undefined ? null : (JSON.parse(JSON.stringify(entry.detail)) as unknown);
    const fields = {
      id: String(id),
      at,
      userId: entry.userId,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId == null ? null : String(entry.entityId),
      detail,
    };
    const prevHash = prev ?? GENESIS_HASH;
    await trx('audit_log').insert({
      id: fields.id,
      at,
      user_id: fields.userId,
      action: fields.action,
      entity: fields.entity,
      entity_id: fields.entityId,
      detail: detail === null ? null : JSON.stringify(detail),
      prev_hash: prevHash,
      hash: entryHash(prevHash, fields),
    });
  }

  return {
    /** The layers the transaction `trx` has changed so far, as its revision trigger noted them (migration 040). */
    async changedLayers(trx: Knex): Promise<CollectionId[]> {
      const { rows } = await trx.raw('SELECT current_setting(?, true) AS layers', [CHANGED_LAYERS_SETTING]);
      const noted: string = rows[0].layers ?? '';
      return [...new Set(noted.split(',').filter(isCollectionId))];
    },

    async record(entry: AuditEntry, trx: Knex = knex) {
      if (trx.isTransaction) await chain(entry, trx as Knex.Transaction);
      else await knex.transaction((t) => chain(entry, t));
    },

    /** Entries newest first, with who wrote them, filtered as the audit view asks. */
    async list(filter: AuditFilter) {
      const query = knex('audit_log as a')
        .leftJoin('users as u', 'u.id', 'a.user_id')
        .select(
          'a.id',
          knex.raw(`to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at`),
          'a.action',
          'a.entity',
          'a.entity_id as entityId',
          'a.detail',
          'a.hash',
          'u.username',
          'u.display_name as displayName',
        )
        .orderBy('a.id', 'desc')
        .limit(filter.limit);
      if (filter.username) query.where('u.username', filter.username);
      if (filter.entity) query.where('a.entity', filter.entity);
      if (filter.entityId) query.where('a.entity_id', filter.entityId);
      if (filter.from) query.where('a.at', '>=', filter.from);
      if (filter.to) query.where('a.at', '<=', filter.to);
      if (filter.beforeId !== undefined) query.where('a.id', '<', filter.beforeId);
      const rows = await query;
      return rows.map((r) => ({ ...r, id: Number(r.id), detail: json(r.detail) ?? null }));
    },

    /** The registers (entities) the log names, for the audit view's filter. */
    async entities(): Promise<string[]> {
      return (await knex('audit_log').distinct('entity').orderBy('entity')).map((r) => r.entity as string);
    },

    /** Every entry in id order, a page at a time, as the chain verifies them. */
    async *chainPages(): AsyncGenerator<StoredChainEntry[]> {
      let after: string | number = 0;
      for (;;) {
        const rows = (await knex('audit_log').select(chainColumns(knex)).where('id', '>', after).orderBy('id').limit(VERIFY_PAGE)) as ChainRow[];
        if (rows.length === 0) return;
        yield rows.map(chainEntry);
        after = rows[rows.length - 1].id;
      }
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;

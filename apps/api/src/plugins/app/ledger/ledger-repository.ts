import type { Knex } from 'knex';
import { addDays, FINAL_LEDGER_STATUSES, type HandoverDepartment, type LedgerSource, type LedgerStatus, type ViolationType } from '@mpm/domain';
import type { HandoverView, LedgerEvent, SiteLedgerEntry } from '@mpm/contracts';
import { geometryBox, growBox } from '@mpm/geo';
import { createPhotosRepository } from '../photos/photos-repository.ts';

/** The filters of the list and the exports. */
export interface LedgerFilters {
  status?: LedgerStatus;
  violationType?: ViolationType;
  townshipCode?: string;
  overdue?: boolean;
  source?: LedgerSource;
}

/** An entry as listed; `today` (China time) decides `overdue`. Dates are `YYYY-MM-DD`. */
export interface EntryRow {
  id: number;
  title: string;
  source: LedgerSource;
  status: LedgerStatus;
  violationType: ViolationType | null;
  townshipCode: string | null;
  townshipName: string | null;
  responsibleUnit: string | null;
  responsiblePerson: string | null;
  deadline: string | null;
  overdue: boolean;
  lon: number;
  lat: number;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

/** An entry in full. */
export interface EntryDetailRow extends EntryRow {
  geometry: GeoJSON.Point | GeoJSON.Polygon | GeoJSON.MultiPolygon;
  patchId: number | null;
  receiptHint: string | null;
  reporterContact: string | null;
  siteCard: unknown;
  rectificationMeasures: string | null;
}

/** A new entry as written; the township is derived here from the geometry. */
export interface NewEntry {
  title: string;
  source: LedgerSource;
  geometry: GeoJSON.Point | GeoJSON.Polygon | GeoJSON.MultiPolygon;
  patchId: number | null;
  violationType: ViolationType | null;
  responsibleUnit: string | null;
  responsiblePerson: string | null;
  rectificationMeasures: string | null;
  deadline: string | null;
  siteCard: unknown;
  receiptHash: string | null;
  receiptHint: string | null;
  reporterContact: string | null;
  createdBy: number | null;
}

/** One history event as written; `userId` null for a tip-off's reporter. */
export interface NewEvent {
  entryId: number;
  kind: LedgerEvent['kind'];
  from?: LedgerStatus | null;
  to?: LedgerStatus | null;
  note?: string | null;
  detail?: Record<string, unknown> | null;
  userId: number | null;
}

/** The entry row as locked for a change. */
export interface LockedEntry {
  id: number;
  title: string;
  status: LedgerStatus;
  revision: number;
  violationType: ViolationType | null;
  responsibleUnit: string | null;
  responsiblePerson: string | null;
  rectificationMeasures: string | null;
  deadline: string | null;
  /** Who made the current revision (display name; null for a tip-off's reporter) and when. */
  revisedBy: string | null;
  revisedAt: Date;
}

/** Editable details, by column. */
export interface EntryDetails {
  title?: string;
  violation_type?: ViolationType | null;
  responsible_unit?: string | null;
  responsible_person?: string | null;
  rectification_measures?: string | null;
  deadline?: string | null;
}

/** A new hand-over as written. */
export interface NewHandover {
  entryId: number;
  department: HandoverDepartment;
  receivingDepartment: string;
  handedOverOn: string;
  createdBy: number;
}

/** Ledger counts for a periodic report: entries by status (as of the day), source and type; hand-overs by department. */
export interface LedgerReportFigures {
  /** One row per (status on the day, source, violation type): entries made by then, and those made in the period. */
  entries: { status: LedgerStatus; source: LedgerSource; violationType: ViolationType | null; count: number; newInPeriod: number }[];
  /** Per department: cases handed over by the day, those concluded by then, those handed over in the period. */
  handovers: { department: HandoverDepartment; handedOver: number; concluded: number; inPeriod: number }[];
}

/** The events that make a new revision of an entry; notes and photos leave it as it was. */
const REVISING_EVENTS = `('created', 'transition', 'edit', 'handover', 'handoverResult')`;

const FINAL = FINAL_LEDGER_STATUSES.map((s) => `'${s}'`).join(', ');
/** Overdue: a deadline before today (bound as the one parameter) and a status that is not final. */
const OVERDUE = `coalesce(e.deadline < ?::date AND e.status NOT IN (${FINAL}), false)`;
/** The site's township: the one containing its centre (a polygon's point on surface). */
const TOWNSHIP_OF = `(SELECT a.admin_code FROM admin_areas a
   WHERE a.level = 'township' AND ST_Covers(a.geom, ST_PointOnSurface(ST_SetSRID(ST_GeomFromGeoJSON(?), 4490)))
   ORDER BY a.admin_code LIMIT 1)`;

/** History events (alias `v`), oldest first, as an entry's history shows them: `by` a display name, or `public`. */
const events = (db: Knex) =>
  db({ v: 'ledger_events' })
    .leftJoin({ u: 'users' }, 'u.id', 'v.user_id')
    .orderBy('v.id')
    .select('v.kind', 'v.from_status AS from', 'v.to_status AS to', 'v.note', db.raw(`coalesce(u.display_name, 'public') AS "by"`), 'v.at');

/** The problem ledger, its history and its photos: the only SQL about them. */
export function createLedgerRepository(knex: Knex) {
  const photos = createPhotosRepository(knex);

  const summaryColumns = (db: Knex, today: string) => [
    'e.id',
    'e.title',
    'e.source',
    'e.status',
    'e.violation_type AS violationType',
    'e.township_code AS townshipCode',
    'a.name AS townshipName',
    'e.responsible_unit AS responsibleUnit',
    'e.responsible_person AS responsiblePerson',
    db.raw(`to_char(e.deadline, 'YYYY-MM-DD') AS deadline`),
    db.raw(`${OVERDUE} AS overdue`, [today]),
    db.raw('ST_X(ST_PointOnSurface(e.geom))::float8 AS lon'),
    db.raw('ST_Y(ST_PointOnSurface(e.geom))::float8 AS lat'),
    'e.revision',
    'e.created_at AS createdAt',
    'e.updated_at AS updatedAt',
  ];

  const filtered = (db: Knex, filters: LedgerFilters, today: string) => {
    const query = db({ e: 'ledger_entries' }).leftJoin({ a: 'admin_areas' }, 'a.admin_code', 'e.township_code');
    if (filters.status) query.where('e.status', filters.status);
    if (filters.violationType) query.where('e.violation_type', filters.violationType);
    if (filters.townshipCode) query.where('e.township_code', filters.townshipCode);
    if (filters.source) query.where('e.source', filters.source);
    if (filters.overdue !== undefined) query.whereRaw(`${OVERDUE} = ?`, [today, filters.overdue]);
    return query;
  };

  return {
    photos,

    /** Adds an entry; returns its id and creation time. */
    async insertEntry(entry: NewEntry, trx: Knex): Promise<{ id: number; createdAt: Date }> {
      const geojson = JSON.stringify(entry.geometry);
      const [row] = await trx('ledger_entries')
        .insert({
          title: entry.title,
          source: entry.source,
          geom: trx.raw('ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(?), 4490))', [geojson]),
          township_code: trx.raw(TOWNSHIP_OF, [geojson]),
          patch_id: entry.patchId,
          violation_type: entry.violationType,
          responsible_unit: entry.responsibleUnit,
          responsible_person: entry.responsiblePerson,
          rectification_measures: entry.rectificationMeasures,
          deadline: entry.deadline,
          site_card: entry.siteCard === undefined ? null : JSON.stringify(entry.siteCard),
          receipt_hash: entry.receiptHash,
          receipt_hint: entry.receiptHint,
          reporter_contact: entry.reporterContact,
          created_by: entry.createdBy,
        })
        .returning(['id', 'created_at']);
      const { id, created_at: createdAt } = row as { id: number; created_at: Date };
      return { id: Number(id), createdAt };
    },

    /** Adds one event to an entry's history; never changes one. */
    async insertEvent(event: NewEvent, trx: Knex): Promise<void> {
      await trx('ledger_events').insert({
        entry_id: event.entryId,
        kind: event.kind,
        from_status: event.from ?? null,
        to_status: event.to ?? null,
        note: event.note ?? null,
        detail: event.detail ? JSON.stringify(event.detail) : null,
        user_id: event.userId,
      });
    },

    /** Locks the entry until `trx` ends, so two changes from one revision are decided in turn. */
    async lock(id: number, trx: Knex): Promise<LockedEntry | undefined> {
      return trx('ledger_entries')
        .where({ id })
        .forUpdate()
        .first(
          'id',
          'title',
          'status',
          'revision',
          'violation_type AS violationType',
          'responsible_unit AS responsibleUnit',
          'responsible_person AS responsiblePerson',
          'rectification_measures AS rectificationMeasures',
          trx.raw(`to_char(deadline, 'YYYY-MM-DD') AS deadline`),
          trx.raw(
            `(SELECT u.display_name FROM ledger_events ev LEFT JOIN users u ON u.id = ev.user_id
               WHERE ev.entry_id = ledger_entries.id AND ev.kind IN ${REVISING_EVENTS}
               ORDER BY ev.id DESC LIMIT 1) AS "revisedBy"`,
          ),
          trx.raw(
            `(SELECT ev.at FROM ledger_events ev
               WHERE ev.entry_id = ledger_entries.id AND ev.kind IN ${REVISING_EVENTS}
               ORDER BY ev.id DESC LIMIT 1) AS "revisedAt"`,
          ),
        );
    },

    /** Changes details and/or the status; `newRevision` when they changed, else only `updated_at`. */
    async update(id: number, changes: EntryDetails & { status?: LedgerStatus }, newRevision: boolean, trx: Knex): Promise<void> {
      await trx('ledger_entries')
        .where({ id })
        .update({ ...changes, updated_at: trx.fn.now(), ...(newRevision && { revision: trx.raw('revision + 1') }) });
    },

    /** Adds a hand-over (已移交); returns its id. */
    async insertHandover(handover: NewHandover, trx: Knex): Promise<number> {
      const [row] = await trx('ledger_handovers')
        .insert({
          entry_id: handover.entryId,
          department: handover.department,
          receiving_department: handover.receivingDepartment,
          handed_over_on: handover.handedOverOn,
          created_by: handover.createdBy,
        })
        .returning('id');
      return Number((row as { id: number }).id);
    },

    /** Records a hand-over's result (已办结). */
    async concludeHandover(id: number, result: { caseNumber: string; result: string; concludedOn: string }, trx: Knex): Promise<void> {
      await trx('ledger_handovers')
        .where({ id })
        .update({ status: 'concluded', case_number: result.caseNumber, result: result.result, concluded_on: result.concludedOn });
    },

    /** An entry's hand-overs, oldest first. */
    async handovers(entryId: number, db: Knex = knex): Promise<HandoverView[]> {
      return db('ledger_handovers')
        .where({ entry_id: entryId })
        .orderBy('id')
        .select(
          'id',
          'department',
          'receiving_department AS receivingDepartment',
          db.raw(`to_char(handed_over_on, 'YYYY-MM-DD') AS "handedOverOn"`),
          'status',
          'case_number AS caseNumber',
          'result',
          db.raw(`to_char(concluded_on, 'YYYY-MM-DD') AS "concludedOn"`),
        );
    },

    /**
     * The ledger as it stood at the end of `asOf` (China time), for a periodic report: each entry's
     * status from its history as of then, and the hand-overs by then; `from` opens the period.
     */
    async reportFigures(from: string, asOf: string): Promise<LedgerReportFigures> {
      const [start, end] = [`${from}T00:00:00+08:00`, `${addDays(asOf, 1)}T00:00:00+08:00`];
      const entries = await knex.raw(
        `WITH st AS (
           SELECT e.source, e.violation_type, e.created_at,
             (SELECT ev.to_status FROM ledger_events ev
               WHERE ev.entry_id = e.id AND ev.kind IN ('created', 'transition') AND ev.at < ?::timestamptz
               ORDER BY ev.id DESC LIMIT 1) AS status
           FROM ledger_entries e WHERE e.created_at < ?::timestamptz)
         SELECT status, source, violation_type AS "violationType", count(*)::int AS count,
           (count(*) FILTER (WHERE created_at >= ?::timestamptz))::int AS "newInPeriod"
         FROM st GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
        [end, end, start],
      );
      const handovers = await knex('ledger_handovers')
        .where('handed_over_on', '<=', asOf)
        .groupBy('department')
        .orderBy('department')
        .select(
          'department',
          knex.raw('count(*)::int AS "handedOver"'),
          knex.raw('(count(*) FILTER (WHERE concluded_on <= ?))::int AS concluded', [asOf]),
          knex.raw('(count(*) FILTER (WHERE handed_over_on >= ?))::int AS "inPeriod"', [from]),
        );
      return { entries: entries.rows, handovers };
    },

    /** Whether a change patch exists, and the entry already made from it (if any). */
    async patch(patchId: number, trx: Knex): Promise<{ exists: boolean; entryId: number | null }> {
      const patch = await trx('change_patches').where({ id: patchId }).first('id');
      const entry = await trx('ledger_entries').where({ patch_id: patchId }).first('id');
      return { exists: Boolean(patch), entryId: entry ? Number(entry.id) : null };
    },

    /** One entry in full, or undefined. */
    async entry(id: number, today: string, db: Knex = knex): Promise<EntryDetailRow | undefined> {
      const row = await filtered(db, {}, today)
        .where('e.id', id)
        .first(
          ...summaryColumns(db, today),
          db.raw('ST_AsGeoJSON(e.geom, 9, 0) AS geometry'),
          'e.patch_id AS patchId',
          'e.receipt_hint AS receiptHint',
          'e.reporter_contact AS reporterContact',
          'e.site_card AS siteCard',
          'e.rectification_measures AS rectificationMeasures',
        );
      return row ? { ...row, geometry: JSON.parse(row.geometry) } : undefined;
    },

    /** An entry's history, oldest first; `by` is a display name, or `public`. */
    async history(id: number, db: Knex = knex): Promise<(Omit<LedgerEvent, 'at'> & { at: Date })[]> {
      return events(db).where('v.entry_id', id);
    },

    /** The histories of the given entries, each oldest first (as {@link history}), for an export. */
    async histories(ids: readonly number[], db: Knex = knex): Promise<Map<number, (Omit<LedgerEvent, 'at'> & { at: Date })[]>> {
      const byEntry = new Map<number, (Omit<LedgerEvent, 'at'> & { at: Date })[]>();
      // In chunks: a bound parameter per id, and PostgreSQL takes at most 65 535 of them.
      for (let i = 0; i < ids.length; i += 10_000) {
        const rows = await events(db).whereIn('v.entry_id', ids.slice(i, i + 10_000)).select('v.entry_id AS entryId');
        for (const { entryId, ...event } of rows) {
          const id = Number(entryId);
          const list = byEntry.get(id) ?? [];
          if (list.length === 0) byEntry.set(id, list);
          list.push({ ...event, at: new Date(event.at) });
        }
      }
      return byEntry;
    },

    /** One page of entries, most recently changed first, and how many match. */
    async list(filters: LedgerFilters, today: string, limit: number, offset: number): Promise<{ total: number; rows: EntryRow[] }> {
      const [{ count }] = await filtered(knex, filters, today).count<{ count: string }[]>({ count: '*' });
      const rows = await filtered(knex, filters, today)
        .select(...summaryColumns(knex, today))
        .orderBy([
          { column: 'e.updated_at', order: 'desc' },
          { column: 'e.id', order: 'desc' },
        ])
        .limit(limit)
        .offset(offset);
      return { total: Number(count), rows };
    },

    /** Every matching entry (at most `max`), by id, for an export. */
    async exportRows(filters: LedgerFilters, today: string, max: number): Promise<EntryRow[]> {
      return filtered(knex, filters, today).select(...summaryColumns(knex, today)).orderBy('e.id').limit(max);
    },

    /**
     * The entries whose site lies within `withinM` metres of `site` (ellipsoidal), nearest first,
     * at most `limit`: the GiST index takes the site's box grown by `withinM` (`&&`), then the
     * exact test.
     */
    async near(site: GeoJSON.Point | GeoJSON.Polygon | GeoJSON.MultiPolygon, withinM: number, limit: number): Promise<SiteLedgerEntry[]> {
      const geometry = knex.raw('ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(?), 4490))::geography', [JSON.stringify(site)]);
      const result = await knex.raw(
        `SELECT e.id, e.title, e.violation_type AS "violationType", e.status, ST_Distance(e.geom::geography, s.g)::float8 AS "distanceM"
           FROM ledger_entries e, (SELECT ? AS g) s
          WHERE e.geom && ST_MakeEnvelope(?, ?, ?, ?, 4490) AND ST_DWithin(e.geom::geography, s.g, ?)
          ORDER BY "distanceM", e.id
          LIMIT ?`,
        [geometry, ...growBox(geometryBox(site), withinM), withinM, limit],
      );
      return result.rows as SiteLedgerEntry[];
    },

    /** A tip-off by the hash of its receipt code: its status and the status steps, oldest first. */
    async tipOff(receiptHash: string): Promise<
      { status: LedgerStatus; createdAt: Date; updatedAt: Date; steps: { status: LedgerStatus; at: Date }[] } | undefined
    > {
      const entry = await knex('ledger_entries')
        .where({ receipt_hash: receiptHash })
        .first('id', 'status', 'created_at AS createdAt', 'updated_at AS updatedAt');
      if (!entry) return undefined;
      const steps = await knex('ledger_events')
        .where({ entry_id: entry.id })
        .whereIn('kind', ['created', 'transition'])
        .orderBy('id')
        .select('to_status AS status', 'at');
      return { status: entry.status, createdAt: entry.createdAt, updatedAt: entry.updatedAt, steps };
    },
  };
}

export type LedgerRepository = ReturnType<typeof createLedgerRepository>;

import type { Knex } from 'knex';
import type { Mineral, ProposalStatus, ProposalStep } from '@mpm/domain';
import type { BlockGeometry, Outcome, Proposal } from '@mpm/rules';

/** A version as written: the checked block (EPSG:4490 lon/lat) and what the planner stated. */
export interface VersionInput {
  proposalId: number;
  version: number;
  geometry: BlockGeometry;
  proposal: Proposal;
  cornerListText: string | null;
  cornerListZone: number | null;
  note: string | null;
  worstOutcome: Outcome | null;
  rulesetId: string;
  /** The version of the ruleset's register the check ran under. */
  rulesetVersion: number;
  createdBy: number;
}

/** Where the proposal stands in its workflow, as every read of it says. */
export interface WorkflowColumns {
  status: ProposalStatus;
  /** Counts every write to the proposal (a version saved, a step taken). */
  revision: number;
  ownerId: number;
  ownerName: string;
  grantedLicenceNo: string | null;
  /** Who took the last `submit` step; null when never submitted. */
  submittedById: number | null;
}

/** A stored version with its proposal's name, its area (ellipsoidal, m²) and its author. */
export interface VersionRow extends WorkflowColumns {
  id: number;
  name: string;
  version: number;
  currentVersion: number;
  geometry: GeoJSON.MultiPolygon;
  proposal: Proposal;
  cornerListText: string | null;
  cornerListZone: number | null;
  note: string | null;
  areaM2: number;
  worstOutcome: Outcome | null;
  rulesetId: string;
  /** Null for a version saved before the ruleset had versions. */
  rulesetVersion: number | null;
  createdBy: string;
  createdAt: Date;
}

/** A version in a history or a list, without its geometry. */
export interface VersionSummaryRow extends WorkflowColumns {
  id: number;
  name: string;
  currentVersion: number;
  version: number;
  mineral: Mineral;
  capacity10ktPerYear: number;
  note: string | null;
  areaM2: number;
  worstOutcome: Outcome | null;
  rulesetId: string;
  /** Null for a version saved before the ruleset had versions. */
  rulesetVersion: number | null;
  createdBy: string;
  createdAt: Date;
  /** When the proposal last changed (a save or a step). */
  changedAt: Date;
}

/** The proposal row as locked for a save or a step, with who changed it last and when. */
export interface LockedProposal extends WorkflowColumns {
  id: number;
  name: string;
  currentVersion: number;
  updatedBy: string;
  updatedAt: Date;
}

/** One step as written. */
export interface EventInput {
  proposalId: number;
  step: ProposalStep;
  fromStatus: ProposalStatus;
  toStatus: ProposalStatus;
  version: number;
  comment: string | null;
  licenceNo: string | null;
  createdBy: number;
}

/** One step of a proposal's history, with its author's display name. */
export interface EventRow extends Omit<EventInput, 'proposalId' | 'createdBy'> {
  by: string;
  at: Date;
}

/** What the proposal list is filtered by (all optional); `from`/`to` are instants. */
export interface ListFilter {
  statuses?: ProposalStatus[];
  mineral?: Mineral;
  ownerId?: number;
  from?: string;
  to?: string;
  text?: string;
}

/** Who took the latest `submit` step of `p`. */
const SUBMITTED_BY =
  "(SELECT e.created_by FROM proposal_events e WHERE e.proposal_id = p.id AND e.step = 'submit' ORDER BY e.id DESC LIMIT 1)";

/** A LIKE pattern matching `text` anywhere, its wildcards taken literally. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Columns shared by summaries and full versions (aliases `p` proposals, `v` versions, `u` users). */
const SUMMARY_COLUMNS = [
  'p.id',
  'p.name',
  'p.current_version AS currentVersion',
  'v.version',
  'v.mineral',
  'v.capacity_10kt_per_year AS capacity10ktPerYear',
  'v.note',
  'v.worst_outcome AS worstOutcome',
  'v.ruleset_id AS rulesetId',
  'v.ruleset_version AS rulesetVersion',
  'u.display_name AS createdBy',
  'v.created_at AS createdAt',
  'p.updated_at AS changedAt',
  'p.status',
  'p.revision',
  'p.created_by AS ownerId',
  'o.display_name AS ownerName',
  'p.granted_licence_no AS grantedLicenceNo',
];

/** Proposals and their append-only versions: the only SQL about them. */
export function createProposalsRepository(knex: Knex) {
  const area = knex.raw('ST_Area(v.geom::geography)::float8 AS "areaM2"');
  const submittedBy = (db: Knex) => db.raw(`${SUBMITTED_BY} AS "submittedById"`);
  const versions = (db: Knex = knex) =>
    db({ v: 'proposal_versions' })
      .join({ p: 'proposals' }, 'p.id', 'v.proposal_id')
      .join({ u: 'users' }, 'u.id', 'v.created_by')
      .join({ o: 'users' }, 'o.id', 'p.created_by');

  /** The current versions matching `filter` (deleted proposals only when their status is asked for). */
  function matching(filter: ListFilter) {
    const q = versions().whereRaw('v.version = p.current_version');
    if (filter.statuses?.length) q.whereIn('p.status', filter.statuses);
    else q.whereNot('p.status', 'deleted');
    if (filter.mineral) q.where('v.mineral', filter.mineral);
    if (filter.ownerId !== undefined) q.where('p.created_by', filter.ownerId);
    if (filter.from) q.where('p.updated_at', '>=', filter.from);
    if (filter.to) q.where('p.updated_at', '<=', filter.to);
    const text = filter.text?.trim();
    if (text) {
      const like = containing(text);
      q.where((w) =>
        w
          .where('p.name', 'ilike', like)
          .orWhere('v.holder', 'ilike', like)
          .orWhere('v.licence_no', 'ilike', like)
          .orWhere('p.granted_licence_no', 'ilike', like),
      );
    }
    return q;
  }

  return {
    /** Creates the proposal row (version 1 follows with {@link insertVersion}); returns its id. */
    async insertProposal(name: string, createdBy: number, trx: Knex): Promise<number> {
      const [row] = await trx('proposals').insert({ name, created_by: createdBy, updated_by: createdBy, current_version: 1 }).returning('id');
      return Number((row as { id: number }).id);
    },

    /** Adds one version; never updates one. */
    async insertVersion(input: VersionInput, trx: Knex): Promise<void> {
      const { proposal } = input;
      await trx('proposal_versions').insert({
        proposal_id: input.proposalId,
        version: input.version,
        geom: trx.raw('ST_Multi(ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(?), 4490)))', [JSON.stringify(input.geometry)]),
        mineral: proposal.mineral,
        capacity_10kt_per_year: proposal.capacity10ktPerYear,
        right_kind: proposal.rightKind,
        holder: proposal.holder ?? null,
        scale_class: proposal.scaleClass ?? null,
        licence_no: proposal.licenceNo ?? null,
        corner_list_text: input.cornerListText,
        corner_list_zone: input.cornerListZone,
        note: input.note,
        worst_outcome: input.worstOutcome,
        ruleset_id: input.rulesetId,
        ruleset_version: input.rulesetVersion,
        created_by: input.createdBy,
      });
    },

    /**
     * Locks the proposal row until `trx` ends (`SELECT … FOR UPDATE`), so two saves from the
     * same base version are decided one after the other. Undefined when there is no such proposal.
     */
    async lockForSave(id: number, trx: Knex): Promise<LockedProposal | undefined> {
      // Locked alone first: PostgreSQL refuses FOR UPDATE beside the subquery and the joins.
      const locked = await trx('proposals').where({ id }).forUpdate().first('id');
      if (!locked) return undefined;
      return trx({ p: 'proposals' })
        .join({ o: 'users' }, 'o.id', 'p.created_by')
        .join({ w: 'users' }, 'w.id', 'p.updated_by')
        .where('p.id', id)
        .first(
          'p.id',
          'p.name',
          'p.current_version AS currentVersion',
          'p.status',
          'p.revision',
          'p.created_by AS ownerId',
          'o.display_name AS ownerName',
          'p.granted_licence_no AS grantedLicenceNo',
          'w.display_name AS updatedBy',
          'p.updated_at AS updatedAt',
          submittedBy(trx),
        );
    },

    /** Makes `version` the current one and renames the proposal: a write by `by`, so the revision moves on. */
    async setCurrentVersion(id: number, version: number, name: string, by: number, trx: Knex): Promise<void> {
      await trx('proposals')
        .where({ id })
        .update({ current_version: version, name, revision: trx.raw('revision + 1'), updated_by: by, updated_at: trx.fn.now() });
    },

    /** Moves the proposal to `status` (and records the licence it became): a write by `by`. */
    async setStatus(id: number, status: ProposalStatus, by: number, trx: Knex, grantedLicenceNo?: string): Promise<void> {
      await trx('proposals')
        .where({ id })
        .update({
          status,
          revision: trx.raw('revision + 1'),
          updated_by: by,
          updated_at: trx.fn.now(),
          ...(grantedLicenceNo !== undefined && { granted_licence_no: grantedLicenceNo }),
        });
    },

    /** Adds one step to the proposal's history; never changes one. */
    async insertEvent(input: EventInput, trx: Knex): Promise<void> {
      await trx('proposal_events').insert({
        proposal_id: input.proposalId,
        step: input.step,
        from_status: input.fromStatus,
        to_status: input.toStatus,
        version: input.version,
        comment: input.comment,
        licence_no: input.licenceNo,
        created_by: input.createdBy,
      });
    },

    /** Every step of a proposal, oldest first. */
    async events(id: number): Promise<EventRow[]> {
      return knex({ e: 'proposal_events' })
        .join({ u: 'users' }, 'u.id', 'e.created_by')
        .where('e.proposal_id', id)
        .orderBy('e.id')
        .select(
          'e.step',
          'e.from_status AS fromStatus',
          'e.to_status AS toStatus',
          'e.version',
          'e.comment',
          'e.licence_no AS licenceNo',
          'u.display_name AS by',
          'e.created_at AS at',
        );
    },

    /** Everyone who created a proposal that is not deleted, by name (the list's planner filter). */
    async owners(): Promise<{ id: number; name: string }[]> {
      return knex({ p: 'proposals' })
        .join({ o: 'users' }, 'o.id', 'p.created_by')
        .whereNot('p.status', 'deleted')
        .distinct('o.id', 'o.display_name AS name')
        .orderBy('o.display_name');
    },

    /** Whether a proposal exists. */
    async exists(id: number): Promise<boolean> {
      return Boolean(await knex('proposals').where({ id }).first('id'));
    },

    /** One version in full (the current one when `version` is absent), or undefined. */
    async version(id: number, version?: number, db: Knex = knex): Promise<VersionRow | undefined> {
      const row = await versions(db)
        .where('p.id', id)
        .andWhere('v.version', version ?? db.ref('p.current_version'))
        .first(
          ...SUMMARY_COLUMNS,
          'v.right_kind AS rightKind',
          'v.holder',
          'v.scale_class AS scaleClass',
          'v.licence_no AS licenceNo',
          'v.corner_list_text AS cornerListText',
          'v.corner_list_zone AS cornerListZone',
          area,
          db.raw('ST_AsGeoJSON(v.geom, 9, 0) AS geometry'),
          submittedBy(db),
        );
      if (!row) return undefined;
      const { mineral, capacity10ktPerYear, rightKind, holder, scaleClass, licenceNo, geometry, ...rest } = row;
      const proposal: Proposal = { mineral, capacity10ktPerYear: Number(capacity10ktPerYear), rightKind };
      if (holder !== null) proposal.holder = holder;
      if (scaleClass !== null) proposal.scaleClass = scaleClass;
      if (licenceNo !== null) proposal.licenceNo = licenceNo;
      return { ...rest, proposal, geometry: JSON.parse(geometry) } as VersionRow;
    },

    /** Every version of a proposal, oldest first. */
    async history(id: number): Promise<VersionSummaryRow[]> {
      return versions().where('p.id', id).select(...SUMMARY_COLUMNS, area, submittedBy(knex)).orderBy('v.version');
    },

    /** One page of the proposals matching `filter`, each by its current version, most recently changed first; and how many match. */
    async list(filter: ListFilter, limit: number, offset: number): Promise<{ total: number; rows: VersionSummaryRow[] }> {
      const [{ count }] = await matching(filter).count<{ count: string }[]>({ count: '*' });
      const rows = await matching(filter)
        .select(...SUMMARY_COLUMNS, area, submittedBy(knex))
        .orderBy([
          { column: 'p.updated_at', order: 'desc' },
          { column: 'p.id', order: 'desc' },
        ])
        .limit(limit)
        .offset(offset);
      return { total: Number(count), rows };
    },

    /** The author and time of one version, for the message of a conflicting save. */
    async author(id: number, version: number, trx: Knex): Promise<{ createdBy: string; createdAt: Date } | undefined> {
      return versions(trx)
        .where({ 'p.id': id, 'v.version': version })
        .first('u.display_name AS createdBy', 'v.created_at AS createdAt');
    },
  };
}

export type ProposalsRepository = ReturnType<typeof createProposalsRepository>;

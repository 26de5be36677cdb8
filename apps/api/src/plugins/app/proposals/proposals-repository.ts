import type { Knex } from 'knex';
import type { Mineral } from '@mpm/domain';
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
  createdBy: number;
}

/** A stored version with its proposal's name, its area (ellipsoidal, m²) and its author. */
export interface VersionRow {
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
  createdBy: string;
  createdAt: Date;
}

/** A version in a history or a list, without its geometry. */
export interface VersionSummaryRow {
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
  createdBy: string;
  createdAt: Date;
}

/** The proposal row as locked for a save. */
export interface LockedProposal {
  id: number;
  name: string;
  currentVersion: number;
}

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
  'u.display_name AS createdBy',
  'v.created_at AS createdAt',
];

/** Proposals and their append-only versions: the only SQL about them. */
export function createProposalsRepository(knex: Knex) {
  const area = knex.raw('ST_Area(v.geom::geography)::float8 AS "areaM2"');
  const versions = (db: Knex = knex) =>
    db({ v: 'proposal_versions' }).join({ p: 'proposals' }, 'p.id', 'v.proposal_id').join({ u: 'users' }, 'u.id', 'v.created_by');

  return {
    /** Creates the proposal row (version 1 follows with {@link insertVersion}); returns its id. */
    async insertProposal(name: string, createdBy: number, trx: Knex): Promise<number> {
      const [row] = await trx('proposals').insert({ name, created_by: createdBy, current_version: 1 }).returning('id');
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
        created_by: input.createdBy,
      });
    },

    /**
     * Locks the proposal row until `trx` ends (`SELECT … FOR UPDATE`), so two saves from the
     * same base version are decided one after the other. Undefined when there is no such proposal.
     */
    async lockForSave(id: number, trx: Knex): Promise<LockedProposal | undefined> {
      return trx('proposals').where({ id }).forUpdate().first('id', 'name', 'current_version AS currentVersion');
    },

    /** Makes `version` the current one, renaming the proposal when `name` is given. */
    async setCurrentVersion(id: number, version: number, name: string, trx: Knex): Promise<void> {
      await trx('proposals').where({ id }).update({ current_version: version, name });
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
      return versions().where('p.id', id).select(...SUMMARY_COLUMNS, area).orderBy('v.version');
    },

    /** One page of proposals, each by its current version, most recently saved first; and the total. */
    async list(limit: number, offset: number): Promise<{ total: number; rows: VersionSummaryRow[] }> {
      const [{ count }] = await knex('proposals').count<{ count: string }[]>({ count: '*' });
      const rows = await versions()
        .whereRaw('v.version = p.current_version')
        .select(...SUMMARY_COLUMNS, area)
        .orderBy([
          { column: 'v.created_at', order: 'desc' },
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

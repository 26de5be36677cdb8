import type { Knex } from 'knex';
import type { GreenMineLevel } from '@mpm/domain';

/** A sanction listing as stored, dates `YYYY-MM-DD`. */
export interface SanctionRow {
  id: number;
  holder: string;
  reason: string;
  listedOn: string;
  documentNo: string;
  delistedOn: string | null;
  delistingReason: string | null;
  version: number;
  updatedBy: string | null;
  updatedAt: Date;
}

/** A green-mine listing as stored, with its mine. */
export interface GreenMineRow {
  id: number;
  miningRightId: number;
  licenceNo: string;
  mineName: string | null;
  level: GreenMineLevel;
  listedOn: string;
  documentNo: string | null;
  delistedOn: string | null;
  delistingReason: string | null;
  version: number;
  updatedBy: string | null;
  updatedAt: Date;
}

/** A sanction's fields as written. */
export type SanctionInput = Pick<SanctionRow, 'holder' | 'reason' | 'listedOn' | 'documentNo' | 'delistedOn' | 'delistingReason'>;
/** A green-mine listing's fields as written. */
export type GreenMineInput = Pick<GreenMineRow, 'miningRightId' | 'level' | 'listedOn' | 'documentNo' | 'delistedOn' | 'delistingReason'>;

const day = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;

/** SQL of the sweep's two registers: the sanction list and the green-mine directory. */
export function createSweepRegistersRepository(knex: Knex) {
  const sanctions = (db: Knex) =>
    db('sanctions as s')
      .leftJoin('users as u', 'u.id', 's.updated_by')
      .select(
        's.id',
        's.holder',
        's.reason',
        db.raw(`${day('s.listed_on')} AS "listedOn"`),
        's.document_no as documentNo',
        db.raw(`${day('s.delisted_on')} AS "delistedOn"`),
        's.delisting_reason as delistingReason',
        's.version',
        'u.display_name as updatedBy',
        's.updated_at as updatedAt',
      );

  const greenMines = (db: Knex) =>
    db('green_mines as g')
      .join('mining_rights as r', 'r.id', 'g.mining_right_id')
      .leftJoin('users as u', 'u.id', 'g.updated_by')
      .select(
        'g.id',
        'g.mining_right_id as miningRightId',
        'r.licence_no as licenceNo',
        'r.mine_name as mineName',
        'g.level',
        db.raw(`${day('g.listed_on')} AS "listedOn"`),
        'g.document_no as documentNo',
        db.raw(`${day('g.delisted_on')} AS "delistedOn"`),
        'g.delisting_reason as delistingReason',
        'g.version',
        'u.display_name as updatedBy',
        'g.updated_at as updatedAt',
      );

  const sanctionColumns = (s: SanctionInput) => ({
    holder: s.holder,
    reason: s.reason,
    listed_on: s.listedOn,
    document_no: s.documentNo,
    delisted_on: s.delistedOn,
    delisting_reason: s.delistingReason,
  });
  const greenMineColumns = (g: GreenMineInput) => ({
    mining_right_id: g.miningRightId,
    level: g.level,
    listed_on: g.listedOn,
    document_no: g.documentNo,
    delisted_on: g.delistedOn,
    delisting_reason: g.delistingReason,
  });

  return {
    sanctions: {
      /** Every listing, the latest listed first. */
      list: (db: Knex = knex): Promise<SanctionRow[]> => sanctions(db).orderBy([{ column: 's.listed_on', order: 'desc' }, { column: 's.id', order: 'desc' }]),

      /** One listing, locked until `trx` ends. */
      lock: (id: number, trx: Knex): Promise<SanctionRow | undefined> => sanctions(trx).where('s.id', id).forUpdate('s').first(),

      /** The listings of `holder` in force on `day` (names compared as written, spaces trimmed). */
      inForce: (holder: string, onDay: string, db: Knex = knex): Promise<SanctionRow[]> =>
        sanctions(db)
          .whereRaw('btrim(s.holder) = btrim(?)', [holder])
          .where('s.listed_on', '<=', onDay)
          .where((q) => q.whereNull('s.delisted_on').orWhere('s.delisted_on', '>', onDay))
          .orderBy('s.listed_on'),

      async insert(input: SanctionInput, userId: number | null, trx: Knex): Promise<number> {
        const [row] = await trx('sanctions').insert({ ...sanctionColumns(input), updated_by: userId }).returning('id');
        return Number((row as { id: number }).id);
      },

      async update(id: number, input: SanctionInput, userId: number, trx: Knex): Promise<void> {
        await trx('sanctions')
          .where({ id })
          .update({ ...sanctionColumns(input), updated_by: userId, updated_at: trx.fn.now(), version: trx.raw('version + 1') });
      },

      read: (id: number, db: Knex = knex): Promise<SanctionRow | undefined> => sanctions(db).where('s.id', id).first(),
    },

    greenMines: {
      /** Every listing, exits included, the latest listed first. */
      list: (db: Knex = knex): Promise<GreenMineRow[]> => greenMines(db).orderBy([{ column: 'g.listed_on', order: 'desc' }, { column: 'g.id', order: 'desc' }]),

      lock: (id: number, trx: Knex): Promise<GreenMineRow | undefined> => greenMines(trx).where('g.id', id).forUpdate('g').first(),

      read: (id: number, db: Knex = knex): Promise<GreenMineRow | undefined> => greenMines(db).where('g.id', id).first(),

      /** The other listings of a right that have no delisting day (at most one is open at a time). */
      openListings: (miningRightId: number, exceptId: number | null, trx: Knex): Promise<GreenMineRow[]> =>
        greenMines(trx)
          .where('g.mining_right_id', miningRightId)
          .whereNull('g.delisted_on')
          .modify((q) => {
            if (exceptId !== null) q.whereNot('g.id', exceptId);
          }),

      /** The id of the mining right with the licence number, if any. */
      async rightIdOf(licenceNo: string, trx: Knex): Promise<number | undefined> {
        const row = await trx('mining_rights').where({ licence_no: licenceNo }).first('id');
        return row ? Number(row.id) : undefined;
      },

      /** Whether a mining right with the id exists (revoked ones too: their history stays listed). */
      async rightExists(miningRightId: number, trx: Knex): Promise<boolean> {
        return (await trx('mining_rights').where({ id: miningRightId }).first('id')) !== undefined;
      },

      async insert(input: GreenMineInput, userId: number | null, trx: Knex): Promise<number> {
        const [row] = await trx('green_mines').insert({ ...greenMineColumns(input), updated_by: userId }).returning('id');
        return Number((row as { id: number }).id);
      },

      async update(id: number, input: GreenMineInput, userId: number, trx: Knex): Promise<void> {
        await trx('green_mines')
          .where({ id })
          .update({ ...greenMineColumns(input), updated_by: userId, updated_at: trx.fn.now(), version: trx.raw('version + 1') });
      },
    },
  };
}

export type SweepRegistersRepository = ReturnType<typeof createSweepRegistersRepository>;

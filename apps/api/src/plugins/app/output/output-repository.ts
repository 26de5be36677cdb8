import type { Knex } from 'knex';

/** A mining right as output records need it. */
export interface OutputRight {
  id: number;
  licenceNo: string;
  capacity10ktPerYear: number | null;
}

/** One stored year of output. */
export interface OutputRow {
  year: number;
  output10kt: number;
  sales10kt: number | null;
  documentNo: string | null;
  note: string | null;
  revision: number;
  recordedBy: string | null;
  updatedAt: Date | string;
}

/** A year's figures to store (万吨). */
export interface OutputFigures {
  output10kt: number;
  sales10kt: number | null;
  documentNo: string | null;
  note: string | null;
}

const OUTPUT_COLUMNS = [
  'o.year',
  'o.output_10kt AS output10kt',
  'o.sales_10kt AS sales10kt',
  'o.document_no AS documentNo',
  'o.note',
  'o.revision',
  'u.display_name AS recordedBy',
  'o.updated_at AS updatedAt',
];

const asRow = (row: Record<string, unknown>): OutputRow => ({
  ...(row as unknown as OutputRow),
  output10kt: Number(row.output10kt),
  sales10kt: row.sales10kt === null ? null : Number(row.sales10kt),
});

/** SQL of the yearly output and sales of mining rights (`right_outputs`, 年度核实). */
export function createOutputRepository(knex: Knex) {
  return {
    /** The mining right, or undefined; inside a write, pass its transaction. */
    async right(id: number, trx: Knex = knex): Promise<OutputRight | undefined> {
      const row = await trx('mining_rights')
        .where({ id })
        .first('id', 'licence_no AS licenceNo', trx.raw('capacity_10kt_per_year::float8 AS "capacity10ktPerYear"'));
      return row as OutputRight | undefined;
    },

    /** A right's years, newest first. */
    async list(rightId: number, trx: Knex = knex): Promise<OutputRow[]> {
      const rows = await trx('right_outputs as o')
        .leftJoin('users as u', 'u.id', 'o.recorded_by')
        .where('o.right_id', rightId)
        .orderBy('o.year', 'desc')
        .select(OUTPUT_COLUMNS);
      return rows.map(asRow);
    },

    /** One year of a right, locked until the write commits. */
    async lockYear(rightId: number, year: number, trx: Knex): Promise<OutputRow | undefined> {
      const row = await trx('right_outputs as o')
        .leftJoin('users as u', 'u.id', 'o.recorded_by')
        .where({ 'o.right_id': rightId, 'o.year': year })
        .forUpdate('o')
        .first(OUTPUT_COLUMNS);
      return row ? asRow(row) : undefined;
    },

    /** Stores a year: a new row, or the next revision of the one there. */
    async save(right: OutputRight, year: number, figures: OutputFigures, userId: number, existing: OutputRow | undefined, trx: Knex): Promise<void> {
      const values = {
        output_10kt: figures.output10kt,
        sales_10kt: figures.sales10kt,
        document_no: figures.documentNo,
        note: figures.note,
        recorded_by: userId,
        updated_at: trx.fn.now(),
      };
      if (existing) {
        await trx('right_outputs').where({ right_id: right.id, year }).update({ ...values, revision: existing.revision + 1 });
      } else {
        await trx('right_outputs').insert({ ...values, right_id: right.id, licence_no: right.licenceNo, year });
      }
    },

    /**
     * The county's verified output of the latest year any right has one for, summed by mineral
     * (万吨); undefined before any is recorded. A right revoked since still counts for the years
     * it produced. `throughYear`: the latest year up to it.
     */
    async latestYearByMineral(throughYear?: number, trx: Knex = knex): Promise<{ year: number; byMineral: Record<string, number> } | undefined> {
      const latest = await trx('right_outputs')
        .modify((q) => void (throughYear !== undefined && q.where('year', '<=', throughYear)))
        .max({ year: 'year' })
        .first();
      if (latest?.year === null || latest?.year === undefined) return undefined;
      const year = Number(latest.year);
      const rows = (await trx('right_outputs as o')
        .join('mining_rights as r', 'r.id', 'o.right_id')
        .where('o.year', year)
        .groupBy('r.mineral')
        .orderBy('r.mineral')
        .select('r.mineral', trx.raw('sum(o.output_10kt)::float8 AS "output10kt"'))) as { mineral: string; output10kt: number }[];
      return { year, byMineral: Object.fromEntries(rows.map((row) => [row.mineral, row.output10kt])) };
    },
  };
}

export type OutputRepository = ReturnType<typeof createOutputRepository>;

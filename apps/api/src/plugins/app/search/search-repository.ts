import type { Knex } from 'knex';
import type { CollectionId, FieldDef } from '@mpm/domain';
import { LAYER_TABLES, columnName } from '../layers/layer-tables.ts';
import type { BBox } from '../layers/layers-repository.ts';

/** A layer to search and the text fields of it the caller may read (plain columns only). */
export interface LayerSearch {
  collection: CollectionId;
  fields: readonly FieldDef[];
}

/** A feature whose searched fields matched, with those fields' values and its bbox. */
export interface LayerHit {
  layer: CollectionId;
  id: number;
  /** Field key → value, for the fields searched (null where empty). */
  values: Record<string, string | null>;
  bbox: BBox;
}

/** A proposal or a ledger entry that matched, with its bbox (its current block, the site). */
export interface RecordHit {
  id: number;
  label: string;
  detail: string | null;
  bbox: BBox;
}

/** A point to hang a feature's label on: inside it, as far from its edges as can be. */
export interface LabelPoint {
  layer: CollectionId;
  id: number;
  lonLat: [number, number];
  values: Record<string, string | null>;
}

/** `%`, `_` and the escape character itself taken literally in an ILIKE pattern (escape `\`). */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

const BBOX_SQL = (alias: string) =>
  `ST_XMin(${alias}.geom)::float8 AS x0, ST_YMin(${alias}.geom)::float8 AS y0, ST_XMax(${alias}.geom)::float8 AS x1, ST_YMax(${alias}.geom)::float8 AS y1`;

const bboxOf = (row: Record<string, unknown>): BBox => [Number(row.x0), Number(row.y0), Number(row.x1), Number(row.y1)];

const parseValues = (props: unknown): Record<string, string | null> =>
  (typeof props === 'string' ? JSON.parse(props) : props) as Record<string, string | null>;

/** Rows of a collection (alias `t`): its table and the fixed values that select it, as SQL and bindings. */
function from(collection: CollectionId): { sql: string; bindings: string[] } {
  const layer = LAYER_TABLES[collection];
  const fixed = Object.entries(layer.fixed);
  const where = fixed.map(([column]) => `t.${column} = ?`).join(' AND ');
  return { sql: `FROM ${layer.table} t${where ? ` WHERE ${where}` : ''}`, bindings: fixed.map(([, value]) => value) };
}

/** `json_build_object` of the fields' columns, keyed by field key. */
const valuesSql = (fields: readonly FieldDef[]) =>
  `json_build_object(${fields.map((f) => `'${f.key}', t.${columnName(f.key)}::text`).join(', ')})::text AS props`;

/** Search over the layers' names and numbers, the proposals and the ledger: read-only SQL. */
export function createSearchRepository(knex: Knex) {
  return {
    /**
     * Features whose searched fields contain `text` (case-insensitive, `%` and `_` literal), at
     * most `limit` per layer: an exact match first, then those starting with it, then by id.
     */
    async layerFeatures(text: string, searches: readonly LayerSearch[], limit: number): Promise<LayerHit[]> {
      const parts: string[] = [];
      const bindings: unknown[] = [];
      const contains = `%${escapeLike(text)}%`;
      const starts = `${escapeLike(text)}%`;
      for (const { collection, fields } of searches) {
        if (fields.length === 0) continue;
        const columns = fields.map((f) => `t.${columnName(f.key)}`);
        const base = from(collection);
        const match = columns.map((c) => `${c} ILIKE ? ESCAPE '\\'`).join(' OR ');
        const rank = columns.map((c) => `CASE WHEN lower(${c}) = lower(?) THEN 0 WHEN ${c} ILIKE ? ESCAPE '\\' THEN 1 ELSE 2 END`);
        parts.push(
          `(SELECT ? AS layer, t.id, ${valuesSql(fields)}, ${BBOX_SQL('t')}, least(${rank.join(', ')}, 2) AS rank
            ${base.sql} ${base.sql.includes('WHERE') ? 'AND' : 'WHERE'} (${match})
            ORDER BY rank, t.id LIMIT ?)`,
        );
        bindings.push(collection, ...columns.flatMap(() => [text, starts]), ...base.bindings, ...columns.map(() => contains), limit);
      }
      if (parts.length === 0) return [];
      const result = await knex.raw(parts.join(' UNION ALL '), bindings as Knex.RawBinding[]);
      return (result.rows as Record<string, unknown>[]).map((row) => ({
        layer: row.layer as CollectionId,
        id: Number(row.id),
        values: parseValues(row.props),
        bbox: bboxOf(row),
      }));
    },

    /** Proposals (not deleted) whose name, holder or licence number contains `text`, or whose id is `id`; their current block's bbox. */
    async proposals(text: string, id: number | null, limit: number): Promise<RecordHit[]> {
      const contains = `%${escapeLike(text)}%`;
      const rows = await knex({ p: 'proposals' })
        .join({ v: 'proposal_versions' }, (join) => join.on('v.proposal_id', 'p.id').andOn('v.version', 'p.current_version'))
        .whereNot('p.status', 'deleted')
        .where((w) => {
          w.whereRaw(`p.name ILIKE ? ESCAPE '\\'`, [contains])
            .orWhereRaw(`v.holder ILIKE ? ESCAPE '\\'`, [contains])
            .orWhereRaw(`v.licence_no ILIKE ? ESCAPE '\\'`, [contains]);
          if (id !== null) w.orWhere('p.id', id);
        })
        .select('p.id', 'p.name', 'v.holder', knex.raw(BBOX_SQL('v')))
        .orderBy('p.id', 'desc')
        .limit(limit);
      return rows.map((row: Record<string, unknown>) => ({
        id: Number(row.id),
        label: String(row.name),
        detail: (row.holder as string | null) ?? null,
        bbox: bboxOf(row),
      }));
    },

    /** Ledger entries numbered `id` or whose title contains `text`; the numbered one first. */
    async ledgerEntries(text: string, id: number | null, limit: number): Promise<RecordHit[]> {
      const contains = `%${escapeLike(text)}%`;
      const rows = await knex({ e: 'ledger_entries' })
        .where((w) => {
          w.whereRaw(`e.title ILIKE ? ESCAPE '\\'`, [contains]);
          if (id !== null) w.orWhere('e.id', id);
        })
        .select('e.id', 'e.title', 'e.status', knex.raw(BBOX_SQL('e')))
        .orderByRaw('CASE WHEN e.id = ? THEN 0 ELSE 1 END, e.id DESC', [id ?? -1])
        .limit(limit);
      return rows.map((row: Record<string, unknown>) => ({
        id: Number(row.id),
        label: String(row.title),
        detail: String(row.status),
        bbox: bboxOf(row),
      }));
    },

    /**
     * One label point per feature of each layer (the centre of its largest inscribed circle, so a
     * ragged township's name sits in its body), with the values of `fields`. County-sized: a
     * county holds thousands of features, not millions.
     */
    async labelPoints(searches: readonly LayerSearch[]): Promise<LabelPoint[]> {
      const parts: string[] = [];
      const bindings: unknown[] = [];
      for (const { collection, fields } of searches) {
        if (fields.length === 0) continue;
        const base = from(collection);
        parts.push(
          `SELECT ? AS layer, t.id, ${valuesSql(fields)},
             ST_AsGeoJSON((ST_MaximumInscribedCircle(t.geom)).center, 6, 0) AS point ${base.sql}`,
        );
        bindings.push(collection, ...base.bindings);
      }
      if (parts.length === 0) return [];
      const result = await knex.raw(parts.join(' UNION ALL '), bindings as Knex.RawBinding[]);
      return (result.rows as Record<string, unknown>[]).map((row) => ({
        layer: row.layer as CollectionId,
        id: Number(row.id),
        lonLat: JSON.parse(String(row.point)).coordinates as [number, number],
        values: parseValues(row.props),
      }));
    },
  };
}

export type SearchRepository = ReturnType<typeof createSearchRepository>;

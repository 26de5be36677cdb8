import type { Knex } from 'knex';
import type {
  ProgressRecordView,
  RestorationCampaignPlan,
  RestorationPeriod,
  RestorationTarget,
  StatedTotal,
} from '@mpm/contracts';
import type { CollectionId, MineCategory, RestorationStatus } from '@mpm/domain';
import { LAYER_TABLES } from '../layers/layer-tables.ts';
import { countySettingVersion, type StoredVersion } from '../settings/settings-repository.ts';

/**
 * The `county_settings` key of the restoration plan's years. Its row also counts the versions of
 * the whole plan (years, targets and stated totals, saved as one); its value is null while the
 * plan has no years.
 */
export const RESTORATION_PERIOD_KEY = 'restorationPeriod';

/** The `county_settings` key of the campaign's 四区两线 deadlines and closed-mine counts (seed 001). */
export const RESTORATION_CAMPAIGN_KEY = 'restorationCampaign';

/** A current parcel with the 四区 it overlaps, the lines it is within range of, and its mine or township. */
export interface CampaignParcelRow {
  id: number;
  code: string;
  name: string;
  category: MineCategory;
  plannedYear: number;
  areaMu: number;
  status: RestorationStatus;
  fourAreas: string[];
  twoLines: string[];
  miningRightId: number | null;
  licenceNo: string | null;
  mineName: string | null;
  townshipCode: string;
  townshipName: string;
}

/**
 * A `CASE` giving `collection` when a feature of it relates to parcel `p` as `relation` says
 * (`z`: the feature), with its bindings. Tables and columns come from the catalogue, never input.
 */
function tagCase(collection: CollectionId, relation: string, relationBindings: Knex.Value[]): { sql: string; bindings: Knex.Value[] } {
  const { table, fixed } = LAYER_TABLES[collection];
  const where = Object.keys(fixed).map((column) => `z.${column} = ?`);
  return {
    sql: `CASE WHEN EXISTS (SELECT 1 FROM ${table} z WHERE ${[...where, relation].join(' AND ')}) THEN ?::text END`,
    bindings: [...Object.values(fixed), ...relationBindings, collection],
  };
}

/** Area of a parcel in mu, to 0.01, on the ellipsoid (alias `p`). */
const AREA_MU = 'round((ST_Area(p.geom::geography) * 15 / 10000)::numeric, 2)::float8';

/** The latest record of parcel `p` on or before the date bound to `?` (a LATERAL subquery). */
const LATEST_ON = `LATERAL (
  SELECT r.status, r.done_mu FROM restoration_progress r
   WHERE r.parcel_id = p.id AND r.recorded_on <= ?::date
   ORDER BY r.recorded_on DESC, r.id DESC LIMIT 1)`;

/** One parcel with what was done by the end of its planned year (or `asOf`, if earlier) and by `asOf`. */
export interface ParcelFigures {
  id: number;
  plannedYear: number;
  category: MineCategory;
  townshipCode: string;
  townshipName: string;
  areaMu: number;
  status: RestorationStatus;
  doneByYearEndMu: number;
  doneMu: number;
}

/** A parcel's area and latest record, read before appending a record. */
export interface ParcelProgressHead {
  areaMu: number;
  code: string;
  /** Split, merged or withdrawn: its records stay, none is added. */
  retired: boolean;
  latest: { recordedOn: string; status: RestorationStatus; doneMu: number } | null;
}

/** A record to append (`recordedBy` null for the system). */
export interface NewProgressRecord {
  recordedOn: string;
  status: RestorationStatus;
  doneMu: number;
  note?: string | null;
  reason?: string | null;
  photoId?: number | null;
  recordedBy: number | null;
}

const parseCategories = (value: unknown): MineCategory[] =>
  (typeof value === 'string' ? JSON.parse(value) : value) as MineCategory[];

/** Restoration parcels' progress records, the county's targets and stated totals (the only SQL of the feature). */
export function createRestorationRepository(knex: Knex) {
  return {
    /** The plan's years, or null when the county has set none. */
    async period(trx: Knex = knex): Promise<RestorationPeriod | null> {
      const row = await trx('county_settings').where({ key: RESTORATION_PERIOD_KEY }).first('value');
      return (row?.value as RestorationPeriod | undefined) ?? null;
    },

    /** The plan's version, who saved it and when; `lock` holds it until `trx` ends (see `countySettingVersion`). */
    planVersion(trx: Knex = knex, lock = false): Promise<StoredVersion> {
      return countySettingVersion(trx, RESTORATION_PERIOD_KEY, lock);
    },

    /**
     * Sets the plan's years (null: none) and counts a new version of the plan; call inside the
     * transaction of its audit entry.
     */
    async setPeriod(period: RestorationPeriod | null, userId: number | null, trx: Knex): Promise<void> {
      await trx.raw(
        `INSERT INTO county_settings (key, value, updated_at, updated_by) VALUES (?, ?::jsonb, now(), ?)
         ON CONFLICT (key) DO UPDATE
           SET value = EXCLUDED.value, updated_at = now(), updated_by = EXCLUDED.updated_by, version = county_settings.version + 1`,
        [RESTORATION_PERIOD_KEY, JSON.stringify(period), userId],
      );
    },

    /** Counts a new version of the plan, its years as they are; call inside the transaction of its audit entry. */
    async touchPlan(userId: number | null, trx: Knex): Promise<void> {
      await trx.raw(
        `INSERT INTO county_settings (key, value, updated_at, updated_by) VALUES (?, 'null'::jsonb, now(), ?)
         ON CONFLICT (key) DO UPDATE SET updated_at = now(), updated_by = EXCLUDED.updated_by, version = county_settings.version + 1`,
        [RESTORATION_PERIOD_KEY, userId],
      );
    },

    /** The targets by year and first category, and the stated totals in the order they were given. */
    async targets(trx: Knex = knex): Promise<{ targets: RestorationTarget[]; statedTotals: StatedTotal[] }> {
      const [targets, totals] = await Promise.all([
        trx('restoration_targets').select('id', 'year', 'categories', knex.raw('target_mu::float8 AS "targetMu"'), 'source').orderBy(['year', 'id']),
        trx('restoration_stated_totals')
          .select(
            'id',
            'label_zh',
            'label_en',
            'from_year AS fromYear',
            'to_year AS toYear',
            'categories',
            knex.raw('stated_mu::float8 AS "statedMu"'),
            'source',
          )
          .orderBy('id'),
      ]);
      return {
        targets: targets.map((t: RestorationTarget) => ({ ...t, categories: parseCategories(t.categories) })),
        statedTotals: totals.map(({ label_zh, label_en, ...t }: StatedTotal & { label_zh: string; label_en: string }) => ({
          id: t.id,
          label: { zh: label_zh, en: label_en },
          fromYear: t.fromYear,
          toYear: t.toYear,
          categories: parseCategories(t.categories),
          statedMu: t.statedMu,
          source: t.source,
        })),
      };
    },

    /** Replaces every target and stated total; call inside the transaction of its audit entry. */
    async replaceTargets(targets: RestorationTarget[], statedTotals: StatedTotal[], trx: Knex): Promise<void> {
      await trx('restoration_targets').delete();
      await trx('restoration_stated_totals').delete();
      for (const t of targets) {
        await trx('restoration_targets').insert({
          year: t.year,
          categories: JSON.stringify(t.categories),
          target_mu: t.targetMu,
          source: t.source,
        });
      }
      for (const s of statedTotals) {
        await trx('restoration_stated_totals').insert({
          label_zh: s.label.zh,
          label_en: s.label.en,
          from_year: s.fromYear,
          to_year: s.toYear,
          categories: JSON.stringify(s.categories),
          stated_mu: s.statedMu,
          source: s.source,
        });
      }
    },

    /** The campaign's 四区两线 deadlines and closed-mine counts, or null when the county has none. */
    async campaignPlan(trx: Knex = knex): Promise<RestorationCampaignPlan | null> {
      const row = await trx('county_settings').where({ key: RESTORATION_CAMPAIGN_KEY }).first('value');
      return (row?.value as RestorationCampaignPlan | undefined) ?? null;
    },

    /** Stores the campaign's deadlines and counts; call inside the transaction of its audit entry (the demo load's). */
    async setCampaignPlan(plan: RestorationCampaignPlan, userId: number | null, trx: Knex): Promise<void> {
      await trx.raw(
        `INSERT INTO county_settings (key, value, updated_at, updated_by) VALUES (?, ?::jsonb, now(), ?)
         ON CONFLICT (key) DO UPDATE
           SET value = EXCLUDED.value, updated_at = now(), updated_by = EXCLUDED.updated_by, version = county_settings.version + 1`,
        [RESTORATION_CAMPAIGN_KEY, JSON.stringify(plan), userId],
      );
    },

    /**
     * Every current parcel on `asOf` with the 四区 (`areas`) it shares area with and the lines it
     * comes within `withinM` of (on the ellipsoid), derived from the layers at each call (never
     * stored), and the mining right it belongs to or its township.
     */
    async campaignParcels(
      areas: readonly CollectionId[],
      lines: readonly { collection: CollectionId; withinM: number }[],
      asOf: string,
    ): Promise<CampaignParcelRow[]> {
      const areaCases = areas.map((c) => tagCase(c, 'ST_Intersects(z.geom, p.geom) AND NOT ST_Touches(z.geom, p.geom)', []));
      const lineCases = lines.map(({ collection, withinM }) => tagCase(collection, 'ST_DWithin(z.geom::geography, p.geom::geography, ?)', [withinM]));
      const array = (cases: { sql: string }[]) => (cases.length === 0 ? `'{}'::text[]` : `array_remove(ARRAY[${cases.map((c) => c.sql).join(', ')}], NULL)`);
      const result = await knex.raw(
        `SELECT p.id, p.code, p.name, p.mine_category AS category, p.planned_year AS "plannedYear", ${AREA_MU} AS "areaMu",
                coalesce(now_.status, 'planned') AS status,
                ${array(areaCases)} AS "fourAreas", ${array(lineCases)} AS "twoLines",
                p.mining_right_id AS "miningRightId", m.licence_no AS "licenceNo", m.mine_name AS "mineName",
                p.township_code AS "townshipCode", a.name AS "townshipName"
           FROM restoration_parcels p
           JOIN admin_areas a ON a.admin_code = p.township_code
           LEFT JOIN mining_rights m ON m.id = p.mining_right_id
           LEFT JOIN ${LATEST_ON} now_ ON true
          WHERE p.lifecycle = 'current'
          ORDER BY p.planned_year, p.code, p.id`,
        [...areaCases.flatMap((c) => c.bindings), ...lineCases.flatMap((c) => c.bindings), asOf],
      );
      return result.rows.map((row: CampaignParcelRow) => ({ ...row, miningRightId: row.miningRightId === null ? null : Number(row.miningRightId) }));
    },

    /** Mining-right ids by licence number (the demo's parcels name their mine by licence). */
    async miningRightIdsByLicence(trx: Knex = knex): Promise<Map<string, number>> {
      const rows: { id: number; licence_no: string }[] = await trx('mining_rights').select('id', 'licence_no');
      return new Map(rows.map((r) => [r.licence_no, Number(r.id)]));
    },

    /** The township with this admin code, if there is one. */
    async township(code: string, db: Knex = knex): Promise<{ code: string; name: string } | undefined> {
      return db('admin_areas').where({ level: 'township', admin_code: code }).first('admin_code AS code', 'name');
    },

    /**
     * Every current parcel (of one township, when given) with its figures on `asOf` (`YYYY-MM-DD`).
     * Retired parcels are left out: the parcels that took their place carry their records.
     */
    async parcelFigures(asOf: string, townshipCode?: string): Promise<ParcelFigures[]> {
      const result = await knex.raw(
        `SELECT p.id, p.planned_year AS "plannedYear", p.mine_category AS category,
                p.township_code AS "townshipCode", a.name AS "townshipName", ${AREA_MU} AS "areaMu",
                coalesce(now_.status, 'planned') AS status,
                coalesce(year_end.done_mu, 0)::float8 AS "doneByYearEndMu",
                coalesce(now_.done_mu, 0)::float8 AS "doneMu"
           FROM restoration_parcels p
           JOIN admin_areas a ON a.admin_code = p.township_code
           LEFT JOIN ${LATEST_ON.replace('?::date', 'least(make_date(p.planned_year, 12, 31), ?::date)')} year_end ON true
           LEFT JOIN ${LATEST_ON} now_ ON true
          WHERE p.lifecycle = 'current' AND (?::text IS NULL OR p.township_code = ?::text)
          ORDER BY p.planned_year, p.id`,
        [asOf, asOf, townshipCode ?? null, townshipCode ?? null],
      );
      return result.rows as ParcelFigures[];
    },

    /** Each current parcel's status and area done on `asOf` (`YYYY-MM-DD`), by id. */
    async parcelStates(asOf: string): Promise<{ id: number; status: RestorationStatus; doneMu: number; areaMu: number }[]> {
      const result = await knex.raw(
        `SELECT p.id, coalesce(r.status, 'planned') AS status, coalesce(r.done_mu, 0)::float8 AS "doneMu", ${AREA_MU} AS "areaMu"
           FROM restoration_parcels p LEFT JOIN ${LATEST_ON} r ON true
          WHERE p.lifecycle = 'current'
          ORDER BY p.id`,
        [asOf],
      );
      return result.rows;
    },

    /**
     * The parcel's area and latest record, locking the parcel until the transaction ends so that
     * records are appended one after the other. Undefined when there is no such parcel.
     */
    async progressHead(parcelId: number, trx: Knex): Promise<ParcelProgressHead | undefined> {
      const parcel = await trx.raw(`SELECT ${AREA_MU} AS "areaMu", p.code, p.lifecycle FROM restoration_parcels p WHERE p.id = ? FOR UPDATE`, [parcelId]);
      if (parcel.rows.length === 0) return undefined;
      const { code, lifecycle } = parcel.rows[0];
      const latest = await trx('restoration_progress')
        .where({ parcel_id: parcelId })
        .orderBy([{ column: 'recorded_on', order: 'desc' }, { column: 'id', order: 'desc' }])
        .first(knex.raw(`to_char(recorded_on, 'YYYY-MM-DD') AS "recordedOn"`), 'status', knex.raw('done_mu::float8 AS "doneMu"'));
      return { areaMu: parcel.rows[0].areaMu, code, retired: lifecycle === 'retired', latest: latest ?? null };
    },

    /** Whether a photo with this id exists (always false before the ledger's photos table). */
    async photoExists(photoId: number, trx: Knex = knex): Promise<boolean> {
      if (!(await trx.schema.hasTable('photos'))) return false;
      return Boolean(await trx('photos').where({ id: photoId }).first('id'));
    },

    /** Appends a record; returns its id. */
    async append(parcelId: number, record: NewProgressRecord, trx: Knex): Promise<number> {
      const [row] = await trx('restoration_progress')
        .insert({
          parcel_id: parcelId,
          recorded_on: record.recordedOn,
          status: record.status,
          done_mu: record.doneMu,
          note: record.note ?? null,
          reason: record.reason ?? null,
          photo_id: record.photoId ?? null,
          recorded_by: record.recordedBy,
        })
        .returning('id');
      return Number(row.id);
    },

    /** A parcel's records, oldest first; undefined when there is no such parcel. */
    async records(parcelId: number, trx: Knex = knex): Promise<ProgressRecordView[] | undefined> {
      if (!(await trx('restoration_parcels').where({ id: parcelId }).first('id'))) return undefined;
      const rows = await trx('restoration_progress as r')
        .leftJoin('users as u', 'u.id', 'r.recorded_by')
        .where('r.parcel_id', parcelId)
        .orderBy([{ column: 'r.recorded_on' }, { column: 'r.id' }])
        .select(
          'r.id',
          'r.parcel_id AS parcelId',
          knex.raw(`to_char(r.recorded_on, 'YYYY-MM-DD') AS "recordedOn"`),
          'r.status',
          knex.raw('r.done_mu::float8 AS "doneMu"'),
          'r.note',
          'r.reason',
          'r.photo_id AS photoId',
          'r.carried_from AS carriedFrom',
          knex.raw(`coalesce(u.display_name, '系统') AS "recordedBy"`),
          'r.created_at AS createdAt',
        );
      return rows.map(({ carriedFrom, ...r }: ProgressRecordView & { createdAt: Date | string; carriedFrom: number[] | null }) => ({
        ...r,
        ...(carriedFrom && { carriedFrom: carriedFrom.map(Number) }),
        createdAt: new Date(r.createdAt).toISOString(),
      }));
    },

    /** Ids of current parcels by code, for loaders that know parcels by code. */
    async parcelIdsByCode(trx: Knex = knex): Promise<Map<string, { id: number; areaMu: number }>> {
      const rows = await trx.raw(`SELECT p.id, p.code, ${AREA_MU} AS "areaMu" FROM restoration_parcels p WHERE p.lifecycle = 'current'`);
      return new Map(rows.rows.map((r: { id: number; code: string; areaMu: number }) => [r.code, { id: r.id, areaMu: r.areaMu }]));
    },
  };
}

export type RestorationRepository = ReturnType<typeof createRestorationRepository>;

import type { Knex } from 'knex';
import { MINE_CATEGORIES, RESTORATION_STATUSES, type RestorationStatus } from '@mpm/domain';
import { legacyProgress } from '../../plugins/app/restoration/legacy-progress.ts';
import { dropAppendOnly, makeAppendOnly } from './append-only.ts';

const categoriesCheck = (column: string) =>
  `jsonb_typeof(${column}) = 'array' AND jsonb_array_length(${column}) > 0 AND ${column} <@ '${JSON.stringify(MINE_CATEGORIES)}'::jsonb`;

/**
 * Restoration progress (issue #5). A parcel's status and completion date are no longer columns:
 * they are read from its latest progress record, so "as of year Y" comes from the records and
 * nothing is stored twice. Records are never changed or deleted (a trigger refuses it). The
 * county's yearly targets and the totals its documents state are data beside them.
 *
 * Also the per-field public visibility of layers: `layer_settings.hidden_fields` lists the fields
 * anonymous callers do not get, and `is_public` may be null (the catalogue's default).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('restoration_progress', (t) => {
    t.increments('id').primary();
    t.integer('parcel_id').notNullable().references('id').inTable('restoration_parcels');
    t.date('recorded_on').notNullable();
    t.text('status').notNullable().checkIn([...RESTORATION_STATUSES]);
    /** Area restored so far (cumulative), in mu. */
    t.decimal('done_mu', 12, 2).notNullable();
    t.text('note');
    /** Why the record goes back (a lower status or less area than the one before). */
    t.text('reason');
    t.integer('photo_id');
    /** Null for records the system made (demo load, this migration). */
    t.integer('recorded_by').references('id').inTable('users');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['parcel_id', 'recorded_on', 'id']);
    t.check('?? >= 0', ['done_mu']);
  });
  // The ledger's photos (migration 005) when that table is there.
  if (await knex.schema.hasTable('photos')) {
    await knex.schema.alterTable('restoration_progress', (t) => t.foreign('photo_id').references('id').inTable('photos'));
  }
  await makeAppendOnly(knex, 'restoration_progress', 'restoration progress records are never changed or deleted');

  await knex.schema.createTable('restoration_targets', (t) => {
    t.increments('id').primary();
    t.integer('year').notNullable();
    t.jsonb('categories').notNullable();
    t.decimal('target_mu', 12, 2).notNullable();
    t.text('source').notNullable();
    t.check(categoriesCheck('categories'));
    t.check('?? >= 0', ['target_mu']);
  });

  await knex.schema.createTable('restoration_stated_totals', (t) => {
    t.increments('id').primary();
    t.text('label_zh').notNullable();
    t.text('label_en').notNullable();
    t.integer('from_year').notNullable();
    t.integer('to_year').notNullable();
    t.jsonb('categories').notNullable();
    t.decimal('stated_mu', 12, 2).notNullable();
    t.text('source').notNullable();
    t.check(categoriesCheck('categories'));
    t.check('?? <= ??', ['from_year', 'to_year']);
  });

  await moveStatusesIntoRecords(knex);
  await knex.schema.alterTable('restoration_parcels', (t) => {
    t.dropColumn('restoration_status');
    t.dropColumn('completed_on');
  });

  await knex.raw('ALTER TABLE layer_settings ALTER COLUMN is_public DROP NOT NULL');
  await knex.schema.alterTable('layer_settings', (t) => {
    t.jsonb('hidden_fields').notNullable().defaultTo('[]');
  });
}

/** Parcels that already have a status get the records that stand for it (see `legacyProgress`). */
async function moveStatusesIntoRecords(knex: Knex): Promise<void> {
  const parcels: {
    id: number;
    plannedYear: number;
    status: RestorationStatus;
    completedOn: string | null;
    areaMu: number;
    updatedOn: string;
  }[] = await knex('restoration_parcels')
    .whereNot('restoration_status', 'planned')
    .select(
      'id',
      'planned_year AS plannedYear',
      'restoration_status AS status',
      knex.raw(`to_char(completed_on, 'YYYY-MM-DD') AS "completedOn"`),
      knex.raw(`round((ST_Area(geom::geography) * 15 / 10000)::numeric, 2)::float8 AS "areaMu"`),
      knex.raw(`to_char(updated_at, 'YYYY-MM-DD') AS "updatedOn"`),
    )
    .orderBy('id');
  for (const parcel of parcels) {
    const records = legacyProgress({ ...parcel, fallbackDate: parcel.updatedOn });
    for (const record of records) {
      await knex('restoration_progress').insert({
        parcel_id: parcel.id,
        recorded_on: record.recordedOn,
        status: record.status,
        done_mu: record.doneMu,
        note: record.note,
      });
    }
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('layer_settings', (t) => t.dropColumn('hidden_fields'));
  await knex('layer_settings').whereNull('is_public').delete();
  await knex.raw('ALTER TABLE layer_settings ALTER COLUMN is_public SET NOT NULL');
  await knex.schema.alterTable('restoration_parcels', (t) => {
    t.text('restoration_status').notNullable().defaultTo('planned').checkIn([...RESTORATION_STATUSES]);
    t.date('completed_on');
  });
  await knex.raw(`
    UPDATE restoration_parcels p SET restoration_status = r.status,
      completed_on = CASE WHEN r.status IN ('completed', 'accepted') THEN r.recorded_on END
      FROM (SELECT DISTINCT ON (parcel_id) parcel_id, status, recorded_on FROM restoration_progress
             ORDER BY parcel_id, recorded_on DESC, id DESC) r
     WHERE r.parcel_id = p.id`);
  await knex.schema.dropTableIfExists('restoration_stated_totals');
  await knex.schema.dropTableIfExists('restoration_targets');
  await knex.schema.dropTableIfExists('restoration_progress');
  await dropAppendOnly(knex, 'restoration_progress');
}

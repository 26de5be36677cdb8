import type { Knex } from 'knex';
import { LEDGER_SOURCES, LEDGER_STATUSES, VIOLATION_TYPES } from '@mpm/domain';
import { dropAppendOnly, makeAppendOnly } from './append-only.ts';

/**
 * The problem ledger (问题台账), its history and the photos. An entry's status and details change
 * in place (with a `revision` that guards against stale copies) but the entry is never deleted;
 * every change is an event in `ledger_events`, which nothing may change or erase. Photos are files
 * under the photo directory; a row holds the path relative to it. A tip-off's receipt code is kept
 * only as a SHA-256 hash (`receipt_hash`) and its first characters (`receipt_hint`).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('ledger_entries', (t) => {
    t.increments('id').primary();
    t.text('title').notNullable();
    t.text('source').notNullable().checkIn([...LEDGER_SOURCES]);
    t.text('status').notNullable().defaultTo('pending').checkIn([...LEDGER_STATUSES]);
    t.text('violation_type').checkIn([...VIOLATION_TYPES]);
    t.text('responsible_unit');
    t.date('deadline');
    /** The township containing the site's centre, derived from the geometry when the entry is made. */
    t.text('township_code').references('admin_code').inTable('admin_areas');
    /** The change patch this entry was made from; at most one entry per patch. */
    t.integer('patch_id').unique().references('id').inTable('change_patches');
    /** The site card the entry was made from, verbatim. */
    t.jsonb('site_card');
    t.text('receipt_hash').unique();
    t.text('receipt_hint');
    /** A tip-off reporter's contact (staff only). */
    t.text('reporter_contact');
    t.integer('revision').notNullable().defaultTo(1);
    /** Null for a public tip-off. */
    t.integer('created_by').references('id').inTable('users');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['status']);
    t.index(['township_code']);
    t.check('?? >= 1', ['revision']);
  });
  await knex.raw('ALTER TABLE ledger_entries ADD COLUMN geom geometry(Geometry, 4490) NOT NULL');
  await knex.raw(
    "ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_geom_type CHECK (GeometryType(geom) IN ('POINT', 'POLYGON', 'MULTIPOLYGON'))",
  );
  await knex.raw('CREATE INDEX ledger_entries_geom_idx ON ledger_entries USING gist (geom)');
  // Entries change status but are never erased.
  await knex.raw(`
    CREATE FUNCTION ledger_entries_never_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'ledger entries are never deleted';
    END $$`);
  await knex.raw(
    'CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries FOR EACH ROW EXECUTE FUNCTION ledger_entries_never_deleted()',
  );
  await knex.raw(
    'CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_never_deleted()',
  );

  await knex.schema.createTable('photos', (t) => {
    t.increments('id').primary();
    t.text('sha256').notNullable();
    t.text('mime_type').notNullable().checkIn(['image/jpeg', 'image/png', 'image/webp']);
    t.integer('width').notNullable();
    t.integer('height').notNullable();
    t.integer('size_bytes').notNullable();
    /** Relative to the photo directory (`PHOTOS_DIR`). */
    t.text('path').notNullable().unique();
    /** The ledger entry the photo documents, if any. */
    t.integer('ledger_entry_id').references('id').inTable('ledger_entries');
    /** Null for a photo sent with a public tip-off. */
    t.integer('uploaded_by').references('id').inTable('users');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['ledger_entry_id']);
  });

  await knex.schema.createTable('ledger_events', (t) => {
    t.bigIncrements('id').primary();
    t.integer('entry_id').notNullable().references('id').inTable('ledger_entries');
    t.text('kind').notNullable().checkIn(['created', 'transition', 'note', 'photo', 'edit']);
    t.text('from_status').checkIn([...LEDGER_STATUSES]);
    t.text('to_status').checkIn([...LEDGER_STATUSES]);
    t.text('note');
    /** What an edit changed (`{ field: [before, after] }`) or which photo was added. */
    t.jsonb('detail');
    /** Null for a tip-off's reporter. */
    t.integer('user_id').references('id').inTable('users');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['entry_id']);
  });
  await makeAppendOnly(knex, 'ledger_events', 'ledger history is never changed or deleted');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('ledger_events');
  await dropAppendOnly(knex, 'ledger_events');
  await knex.schema.dropTableIfExists('photos');
  await knex.schema.dropTableIfExists('ledger_entries');
  await knex.raw('DROP FUNCTION IF EXISTS ledger_entries_never_deleted()');
}

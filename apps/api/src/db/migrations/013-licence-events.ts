import type { Knex } from 'knex';
import { dropAppendOnly, makeAppendOnly } from './append-only.ts';

/** What a licence event records; the register's steps, then what other writers (imports, restores) did. */
const KINDS = ['registered', 'renewed', 'changed', 'suspended', 'resumed', 'revoked', 'imported', 'updated', 'removed'];
const RIGHT_TABLES = ['mining_rights', 'exploration_rights'];

/**
 * The licence register's history (issue #11): `licence_events`, one append-only row per change
 * of a mining or exploration right, dated by the act's effective day (not when it was typed in),
 * with its document number (文号), who recorded it, and the right as it stood after it — every
 * attribute and its boundary, numbered as geometry versions — so the register, the map and the
 * checks can be asked "as of" any past day.
 *
 * A trigger on both right tables writes the row, so no writer can change a right without its
 * history: the register's write module says what the change was (`mpm.licence_event`, set for
 * its transaction only: kind, effective day, 文号, note, user); any other writer (an import, a
 * layer restore, the demo load) is recorded as imported, updated or removed on the day it wrote.
 * A right inserted without the register counts from its first valid day. Exploration rights get
 * the status column mining rights have, so they too can be revoked.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('exploration_rights', (t) => {
    t.text('right_status').notNullable().defaultTo('active').checkIn(['active', 'suspended', 'revoked'], 'exploration_rights_status_check');
  });

  await knex.schema.createTable('licence_events', (t) => {
    t.increments('id').primary();
    t.text('collection').notNullable().checkIn(RIGHT_TABLES);
    t.integer('right_id').notNullable();
    t.text('licence_no').notNullable();
    t.text('kind').notNullable().checkIn(KINDS);
    /** The day the act takes effect (a document's date), China time. */
    t.date('effective_on').notNullable();
    t.text('document_no');
    t.text('note');
    t.integer('recorded_by').references('id').inTable('users');
    t.timestamp('recorded_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    /** The right's columns after the event (its boundary is `geom`), keyed by column name. */
    t.jsonb('attributes').notNullable();
    /** Counts up each time the boundary changes; the first boundary is 1. */
    t.integer('geometry_version').notNullable();
    t.index(['collection', 'right_id']);
    t.index(['effective_on']);
  });
  await knex.raw('ALTER TABLE licence_events ADD COLUMN geom geometry(MultiPolygon, 4490) NOT NULL');

  await knex.raw(`
    CREATE FUNCTION record_licence_event() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      context jsonb := nullif(current_setting('mpm.licence_event', true), '')::jsonb;
      r record;
      previous_version integer;
      previous_geom geometry;
    BEGIN
      IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
      SELECT geometry_version, geom INTO previous_version, previous_geom FROM licence_events
       WHERE collection = TG_TABLE_NAME AND right_id = r.id ORDER BY id DESC LIMIT 1;
      INSERT INTO licence_events (collection, right_id, licence_no, kind, effective_on, document_no, note,
                                  recorded_by, attributes, geom, geometry_version)
      VALUES (TG_TABLE_NAME, r.id, r.licence_no,
              CASE WHEN TG_OP = 'DELETE' THEN 'removed'
                   ELSE coalesce(context->>'kind', CASE TG_OP WHEN 'INSERT' THEN 'imported' ELSE 'updated' END) END,
              coalesce((context->>'effectiveOn')::date,
                       CASE WHEN TG_OP = 'INSERT' THEN r.valid_from ELSE (now() AT TIME ZONE 'Asia/Shanghai')::date END),
              context->>'documentNo', context->>'note', (context->>'recordedBy')::integer,
              to_jsonb(r) - 'geom' - 'created_at' - 'updated_at', r.geom,
              CASE WHEN previous_version IS NULL THEN 1
                   WHEN ST_Equals(previous_geom, r.geom) THEN previous_version
                   ELSE previous_version + 1 END);
      RETURN NULL;
    END $$`);

  for (const table of RIGHT_TABLES) {
    // The rights already there count from their first valid day.
    await knex.raw(
      `INSERT INTO licence_events (collection, right_id, licence_no, kind, effective_on, attributes, geom, geometry_version)
       SELECT ?, r.id, r.licence_no, 'imported', r.valid_from, to_jsonb(r) - 'geom' - 'created_at' - 'updated_at', r.geom, 1
         FROM ?? r ORDER BY r.id`,
      [table, table],
    );
    await knex.raw(`CREATE TRIGGER ${table}_licence_event AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION record_licence_event()`);
  }
  await makeAppendOnly(knex, 'licence_events', 'licence events are never changed or deleted');
}

export async function down(knex: Knex): Promise<void> {
  for (const table of RIGHT_TABLES) await knex.raw(`DROP TRIGGER IF EXISTS ${table}_licence_event ON ${table}`);
  await knex.raw('DROP FUNCTION IF EXISTS record_licence_event()');
  await knex.schema.dropTableIfExists('licence_events');
  await dropAppendOnly(knex, 'licence_events');
  await knex.schema.alterTable('exploration_rights', (t) => t.dropColumn('right_status'));
}

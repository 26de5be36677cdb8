import type { Knex } from 'knex';
import { dropAppendOnly, makeAppendOnly } from './append-only.ts';

/** What a parcel event records: the register's steps, then what other writers (imports, restores) did. */
const KINDS = ['added', 'edited', 'splitInto', 'splitFrom', 'mergedInto', 'mergedFrom', 'retired', 'imported', 'updated', 'removed'];

/**
 * The restoration parcel register's history (issue #11).
 *
 * A parcel is never deleted once it was published: it is retired (`lifecycle = 'retired'`),
 * and every layer, figure and count reads the current ones only (the catalogue selects
 * `lifecycle = 'current'`, as it selects a kind). Split and merge keep lineage: a part or a
 * merged parcel names its parents (`parent_ids`), the parents are retired, and their progress
 * records stay theirs; the new parcels get copies of them (`restoration_progress.carried_from`
 * names the records each copy was made from), so figures "as of" a past day stay the same.
 *
 * `parcel_events`, append-only, keeps one row per change of a parcel: who, when, what kind, the
 * parcels it relates to (parts, parents), and the parcel as it stood after — attributes and
 * boundary, numbered as geometry versions. A trigger writes it, so no writer changes a parcel
 * without its history: the register's write module says what the change is (`mpm.parcel_event`,
 * set for its transaction: kind, note, user, related parcels); any other writer is recorded as
 * imported, updated or removed.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('restoration_parcels', (t) => {
    t.text('lifecycle').notNullable().defaultTo('current').checkIn(['current', 'retired'], 'restoration_parcels_lifecycle_check');
  });
  await knex.raw(`ALTER TABLE restoration_parcels ADD COLUMN parent_ids integer[] NOT NULL DEFAULT '{}'`);
  await knex.raw('ALTER TABLE restoration_progress ADD COLUMN carried_from integer[]');

  await knex.schema.createTable('parcel_events', (t) => {
    t.increments('id').primary();
    t.integer('parcel_id').notNullable();
    t.text('code').notNullable();
    t.text('kind').notNullable().checkIn(KINDS);
    t.text('note');
    t.integer('recorded_by').references('id').inTable('users');
    t.timestamp('recorded_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    /** The parcel's columns after the event (its boundary is `geom`), keyed by column name. */
    t.jsonb('attributes').notNullable();
    /** Counts up each time the boundary changes; the first boundary is 1. */
    t.integer('geometry_version').notNullable();
    t.index(['parcel_id']);
  });
  await knex.raw(`ALTER TABLE parcel_events ADD COLUMN related_ids integer[] NOT NULL DEFAULT '{}'`);
  await knex.raw('ALTER TABLE parcel_events ADD COLUMN geom geometry(MultiPolygon, 4490) NOT NULL');

  await knex.raw(`
    CREATE FUNCTION record_parcel_event() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      context jsonb := nullif(current_setting('mpm.parcel_event', true), '')::jsonb;
      r record;
      previous_version integer;
      previous_geom geometry;
    BEGIN
      IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
      SELECT geometry_version, geom INTO previous_version, previous_geom FROM parcel_events
       WHERE parcel_id = r.id ORDER BY id DESC LIMIT 1;
      INSERT INTO parcel_events (parcel_id, code, kind, note, recorded_by, related_ids, attributes, geom, geometry_version)
      VALUES (r.id, r.code,
              CASE WHEN TG_OP = 'DELETE' THEN 'removed'
                   ELSE coalesce(context->>'kind', CASE TG_OP WHEN 'INSERT' THEN 'imported' ELSE 'updated' END) END,
              CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE context->>'note' END,
              CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE (context->>'recordedBy')::integer END,
              CASE WHEN TG_OP = 'DELETE' OR context->'relatedIds' IS NULL THEN '{}'
                   ELSE ARRAY(SELECT jsonb_array_elements_text(context->'relatedIds')::integer) END,
              to_jsonb(r) - 'geom' - 'created_at' - 'updated_at', r.geom,
              CASE WHEN previous_version IS NULL THEN 1
                   WHEN ST_Equals(previous_geom, r.geom) THEN previous_version
                   ELSE previous_version + 1 END);
      RETURN NULL;
    END $$`);

  // The parcels already there start their history as imported.
  await knex.raw(
    `INSERT INTO parcel_events (parcel_id, code, kind, attributes, geom, geometry_version)
     SELECT p.id, p.code, 'imported', to_jsonb(p) - 'geom' - 'created_at' - 'updated_at', p.geom, 1
       FROM restoration_parcels p ORDER BY p.id`,
  );
  await knex.raw(
    'CREATE TRIGGER restoration_parcels_event AFTER INSERT OR UPDATE OR DELETE ON restoration_parcels FOR EACH ROW EXECUTE FUNCTION record_parcel_event()',
  );
  await makeAppendOnly(knex, 'parcel_events', 'parcel events are never changed or deleted');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TRIGGER IF EXISTS restoration_parcels_event ON restoration_parcels');
  await knex.raw('DROP FUNCTION IF EXISTS record_parcel_event()');
  await knex.schema.dropTableIfExists('parcel_events');
  await dropAppendOnly(knex, 'parcel_events');
  await knex.raw('ALTER TABLE restoration_progress DROP COLUMN carried_from');
  await knex.schema.alterTable('restoration_parcels', (t) => {
    t.dropColumn('parent_ids');
    t.dropColumn('lifecycle');
  });
}

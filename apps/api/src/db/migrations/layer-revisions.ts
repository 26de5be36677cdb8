import type { Knex } from 'knex';

/**
 * The layers a table's rows are read by: all of `layers` whatever the row, or, when `column` is
 * given, each value of that column to the layers its rows belong to (`admin_areas.level`:
 * `township` → `townships` and `restoration_parcels`, whose township name comes from it).
 */
export type LayerSource = { table: string; layers: string[] } | { table: string; column: string; byValue: Record<string, string[]> };

/** What each trigger of {@link bumpLayerRevisions} fires on, and the transition tables it sees. */
const EVENTS = [
  { event: 'INSERT', transition: 'REFERENCING NEW TABLE AS new_rows' },
  { event: 'UPDATE', transition: 'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows' },
  { event: 'DELETE', transition: 'REFERENCING OLD TABLE AS old_rows' },
  // Transition tables cannot be asked for on TRUNCATE: it empties every layer of the table.
  { event: 'TRUNCATE', transition: '' },
];

const triggerName = (table: string, event: string) => `${table}_layer_revision_${event.toLowerCase()}`;

/**
 * Makes every statement that changes `source.table` move on the data revision
 * (`layer_data_revisions`) of the layers it changed, in the writer's own transaction: by
 * statement-level triggers, so no write path (an import, a restore, the licence register, one not
 * written yet) can change a layer without it. A table shared by several layers looks at the rows
 * the statement touched (transition tables, one trigger per event as PostgreSQL requires) and
 * moves on only their layers. The triggers' arguments are the column ('' for none) and
 * `value=layer` (or `layer`) pairs.
 */
export async function bumpLayerRevisions(knex: Knex, source: LayerSource): Promise<void> {
  const split = 'column' in source;
  const args = split
    ? [source.column, ...Object.entries(source.byValue).flatMap(([value, layers]) => layers.map((layer) => `${value}=${layer}`))]
    : ['', ...source.layers];
  const list = args.map((arg) => `'${arg.replaceAll("'", "''")}'`).join(', ');
  for (const { event, transition } of EVENTS) {
    await knex.raw(
      `CREATE TRIGGER ${triggerName(source.table, event)} AFTER ${event} ON ${source.table} ${split ? transition : ''}
         FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_revisions(${list})`,
    );
  }
}

/** Removes the triggers of {@link bumpLayerRevisions} from `table`. */
export async function dropLayerRevisions(knex: Knex, table: string): Promise<void> {
  for (const { event } of EVENTS) await knex.raw(`DROP TRIGGER IF EXISTS ${triggerName(table, event)} ON ${table}`);
}

/** The transaction's setting that lists the layers it changed (see {@link BUMP_FUNCTION}). */
export const CHANGED_LAYERS_SETTING = 'mpm.changed_layers';

/**
 * The trigger function. A revision is the greater of the last one plus one and the clock in
 * microseconds, so it never repeats even after the database is restored from a backup: a tile
 * cached (or an ETag kept by a browser) under a revision can never stand for other data. The
 * layers it moved on are also added to the transaction's {@link CHANGED_LAYERS_SETTING} (a local
 * setting: gone at its end, undone with a savepoint), so the writer can tell which layers its
 * transaction changed without reading the revisions (migration 040).
 */
export const BUMP_FUNCTION = `
  CREATE OR REPLACE FUNCTION bump_layer_revisions() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    split_column text := TG_ARGV[0];
    touched text[];
    changed text[] := '{}';
    arg text;
    now_us bigint := (extract(epoch FROM clock_timestamp()) * 1e6)::bigint;
  BEGIN
    IF split_column <> '' AND TG_OP <> 'TRUNCATE' THEN
      IF TG_OP = 'INSERT' THEN
        EXECUTE format('SELECT array_agg(DISTINCT %I::text) FROM new_rows', split_column) INTO touched;
      ELSIF TG_OP = 'DELETE' THEN
        EXECUTE format('SELECT array_agg(DISTINCT %I::text) FROM old_rows', split_column) INTO touched;
      ELSE
        EXECUTE format('SELECT array_agg(DISTINCT v) FROM (SELECT %1$I::text AS v FROM new_rows
                        UNION ALL SELECT %1$I::text FROM old_rows) s', split_column) INTO touched;
      END IF;
    END IF;
    FOR i IN 1 .. TG_NARGS - 1 LOOP
      arg := TG_ARGV[i];
      IF split_column = '' THEN
        changed := changed || arg;
      ELSIF TG_OP = 'TRUNCATE' OR split_part(arg, '=', 1) = ANY (coalesce(touched, '{}')) THEN
        changed := changed || split_part(arg, '=', 2);
      END IF;
    END LOOP;
    INSERT INTO layer_data_revisions AS r (layer_id, revision)
      SELECT layer, now_us FROM (SELECT DISTINCT unnest(changed) AS layer) s ORDER BY layer
      ON CONFLICT (layer_id) DO UPDATE SET revision = greatest(r.revision + 1, EXCLUDED.revision);
    IF cardinality(changed) > 0 THEN
      PERFORM set_config('${CHANGED_LAYERS_SETTING}',
        concat_ws(',', nullif(current_setting('${CHANGED_LAYERS_SETTING}', true), ''), array_to_string(changed, ',')), true);
    END IF;
    RETURN NULL;
  END $$`;

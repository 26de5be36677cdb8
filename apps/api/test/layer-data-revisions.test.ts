import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTION_IDS, type CollectionId } from '@mpm/domain';
import { LAYER_TABLES } from '../src/plugins/app/layers/layer-tables.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';

/** A small square (EPSG:4490) inside the demo county, as a MultiPolygon. */
const SQUARE = 'ST_GeomFromText(\'MULTIPOLYGON(((108.40 35.45, 108.401 35.45, 108.401 35.451, 108.40 35.451, 108.40 35.45)))\', 4490)';

/** Every table a layer's features are read from: its own, and those its derived fields select from. */
function tablesRead(id: CollectionId): string[] {
  const layer = LAYER_TABLES[id];
  const named = Object.values(layer.expressions ?? {}).flatMap((sql) => [...sql.matchAll(/\b(?:FROM|JOIN)\s+([a-z_]+)/gi)].map((m) => m[1]));
  return [...new Set([layer.table, ...named])];
}

describe.each(TEST_DATABASES)('layer data revisions on %s', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  const revisions = async (): Promise<Record<string, bigint>> => {
    const rows: { layer_id: string; revision: string }[] = await t.db.knex('layer_data_revisions').select('layer_id', 'revision');
    return Object.fromEntries(rows.map((row) => [row.layer_id, BigInt(row.revision)]));
  };
  /** The layers whose revision moved on while `write` ran. */
  const moved = async (write: () => Promise<unknown>): Promise<string[]> => {
    const before = await revisions();
    await write();
    const after = await revisions();
    for (const id of Object.keys(after)) expect(after[id] >= (before[id] ?? 0n), id).toBe(true);
    return Object.keys(after).filter((id) => after[id] !== before[id]).sort();
  };

  it('starts every layer with a revision', async () => {
    expect(Object.keys(await revisions()).sort()).toEqual([...COLLECTION_IDS].sort());
  });

  it('moves on exactly the layers a statement changed, whoever writes', async () => {
    const knex = t.db.knex;
    const insertFarmland = () =>
      knex.raw(`INSERT INTO protected_areas (kind, name, geom) VALUES ('farmland', '测试耕地', ${SQUARE}) RETURNING id`);
    let id = 0;
    expect(await moved(async () => (id = (await insertFarmland()).rows[0].id))).toEqual(['farmland']);
    expect(await moved(() => knex('protected_areas').where({ id }).update({ name: '测试耕地二' }))).toEqual(['farmland']);
    expect(await moved(() => knex('protected_areas').where({ id }).update({ kind: 'eco_redline' }))).toEqual(['eco_redline', 'farmland']);
    expect(await moved(() => knex('protected_areas').where({ id }).delete())).toEqual(['eco_redline']);
    expect(await moved(() => knex('protected_areas').where({ id: -1 }).delete())).toEqual([]);
    expect(await moved(() => knex('mining_rights').update({ mine_name: knex.raw('mine_name') }))).toEqual(['mining_rights']);
    const township = await knex('admin_areas').where({ level: 'township' }).first('id');
    expect(await moved(() => knex('admin_areas').where({ id: township.id }).update({ name: '改名镇' }))).toEqual(['restoration_parcels', 'townships']);
    const parcel = await knex('restoration_parcels').first('id');
    const progress = () => knex('restoration_progress').insert({ parcel_id: parcel.id, status: 'underWay', recorded_on: '2025-06-01', done_mu: 1 });
    expect(await moved(progress)).toEqual(['restoration_parcels']);
    const hide = () => knex('layer_settings').insert({ layer_id: 'farmland', is_public: true, hidden_fields: '["name"]' }).onConflict('layer_id').merge();
    expect(await moved(hide)).toEqual(['farmland']);
    expect(await moved(hide)).toEqual(['farmland']);
    expect(await moved(() => knex.transaction(async (trx) => {
      await trx.raw(`INSERT INTO protected_areas (kind, name, geom) VALUES ('water_sources', '回滚', ${SQUARE})`);
      throw new Error('rolled back');
    }).catch(() => undefined))).toEqual([]);
  });

  it('has a trigger on every table a layer is read from, and on its settings, moving on that layer', async () => {
    const rows: { table_name: string; args: string }[] = (
      await t.db.knex.raw(`SELECT c.relname AS table_name, encode(t.tgargs, 'escape') AS args
        FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
        WHERE p.proname = 'bump_layer_revisions'`)
    ).rows;
    const bumped = (table: string) =>
      rows.filter((row) => row.table_name === table).flatMap((row) => row.args.split('\\000').slice(1).map((arg) => arg.split('=').at(-1)));
    for (const id of COLLECTION_IDS) {
      for (const table of tablesRead(id)) expect(bumped(table), `${id} reads ${table}`).toContain(id);
      // Its publication (who sees it, which fields) decides its tiles too.
      expect(bumped('layer_settings'), `${id} settings`).toContain(id);
    }
    expect(tablesRead('restoration_parcels')).toEqual(expect.arrayContaining(['restoration_progress', 'admin_areas']));
  });
});

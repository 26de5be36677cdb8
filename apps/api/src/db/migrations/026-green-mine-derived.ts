import type { Knex } from 'knex';
import { bumpLayerRevisions, dropLayerRevisions } from './layer-revisions.ts';

/**
 * A mine's 绿色矿山 flag has one source, the green-mine directory (`green_mines`, 019, issue #15):
 * the stored `mining_rights.green_mine` could say a mine was green while the directory recorded
 * its exit (the demo's coal mine did). The column goes; the mining-right layer derives the flag
 * from the listings in force (`LAYER_TABLES`), so a write to the directory moves on the layer's
 * data revision, as any table a layer is read from must (014). A stored `true` with no listing
 * is not turned into one: a listing needs its level and day, which the flag never held.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('mining_rights', (t) => t.dropColumn('green_mine'));
  await bumpLayerRevisions(knex, { table: 'green_mines', layers: ['mining_rights'] });
}

export async function down(knex: Knex): Promise<void> {
  await dropLayerRevisions(knex, 'green_mines');
  await knex.schema.alterTable('mining_rights', (t) => t.boolean('green_mine').notNullable().defaultTo(false));
  await knex.raw(
    `UPDATE mining_rights r SET green_mine = EXISTS (SELECT 1 FROM green_mines g WHERE g.mining_right_id = r.id
       AND g.listed_on <= (now() AT TIME ZONE 'Asia/Shanghai')::date
       AND (g.delisted_on IS NULL OR g.delisted_on > (now() AT TIME ZONE 'Asia/Shanghai')::date))`,
  );
}

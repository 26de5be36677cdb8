import type { Knex } from 'knex';
import { GREEN_MINE_LEVELS, RIGHT_COLLECTIONS } from '@mpm/domain';
import { dropAppendOnly, makeAppendOnly } from './append-only.ts';

/** The sweep's problems as 019 made them. */
export const SWEEP_PROBLEMS_019 = [
  'belowMinimumScale',
  'inEcoRedline',
  'onPermanentFarmland',
  'inProhibitedArea',
  'inFourAreas',
  'noFundAccount',
  'fundNotProvisioned',
  'greenMineRequired',
  'licenceExpiredProblem',
  'licenceExpiringProblem',
  'holderSanctioned',
] as const;

/** Who saved a register record last and when, and how many times (the 409's version). */
function stamped(t: Knex.CreateTableBuilder, knex: Knex) {
  t.integer('version').notNullable().defaultTo(1);
  t.integer('updated_by').references('id').inTable('users');
  t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
}

/**
 * The registers and the stored runs of the sweep of existing mines (存量矿山排查, issue #15):
 * - `sanctions`: holders on the 矿业权人异常名录 / 严重违法失信名单 (seed 004), each listing with
 *   its reason, day and 文号 (required: a listing is a decision), and its delisting;
 * - `green_mines`: the 绿色矿山名录 (seeds 002, 004), one row per listing of a mining right at a
 *   level, with the day it was listed and, for an exit, the day and reason (rows are kept: the
 *   directory is dynamic and its exits are shown);
 * - `mining_rights.restoration_fund_provisioned`: whether the restoration fund is provisioned as
 *   its rules require (seed 002 “未按基金管理制度计提”); null until the bureau has judged it;
 * - `sweep_runs` and `sweep_findings`: each run and its table by right and problem;
 * - `sweep_leads`: the ledger lead made from a right's problem, at most one per right and problem
 *   (the primary key enforces it, whatever run the finding came from); never changed or deleted.
 * Dates upside down and a blank 文号 are refused by the database too, not only by the API.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sanctions', (t) => {
    t.increments('id').primary();
    t.text('holder').notNullable();
    t.text('reason').notNullable();
    t.date('listed_on').notNullable();
    t.text('document_no').notNullable();
    t.date('delisted_on');
    t.text('delisting_reason');
    stamped(t, knex);
    t.index(['holder']);
    t.check(`btrim(??) <> ''`, ['document_no'], 'sanctions_document_no');
    t.check('?? IS NULL OR ?? >= ??', ['delisted_on', 'delisted_on', 'listed_on'], 'sanctions_dates');
  });

  await knex.schema.createTable('green_mines', (t) => {
    t.increments('id').primary();
    t.integer('mining_right_id').notNullable().references('id').inTable('mining_rights');
    t.text('level').notNullable().checkIn([...GREEN_MINE_LEVELS]);
    t.date('listed_on').notNullable();
    t.text('document_no');
    t.date('delisted_on');
    t.text('delisting_reason');
    stamped(t, knex);
    t.index(['mining_right_id']);
    t.check('?? IS NULL OR ?? >= ??', ['delisted_on', 'delisted_on', 'listed_on'], 'green_mines_dates');
  });

  await knex.schema.alterTable('mining_rights', (t) => {
    t.boolean('restoration_fund_provisioned');
  });

  await knex.schema.createTable('sweep_runs', (t) => {
    t.increments('id').primary();
    t.text('trigger').notNullable().checkIn(['manual', 'scheduled']);
    t.date('as_of').notNullable();
    t.timestamp('ran_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    /** Null for a scheduled run. */
    t.integer('ran_by').references('id').inTable('users');
    t.integer('ruleset_version').notNullable();
    t.integer('rights_swept').notNullable();
  });

  await knex.schema.createTable('sweep_findings', (t) => {
    t.increments('id').primary();
    t.integer('run_id').notNullable().references('id').inTable('sweep_runs');
    t.text('collection').notNullable().checkIn([...RIGHT_COLLECTIONS]);
    t.integer('right_id').notNullable();
    t.text('licence_no').notNullable();
    t.text('mine_name');
    t.text('holder');
    t.text('township_code');
    t.text('problem').notNullable().checkIn([...SWEEP_PROBLEMS_019]);
    t.jsonb('detail').notNullable();
    t.jsonb('legal_basis').notNullable();
    t.unique(['run_id', 'collection', 'right_id', 'problem']);
    t.index(['run_id']);
  });

  await knex.schema.createTable('sweep_leads', (t) => {
    t.text('collection').notNullable().checkIn([...RIGHT_COLLECTIONS]);
    t.integer('right_id').notNullable();
    t.text('problem').notNullable().checkIn([...SWEEP_PROBLEMS_019]);
    t.integer('entry_id').notNullable().unique().references('id').inTable('ledger_entries');
    t.integer('finding_id').notNullable().references('id').inTable('sweep_findings');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['collection', 'right_id', 'problem']);
  });
  await makeAppendOnly(knex, 'sweep_leads', 'a sweep lead is never changed or deleted');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('sweep_leads');
  await dropAppendOnly(knex, 'sweep_leads');
  await knex.schema.dropTableIfExists('sweep_findings');
  await knex.schema.dropTableIfExists('sweep_runs');
  await knex.schema.alterTable('mining_rights', (t) => t.dropColumn('restoration_fund_provisioned'));
  await knex.schema.dropTableIfExists('green_mines');
  await knex.schema.dropTableIfExists('sanctions');
}

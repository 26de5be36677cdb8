import type { Knex } from 'knex';
import { HANDOVER_DEPARTMENTS, HANDOVER_STATUSES, LEDGER_SOURCES, REPORT_KINDS, TASK_STATUSES, VIOLATION_TYPES } from '@mpm/domain';

/** What a ledger event records (005's kinds and the hand-over's two steps). */
const EVENT_KINDS = ['created', 'transition', 'note', 'photo', 'edit', 'handover', 'handoverResult'];

const inList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * The ledger as the campaigns run it, and the campaigns themselves (issue #15; seeds 000–003).
 *
 * Ledger entries gain the responsible person (责任人员) beside the unit and the rectification
 * measures (整改措施); the source and violation lists grow to the campaigns' own (排查, 扫黑除恶,
 * 媒体, 企业自查; 破坏性采矿, 圈而不探 …), so their checks are re-made from the domain's lists. A
 * hand-over (移交) to 公安 / 应急管理 / 生态环境 is a row naming the receiving department, the date,
 * and once it is concluded its case number and result; the entry's history records both steps.
 *
 * A campaign (专项行动) is data: its phases with dates, its tasks (responsible units, 完成时限 as a
 * date and as the document words it, status, evidence) and its reporting rhythm; reports sent are
 * rows, so the calendar can tell what is due and what is late.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('ledger_entries', (t) => {
    t.text('responsible_person');
    t.text('rectification_measures');
  });
  // 005 made these checks from the lists as they stood; a database made then has the short lists.
  await knex.raw('ALTER TABLE ledger_entries DROP CONSTRAINT IF EXISTS ledger_entries_source_check');
  await knex.raw('ALTER TABLE ledger_entries DROP CONSTRAINT IF EXISTS ledger_entries_violation_type_check');
  await knex.raw(`ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_source_check CHECK (source IN (${inList(LEDGER_SOURCES)}))`);
  await knex.raw(
    `ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_violation_type_check CHECK (violation_type IN (${inList(VIOLATION_TYPES)}))`,
  );
  await knex.raw('ALTER TABLE ledger_events DROP CONSTRAINT IF EXISTS ledger_events_kind_check');
  await knex.raw(`ALTER TABLE ledger_events ADD CONSTRAINT ledger_events_kind_check CHECK (kind IN (${inList(EVENT_KINDS)}))`);

  await knex.schema.createTable('ledger_handovers', (t) => {
    t.increments('id').primary();
    t.integer('entry_id').notNullable().references('id').inTable('ledger_entries');
    t.text('department').notNullable().checkIn([...HANDOVER_DEPARTMENTS], 'ledger_handovers_department_check');
    /** The receiving body by name (新宾县公安局). */
    t.text('receiving_department').notNullable();
    t.date('handed_over_on').notNullable();
    t.text('status').notNullable().defaultTo('handedOver').checkIn([...HANDOVER_STATUSES], 'ledger_handovers_status_check');
    /** The receiving department's case number (接收案号) and its result, once concluded. */
    t.text('case_number');
    t.text('result');
    t.date('concluded_on');
    t.integer('created_by').references('id').inTable('users');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['entry_id']);
    t.check(`status = 'handedOver' OR (case_number IS NOT NULL AND result IS NOT NULL AND concluded_on IS NOT NULL)`, [], 'ledger_handovers_concluded_check');
  });

  await knex.schema.createTable('campaigns', (t) => {
    t.increments('id').primary();
    t.text('code').notNullable().unique();
    t.text('name').notNullable();
    /** The document it comes from (seed and title). */
    t.text('source').notNullable();
    /** Why this county carries it (e.g. borrowed from Xinbin for the demo). */
    t.text('note');
    t.date('starts_on').notNullable();
    t.date('ends_on').notNullable();
    t.integer('monthly_day').notNullable();
    t.integer('half_year_day').notNullable();
    t.integer('annual_day').notNullable();
    t.date('plan_due_on');
    t.date('reporting_from').notNullable();
    t.check('?? BETWEEN 1 AND 28 AND ?? BETWEEN 1 AND 30 AND ?? BETWEEN 1 AND 31', ['monthly_day', 'half_year_day', 'annual_day']);
    t.check('?? <= ??', ['starts_on', 'ends_on']);
  });

  await knex.schema.createTable('campaign_phases', (t) => {
    t.increments('id').primary();
    t.integer('campaign_id').notNullable().references('id').inTable('campaigns');
    t.integer('ordinal').notNullable();
    t.text('name').notNullable();
    t.date('starts_on').notNullable();
    t.date('ends_on').notNullable();
    /** The dates as the document words them (2019年10月至2020年12月). */
    t.text('source_text');
    t.unique(['campaign_id', 'ordinal']);
    t.check('?? <= ??', ['starts_on', 'ends_on']);
  });

  await knex.schema.createTable('campaign_tasks', (t) => {
    t.increments('id').primary();
    t.integer('phase_id').notNullable().references('id').inTable('campaign_phases');
    t.integer('ordinal').notNullable();
    t.text('title').notNullable();
    /** The units as listed, lead unit first. */
    t.jsonb('responsible_units').notNullable();
    /** Null for a task that runs the whole campaign (贯穿专项行动全过程). */
    t.date('deadline');
    /** 完成时限 as the document words it. */
    t.text('deadline_text');
    /** Where in the document (seed and section). */
    t.text('source_ref');
    t.text('status').notNullable().defaultTo('notStarted').checkIn([...TASK_STATUSES], 'campaign_tasks_status_check');
    t.text('evidence');
    t.integer('revision').notNullable().defaultTo(1);
    t.integer('updated_by').references('id').inTable('users');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['phase_id', 'ordinal']);
  });

  await knex.schema.createTable('campaign_reports', (t) => {
    t.increments('id').primary();
    t.integer('campaign_id').notNullable().references('id').inTable('campaigns');
    t.text('kind').notNullable().checkIn([...REPORT_KINDS], 'campaign_reports_kind_check');
    /** `plan`, `2020-06`, `2020-H1` or `2020`. */
    t.text('period').notNullable();
    t.date('submitted_on').notNullable();
    t.text('note');
    t.integer('submitted_by').references('id').inTable('users');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['campaign_id', 'kind', 'period']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['campaign_reports', 'campaign_tasks', 'campaign_phases', 'campaigns', 'ledger_handovers']) {
    await knex.schema.dropTableIfExists(table);
  }
  await knex.schema.alterTable('ledger_entries', (t) => {
    t.dropColumn('responsible_person');
    t.dropColumn('rectification_measures');
  });
}

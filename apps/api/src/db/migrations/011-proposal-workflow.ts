import type { Knex } from 'knex';
import { dropAppendOnly, makeAppendOnly } from './append-only.ts';
import { allowValues } from './check-constraint.ts';

const STATUSES = ['draft', 'submitted', 'returned', 'withdrawn', 'approved', 'licensed', 'deleted'];
const STEPS = ['submit', 'withdraw', 'approve', 'return', 'delete', 'license'];

/**
 * The proposal workflow (issue #11): the reviewer role (审核员); each proposal's status, a
 * revision counted up by every write to it (the version a step is based on), who wrote it last
 * and when, and the licence it became; and `proposal_events`, the append-only history of its
 * steps (送审, 撤回, 同意, 退回 with its comment, 删除, 登记为矿业权) with who and when.
 * Existing proposals start as drafts. A deleted draft keeps its row (status `deleted`): its
 * versions are append-only and the audit log names it.
 */
export async function up(knex: Knex): Promise<void> {
  await allowValues(knex, 'users', 'role', ['inspector', 'planner', 'reviewer', 'admin']);

  await knex.schema.alterTable('proposals', (t) => {
    t.text('status').notNullable().defaultTo('draft').checkIn(STATUSES, 'proposals_status_check');
    t.integer('revision').notNullable().defaultTo(1);
    t.integer('updated_by').references('id').inTable('users');
    t.timestamp('updated_at', { useTz: true });
    /** The licence number the approved proposal was registered as (status `licensed`). */
    t.text('granted_licence_no');
    t.index(['status']);
  });
  await knex.raw('ALTER TABLE proposals ADD CONSTRAINT proposals_revision_positive CHECK (revision >= 1)');
  // Who wrote a proposal last and when: its current version's author, until a step says otherwise.
  await knex.raw(`
    UPDATE proposals p SET updated_by = v.created_by, updated_at = v.created_at
    FROM proposal_versions v WHERE v.proposal_id = p.id AND v.version = p.current_version`);
  await knex.raw('UPDATE proposals SET updated_by = created_by, updated_at = created_at WHERE updated_at IS NULL');
  await knex.raw('ALTER TABLE proposals ALTER COLUMN updated_by SET NOT NULL, ALTER COLUMN updated_at SET NOT NULL');
  await knex.raw('ALTER TABLE proposals ALTER COLUMN updated_at SET DEFAULT now()');

  await knex.schema.createTable('proposal_events', (t) => {
    t.increments('id').primary();
    t.integer('proposal_id').notNullable().references('id').inTable('proposals');
    t.text('step').notNullable().checkIn(STEPS);
    t.text('from_status').notNullable().checkIn(STATUSES);
    t.text('to_status').notNullable().checkIn(STATUSES);
    /** The content version the step concerned (the one submitted, approved, returned…). */
    t.integer('version').notNullable();
    t.text('comment');
    t.text('licence_no');
    t.integer('created_by').notNullable().references('id').inTable('users');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['proposal_id']);
  });
  await makeAppendOnly(knex, 'proposal_events', 'proposal events are never changed or deleted');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('proposal_events');
  await dropAppendOnly(knex, 'proposal_events');
  await knex.schema.alterTable('proposals', (t) => {
    t.dropIndex(['status']);
    t.dropColumn('granted_licence_no');
    t.dropColumn('updated_at');
    t.dropColumn('updated_by');
    t.dropColumn('revision');
    t.dropColumn('status');
  });
  await knex('users').where({ role: 'reviewer' }).update({ role: 'planner' });
  await allowValues(knex, 'users', 'role', ['inspector', 'planner', 'admin']);
}

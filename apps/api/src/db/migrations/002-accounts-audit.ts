import type { Knex } from 'knex';
import { dropAppendOnly, makeAppendOnly } from './append-only.ts';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (t) => {
    t.increments('id').primary();
    t.text('username').notNullable().unique();
    t.text('display_name').notNullable();
    t.text('password_hash').notNullable();
    t.text('role').notNullable().checkIn(['inspector', 'planner', 'admin']);
    t.boolean('disabled').notNullable().defaultTo(false);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('sessions', (t) => {
    /** SHA-256 of the cookie token: a leaked table does not give away live sessions. */
    t.text('token_hash').primary();
    t.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.index(['user_id']);
  });

  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('id').primary();
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.integer('user_id').references('id').inTable('users');
    t.text('action').notNullable();
    t.text('entity').notNullable();
    t.text('entity_id');
    t.jsonb('detail');
    t.index(['entity', 'entity_id']);
  });
  // The database itself refuses to change or erase history.
  await makeAppendOnly(knex, 'audit_log', 'audit_log is append-only');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('audit_log');
  await dropAppendOnly(knex, 'audit_log');
  await knex.schema.dropTableIfExists('sessions');
  await knex.schema.dropTableIfExists('users');
}

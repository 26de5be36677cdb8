import type { Knex } from 'knex';

/**
 * User administration (issue #11): each account gets a version (the optimistic-concurrency
 * counter every admin write checks), who changed it last and when, when its user last signed in,
 * and whether its password was reset by an admin and must be changed at the next sign-in.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.integer('updated_by').references('id').inTable('users');
    t.timestamp('last_sign_in_at', { useTz: true });
    t.boolean('must_change_password').notNullable().defaultTo(false);
  });
  await knex.raw('ALTER TABLE users ADD CONSTRAINT users_version_positive CHECK (version >= 1)');
  await knex('users').update({ updated_at: knex.ref('created_at') });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.dropColumn('must_change_password');
    t.dropColumn('last_sign_in_at');
    t.dropColumn('updated_by');
    t.dropColumn('updated_at');
    t.dropColumn('version');
  });
}

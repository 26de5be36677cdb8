import type { Knex } from 'knex';

/** Placeholder: filled in by the feature that owns it. */
export async function up(_knex: Knex): Promise<void> {}

export async function down(_knex: Knex): Promise<void> {}

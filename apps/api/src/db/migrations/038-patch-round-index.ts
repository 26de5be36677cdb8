import type { Knex } from 'knex';

/**
 * Change patches by detection round (issue #13): classifying one round (`GET /api/patches?round=`,
 * a 5 000-patch round after loading it) read every patch of every round before; at a province's
 * 200 000 patches (`pnpm bench:province`) that was the one hot query not bounded by an index.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE INDEX change_patches_detection_round_index ON change_patches (detection_round)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS change_patches_detection_round_index');
}

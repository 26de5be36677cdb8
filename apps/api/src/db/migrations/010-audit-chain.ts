import type { Knex } from 'knex';
import { GENESIS_HASH, entryHash } from '../../plugins/app/audit/audit-chain.ts';
import { chainEntry } from '../../plugins/app/audit/audit-repository.ts';

/**
 * Chains the audit log (tamper-evident): each entry gets the hash of the one before (`prev_hash`)
 * and its own (`hash`). Entries already written are chained in id order, with the append-only
 * trigger lifted for that alone.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('audit_log', (t) => {
    t.text('prev_hash');
    t.text('hash');
  });
  await knex.raw('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
  const rows = await knex('audit_log')
    .select(
      'id',
      knex.raw(`to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at`),
      'user_id',
      'action',
      'entity',
      'entity_id',
      'detail',
    )
    .orderBy('id');
  let prev = GENESIS_HASH;
  for (const row of rows) {
    const hash = entryHash(prev, chainEntry({ ...row, prev_hash: prev, hash: '' }));
    await knex('audit_log').where({ id: row.id }).update({ prev_hash: prev, hash });
    prev = hash;
  }
  await knex.raw('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
  await knex.raw('ALTER TABLE audit_log ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE audit_log DROP COLUMN prev_hash, DROP COLUMN hash');
}

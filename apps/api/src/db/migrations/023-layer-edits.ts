import type { Knex } from 'knex';
import { allowValues } from './check-constraint.ts';

/**
 * Layer editing in the web (issue #11): the data manager role (数据管理员), who imports, edits and
 * restores layers; and a third kind of layer revision, `edit`, for one feature added, changed or
 * deleted in the web. Such a revision names its feature (`feature_id`), so a feature's version is
 * the latest revision that wrote it or the whole layer (an import, a restore), and says what the
 * edit was (`edit`: action, the parts changed, the feature's name).
 */
export async function up(knex: Knex): Promise<void> {
  await allowValues(knex, 'users', 'role', ['inspector', 'planner', 'reviewer', 'dataManager', 'admin']);
  await allowValues(knex, 'layer_revisions', 'kind', ['import', 'restore', 'edit']);
  await knex.schema.alterTable('layer_revisions', (t) => {
    t.integer('feature_id');
    t.jsonb('edit');
    t.index(['layer_id', 'feature_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('layer_revisions', (t) => {
    t.dropIndex(['layer_id', 'feature_id']);
    t.dropColumn('edit');
    t.dropColumn('feature_id');
  });
  // Edit revisions are the layers' history: the kind check stays wide rather than erase or misname them.
  // Least privilege for those who lose the role: they keep reading, as inspectors do.
  await knex('users').where({ role: 'dataManager' }).update({ role: 'inspector' });
  await allowValues(knex, 'users', 'role', ['inspector', 'planner', 'reviewer', 'admin']);
}

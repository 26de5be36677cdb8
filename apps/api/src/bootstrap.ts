import path from 'node:path';
import type { Knex } from 'knex';
import { REPO_ROOT, type AppConfig } from './config.ts';
import { migrateToLatest } from './db/migrate.ts';
import { loadDemoCounty } from './db/demo-data.ts';
import { createRepositories } from './plugins/app/repositories.plugin.ts';
import { generatePassword, hashPassword } from './plugins/app/auth/passwords.ts';
import { RULESET_FILE, loadRuleset } from './plugins/app/checks/ruleset.ts';
import { recordShippedRuleset } from './plugins/app/rulesets/rulesets-writes.ts';

/** Advisory lock key held while a server loads the demo and creates the first admin. */
const BOOTSTRAP_LOCK = 621_025_001;

export const DEMO_DATA_DIR = path.join(REPO_ROOT, 'data', 'demo');

/** What `prepareDatabase` did, for the boot log. */
export interface PrepareReport {
  migrations: string[];
  demoLoaded: boolean;
  /** Set only when the first admin was created with a generated password: print it once. */
  generatedAdminPassword?: string;
  /** Whether the ruleset file was recorded as the first version of the county's rule register. */
  rulesetRecorded: boolean;
}

/**
 * Brings a database to a servable state: migrates it, loads the demo county into an empty
 * one (when configured), creates the first admin (user name `admin`) when there is none, and
 * records the ruleset file as the first version of the rule register when it has none.
 */
export async function prepareDatabase(
  knex: Knex,
  config: Pick<AppConfig, 'loadDemo' | 'adminPassword'>,
  demoDir = DEMO_DATA_DIR,
): Promise<PrepareReport> {
  const repos = createRepositories(knex);
  const migrations = await migrateToLatest(knex);
  // Several servers may start at once on one PostgreSQL: the first to take the lock loads and
  // creates; the others find the work done.
  return knex.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(?)', [BOOTSTRAP_LOCK]);
    let demoLoaded = false;
    if (config.loadDemo && (await repos.layers.isEmpty(trx))) {
      await loadDemoCounty(trx, repos, demoDir);
      demoLoaded = true;
    }
    let generatedAdminPassword: string | undefined;
    if (!(await repos.users.exists('admin', trx))) {
      const password = config.adminPassword ?? generatePassword();
      const admin = await repos.users.create(
        { username: 'admin', displayName: '系统管理员', role: 'admin', passwordHash: await hashPassword(password) },
        trx,
      );
      await repos.audit.record({ userId: null, action: 'create', entity: 'user', entityId: admin.id }, trx);
      if (!config.adminPassword) generatedAdminPassword = password;
    }
    const rulesetRecorded = await recordShippedRuleset({ knex: trx, repos }, loadRuleset(), path.relative(REPO_ROOT, RULESET_FILE));
    return { migrations, demoLoaded, generatedAdminPassword, rulesetRecorded };
  });
}

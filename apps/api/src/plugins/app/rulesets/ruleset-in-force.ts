import type { Knex } from 'knex';
import type { RulesetHistoryResponse, RulesetRegisterResponse, RulesetVersionStamp } from '@mpm/contracts';
import { registerRules, ruleSettingChanges, ruleSettings, withRuleSettings, type RuleSetting } from '@mpm/rules';
import type { LoadedRuleset } from '../checks/ruleset.ts';
import type { RulesetsRepository, StoredRulesetVersion } from './rulesets-repository.ts';

/** A version of the register: stored, or (version 0, never saved here) the ruleset file as it stands. */
export type RulesetVersion = Omit<StoredRulesetVersion, 'savedAt'> & { savedAt: Date | null };

/** The ruleset checks use now: the file with the newest version's settings in force, and that version. */
export interface RulesetInForce {
  ruleset: LoadedRuleset;
  version: RulesetVersion;
}

/** Version 0: the file's own settings, for a database that never saved the register. */
export const fileVersion = (file: LoadedRuleset): RulesetVersion => ({ version: 0, rules: ruleSettings(file), note: null, savedBy: null, savedAt: null });

/**
 * The ruleset in force: the newest stored version of the file's register over the file (a rule
 * the version does not name keeps the file's setting), or the file itself as version 0. With
 * `lock` (in a write's transaction) the register is held until the transaction ends.
 */
export async function rulesetInForce(
  rulesets: Pick<RulesetsRepository, 'latest'>,
  file: LoadedRuleset,
  trx?: Knex,
  lock = false,
): Promise<RulesetInForce> {
  const stored = await rulesets.latest(file.id, trx, lock);
  if (!stored) return { ruleset: file, version: fileVersion(file) };
  return { ruleset: withRuleSettings(file, stored.rules), version: stored };
}

/** Who saved a version, when and why, as the API answers it. */
export const stampView = (v: RulesetVersion): RulesetVersionStamp => ({
  version: v.version,
  savedAt: v.savedAt?.toISOString() ?? null,
  savedBy: v.savedBy,
  note: v.note,
});

/** `GET /api/ruleset`: the rules in force, with their titles, and the version. */
export const registerView = ({ ruleset, version }: RulesetInForce): RulesetRegisterResponse => ({
  rulesetId: ruleset.id,
  title: ruleset.title,
  ...stampView(version),
  rules: registerRules(ruleset),
});

/** The settings of every rule under a version, as the file completes them. */
const settingsUnder = (file: LoadedRuleset, v: RulesetVersion): RuleSetting[] => ruleSettings(withRuleSettings(file, v.rules));

/**
 * What each version changed from the one before, rule by rule and field by field, each rule
 * with its title (the first version: nothing, it is where the history starts).
 */
export function versionChanges(file: LoadedRuleset, newer: RulesetVersion, older: RulesetVersion | undefined) {
  if (!older) return [];
  // A mineral's minimum scale the version added has its title only under that version.
  const titles = new Map(registerRules(withRuleSettings(file, newer.rules)).map((rule) => [rule.id, rule.title]));
  return ruleSettingChanges(settingsUnder(file, older), settingsUnder(file, newer)).map((change) => ({
    ...change,
    title: titles.get(change.id) ?? { zh: change.id, en: change.id },
  }));
}

/** `GET /api/ruleset/versions`: every version, newest first (the file as version 0 when none was saved). */
export function historyView(file: LoadedRuleset, stored: StoredRulesetVersion[]): RulesetHistoryResponse {
  const versions: RulesetVersion[] = stored.length > 0 ? stored : [fileVersion(file)];
  return {
    rulesetId: file.id,
    versions: versions.map((v, i) => ({ ...stampView(v), changes: versionChanges(file, v, versions[i + 1]) })),
  };
}

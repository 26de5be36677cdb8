import type { Knex } from 'knex';
import type { RulesetBody } from '@mpm/contracts';
import { registerRules, ruleSettings, type RuleSetting } from '@mpm/rules';
import { badRequest, type Bilingual } from '../../../http/errors.ts';
import { auditedWrite } from '../audit/audited-write.ts';
import type { LoadedRuleset } from '../checks/ruleset.ts';
import type { Repositories } from '../repositories.plugin.ts';
import { validateRuleChanges } from './rule-changes.validation.ts';
import { fileVersion, rulesetInForce, versionChanges, type RulesetInForce, type RulesetVersion } from './ruleset-in-force.ts';

/** What a write to the register needs from the app. */
export interface RulesetContext {
  knex: Knex;
  repos: Pick<Repositories, 'rulesets' | 'audit'>;
}

/** The register as locked for a save, and the version the caller's change was based on (when there is one). */
interface Locked extends RulesetInForce {
  base: RulesetVersion | undefined;
}

/** The settings of the rules a change touched, for the audit log. */
const touched = (settings: readonly RuleSetting[], ids: ReadonlySet<string>) => settings.filter((s) => ids.has(s.id));

/**
 * How a 409 names the register: the ruleset, and which rules were changed since the caller's
 * version, so that they know what to look at again.
 */
function conflictLabel(file: LoadedRuleset, { version, base }: Locked): Bilingual {
  const titles = [...new Set(versionChanges(file, version, base).map((c) => c.title))];
  if (titles.length === 0) return { zh: '规则集', en: 'The ruleset' };
  return {
    zh: `规则集（其后改动的规则：${titles.map((t) => t.zh).join('、')}）`,
    en: `The ruleset (rules changed since: ${titles.map((t) => t.en).join(', ')})`,
  };
}

/**
 * `PUT /api/ruleset`: a new version of the register. Holding the register, it refuses a stale
 * `baseVersion` (409 naming who saved the version in force, when, and which rules changed),
 * checks the change against the rules in force (400 naming the rule and the problem), and adds
 * the version with every rule's setting. One audit entry keeps the touched rules before and
 * after. Returns the register as it now stands.
 */
export async function saveRuleset(context: RulesetContext, file: LoadedRuleset, body: RulesetBody, userId: number): Promise<RulesetInForce> {
  const { rulesets } = context.repos;
  const ids = new Set(body.rules.map((r) => r.id));
  return auditedWrite(context, {
    by: userId,
    action: 'update',
    entity: 'ruleset',
    entityId: file.id,
    read: async (trx): Promise<Locked> => {
      const inForce = await rulesetInForce(rulesets, file, trx, true);
      if (body.baseVersion === inForce.version.version) return { ...inForce, base: undefined };
      const base = body.baseVersion === 0 ? fileVersion(file) : await rulesets.at(file.id, body.baseVersion, trx);
      return { ...inForce, base };
    },
    expected: {
      base: body.baseVersion,
      stamp: ({ version }) => ({ version: version.version, by: version.savedBy, at: version.savedAt ?? new Date(0) }),
      label: (locked) => conflictLabel(file, locked),
    },
    write: async (trx, { ruleset, version }) => {
      const checked = validateRuleChanges(registerRules(ruleset), body.rules, version.version);
      if (!checked.valid) throw badRequest(checked.reason, checked.message);
      const note = body.note?.trim() ? body.note.trim() : null;
      await rulesets.insert({ rulesetId: file.id, version: version.version + 1, rules: checked.value, note, createdBy: userId }, trx);
      return rulesetInForce(rulesets, file, trx);
    },
    before: ({ version }) => touched(version.rules, ids),
    after: (result) => touched(result.version.rules, ids),
    detail: (result, { version }) => ({ baseVersion: body.baseVersion, fromVersion: version.version, version: result.version.version, note: result.version.note }),
  });
}

/**
 * At boot: when the register of `file` has no version in this database yet, records the file's
 * settings as version 1, by the system, so that the history starts with what the county began
 * with. Call inside the boot's transaction (it holds the boot lock).
 */
export async function recordShippedRuleset(context: RulesetContext, file: LoadedRuleset, source: string): Promise<boolean> {
  const { rulesets } = context.repos;
  if (await rulesets.latest(file.id, context.knex)) return false;
  const note = `规则集文件 ${source}（随软件发布 / as shipped）`;
  await auditedWrite(context, {
    by: null,
    action: 'create',
    entity: 'ruleset',
    entityId: file.id,
    write: (trx) => rulesets.insert({ rulesetId: file.id, version: 1, rules: ruleSettings(file), note, createdBy: null }, trx),
    after: () => ({ version: 1, source }),
  });
  return true;
}

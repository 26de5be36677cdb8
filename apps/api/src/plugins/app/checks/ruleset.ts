import fs from 'node:fs';
import path from 'node:path';
import { Value } from 'typebox/value';
import { Ruleset as RulesetSchema, type Ruleset as RulesetFile } from '@mpm/contracts';
import type { Ruleset } from '@mpm/rules';
import { REPO_ROOT } from '../../../config.ts';

/** The ruleset the county works under (the demo county's plan). */
export const RULESET_FILE = path.join(REPO_ROOT, 'data', 'rulesets', 'zhengning-2021.json');

/** A ruleset as loaded: the rules engine's `Ruleset` plus the plan period. */
export type LoadedRuleset = RulesetFile & Ruleset;

/** Raised at boot for a ruleset file that cannot be read or does not match the schema. */
export class RulesetError extends Error {}

/** Most schema problems listed in the boot message. */
const MAX_LISTED = 10;

/**
 * Reads and checks a ruleset file once (at boot): JSON, the `Ruleset` schema (unknown members
 * refused, so a misspelt `minerals` cannot silently widen a rule), and a plan period that runs
 * forward. Throws a `RulesetError` naming the file and every problem's JSON path.
 */
export function loadRuleset(file: string = RULESET_FILE): LoadedRuleset {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new RulesetError(`ruleset ${file} cannot be read as JSON: ${(err as Error).message}`);
  }
  if (!Value.Check(RulesetSchema, data)) {
    const problems = [...Value.Errors(RulesetSchema, data)]
      .filter((e) => e.keyword !== 'boolean')
      .slice(0, MAX_LISTED)
      .map((e) => `  ${e.instancePath || '/'}: ${e.message}`);
    throw new RulesetError(`ruleset ${file} does not match the Ruleset schema:\n${problems.join('\n')}`);
  }
  if (data.planPeriod.to < data.planPeriod.from) {
    throw new RulesetError(`ruleset ${file}: planPeriod.to (${data.planPeriod.to}) is before planPeriod.from`);
  }
  return data;
}

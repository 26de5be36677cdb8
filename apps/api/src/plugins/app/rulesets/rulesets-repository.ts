import type { Knex } from 'knex';
import { Value } from 'typebox/value';
import { RuleSetting } from '@mpm/contracts';

/** A stored version of a ruleset's register: every rule's setting, and who saved it, when and why. */
export interface StoredRulesetVersion {
  version: number;
  /** The well-formed settings as stored (an entry that is not is left out rather than trusted). */
  rules: RuleSetting[];
  note: string | null;
  /** Display name of whoever saved it; null for the system. */
  savedBy: string | null;
  savedAt: Date;
}

/** A version as written: the settings of every rule. */
export interface RulesetVersionInput {
  rulesetId: string;
  version: number;
  rules: readonly RuleSetting[];
  note: string | null;
  /** Null for the system (the ruleset file recorded at boot). */
  createdBy: number | null;
}

interface Row {
  version: number | string;
  rules: unknown;
  note: string | null;
  savedBy: string | null;
  savedAt: Date | string;
}

/** Settings read back from `jsonb`: only those that match the schema. */
const wellFormed = (rules: unknown): RuleSetting[] => (Array.isArray(rules) ? rules.filter((r): r is RuleSetting => Value.Check(RuleSetting, r)) : []);

const fromRow = (row: Row): StoredRulesetVersion => ({
  version: Number(row.version),
  rules: wellFormed(row.rules),
  note: row.note,
  savedBy: row.savedBy ?? null,
  savedAt: new Date(row.savedAt),
});

/** The versions of rulesets' registers (`ruleset_versions`, append-only): the only SQL about them. */
export function createRulesetsRepository(knex: Knex) {
  const select = (db: Knex, rulesetId: string) =>
    db('ruleset_versions as r')
      .leftJoin('users as u', 'u.id', 'r.created_by')
      .where('r.ruleset_id', rulesetId)
      .select('r.version', 'r.rules', 'r.note', 'u.display_name as savedBy', 'r.created_at as savedAt');

  /**
   * The newest version of each ruleset as last read outside a transaction. A committed version
   * never changes (the table is append-only), so a check asks only for the newest number; one read
   * inside a transaction is never kept, as the transaction may still roll back.
   */
  const newest = new Map<string, StoredRulesetVersion>();

  return {
    /**
     * The newest version of the ruleset's register, or undefined while it has none. With `lock`
     * (inside a write's transaction) it holds the register until the transaction ends, so two
     * saves based on one version cannot both pass.
     */
    async latest(rulesetId: string, trx: Knex = knex, lock = false): Promise<StoredRulesetVersion | undefined> {
      if (lock) await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`ruleset_versions:${rulesetId}`]);
      if (trx !== knex) {
        const row = (await select(trx, rulesetId).orderBy('r.version', 'desc').first()) as Row | undefined;
        return row && fromRow(row);
      }
      const top = (await knex('ruleset_versions').where({ ruleset_id: rulesetId }).max('version as version').first()) as { version: number | string | null } | undefined;
      if (top?.version === null || top?.version === undefined) return undefined;
      const cached = newest.get(rulesetId);
      if (cached?.version === Number(top.version)) return cached;
      const row = (await select(knex, rulesetId).where('r.version', top.version).first()) as Row | undefined;
      const read = row && fromRow(row);
      if (read) newest.set(rulesetId, read);
      return read;
    },

    /** One version of the ruleset's register, or undefined when there is no such version. */
    async at(rulesetId: string, version: number, trx: Knex = knex): Promise<StoredRulesetVersion | undefined> {
      const row = (await select(trx, rulesetId).where('r.version', version).first()) as Row | undefined;
      return row && fromRow(row);
    },

    /** Every version of the ruleset's register, newest first. */
    async versions(rulesetId: string, trx: Knex = knex): Promise<StoredRulesetVersion[]> {
      const rows = (await select(trx, rulesetId).orderBy('r.version', 'desc')) as Row[];
      return rows.map(fromRow);
    },

    /** Adds a version. Call inside the transaction of its audit entry, holding the register (`latest` with `lock`). */
    async insert(input: RulesetVersionInput, trx: Knex = knex): Promise<void> {
      await trx('ruleset_versions').insert({
        ruleset_id: input.rulesetId,
        version: input.version,
        rules: JSON.stringify(input.rules),
        note: input.note,
        created_by: input.createdBy,
      });
    },
  };
}

export type RulesetsRepository = ReturnType<typeof createRulesetsRepository>;

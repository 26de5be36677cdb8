import { Type, type Static } from 'typebox';
import { Bilingual, Outcome } from './check.ts';

const strict = { additionalProperties: false } as const;

/** Largest tolerance a rule may take, in m² (a hectare: a larger one would pass real conflicts as boundary offsets). */
export const MAX_TOLERANCE_M2 = 10_000;
/** Longest legal basis, in characters per language (a citation and the clause it quotes). */
export const MAX_LEGAL_BASIS_CHARS = 2_000;
/** Largest minimum mining scale a county may set, in 万吨/年 (a bound on typing, not a legal figure). */
export const MAX_MIN_SCALE_10KT = 100_000;
/** Longest note saying why a version was saved, in characters. */
export const MAX_RULESET_NOTE_CHARS = 500;

/** One rule's setting as a version of the register keeps it (`RuleSetting` of `@mpm/rules`). */
export const RuleSetting = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    outcome: Outcome,
    /** m², only for a rule whose verdict turns on an area (an overlap, a part outside). */
    toleranceM2: Type.Optional(Type.Number({ minimum: 0, maximum: MAX_TOLERANCE_M2 })),
    /** 万吨/年, only for a minimum scale (`minimumScale.<mineral>`). */
    min10ktPerYear: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: MAX_MIN_SCALE_10KT })),
    legalBasis: Bilingual,
  },
  strict,
);
export type RuleSetting = Static<typeof RuleSetting>;

/** A rule as the register lists it: its title and its setting in force. */
export const RegisterRule = Type.Object({ ...RuleSetting.properties, title: Bilingual }, strict);
export type RegisterRule = Static<typeof RegisterRule>;

/**
 * A version of the ruleset: `version` counts its saves (0: the ruleset file, never saved in this
 * database) and is what a change sends back as `baseVersion`; who saved it (null: the system),
 * when, and why.
 */
export const RulesetVersionStamp = Type.Object({
  version: Type.Integer({ minimum: 0 }),
  savedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  savedBy: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
});
export type RulesetVersionStamp = Static<typeof RulesetVersionStamp>;

/** `GET /api/ruleset` (staff): the ruleset in force, rule by rule, and its version. */
export const RulesetRegisterResponse = Type.Object({
  rulesetId: Type.String(),
  title: Bilingual,
  ...RulesetVersionStamp.properties,
  rules: Type.Array(RegisterRule),
});
export type RulesetRegisterResponse = Static<typeof RulesetRegisterResponse>;

/** One field of one rule changed by a version (`RuleSettingChange` of `@mpm/rules`), with the rule's title. */
export const RuleSettingChange = Type.Object({
  id: Type.String(),
  title: Bilingual,
  field: Type.Enum(['outcome', 'toleranceM2', 'min10ktPerYear', 'legalBasis']),
  before: Type.Union([Outcome, Type.Number(), Bilingual, Type.Null()]),
  after: Type.Union([Outcome, Type.Number(), Bilingual, Type.Null()]),
});
export type RuleSettingChange = Static<typeof RuleSettingChange>;

/** `GET /api/ruleset/versions` (staff): every version, newest first, each with what it changed from the one before. */
export const RulesetHistoryResponse = Type.Object({
  rulesetId: Type.String(),
  versions: Type.Array(Type.Object({ ...RulesetVersionStamp.properties, changes: Type.Array(RuleSettingChange) })),
});
export type RulesetHistoryResponse = Static<typeof RulesetHistoryResponse>;

/**
 * A change to one rule: its id and what to set. The schema takes any text and number so that the
 * server can name the rule and the problem (an outcome that does not exist, a tolerance out of
 * range or for a rule without one, an empty or overlong legal basis) in both languages. A change
 * naming `minimumScale.<mineral>` for a mineral the table lacks adds that row: it needs the
 * figure (`min10ktPerYear`) and its legal basis.
 */
export const RuleChange = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 100 }),
    outcome: Type.Optional(Type.String({ maxLength: 100 })),
    toleranceM2: Type.Optional(Type.Number()),
    min10ktPerYear: Type.Optional(Type.Number()),
    legalBasis: Type.Optional(Type.Object({ zh: Type.String(), en: Type.String() }, strict)),
  },
  strict,
);
export type RuleChange = Static<typeof RuleChange>;

/** `PUT /api/ruleset` (admin, audited): the changes, the version they were based on, and why. */
export const RulesetBody = Type.Object(
  {
    baseVersion: Type.Integer({ minimum: 0 }),
    rules: Type.Array(RuleChange, { minItems: 1, maxItems: 200 }),
    note: Type.Optional(Type.String({ maxLength: MAX_RULESET_NOTE_CHARS })),
  },
  strict,
);
export type RulesetBody = Static<typeof RulesetBody>;

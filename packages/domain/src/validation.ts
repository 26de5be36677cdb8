import type { Bilingual } from './glossary.ts';

/**
 * Why a value was refused: a named reason (a camelCase constant of the feature's `reasons`
 * module, also the `code` of the API's 4xx answer) and a message for people that says what and
 * where, in both languages.
 */
export interface Invalid<R extends string = string> {
  valid: false;
  reason: R;
  message: Bilingual;
}

/** The one shape every validation returns: the value it checked, or why not. */
export type Validation<T, R extends string = string> = { valid: true; value: T } | Invalid<R>;

/** A passed validation. */
export const valid = <T>(value: T): { valid: true; value: T } => ({ valid: true, value });

/** A refusal with its reason and message. */
export const invalid = <R extends string>(reason: R, message: Bilingual): Invalid<R> => ({ valid: false, reason, message });

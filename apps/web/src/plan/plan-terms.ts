import type { Language } from '@mpm/domain';
import type { Bilingual } from '@mpm/domain';

/** The text of a rule's title, basis or message (data from the ruleset) in the UI language. */
export const planTerm = (text: Bilingual, lang: Language): string => text[lang];

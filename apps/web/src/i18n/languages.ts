import type { Language } from '@mpm/domain';

/** UI languages, as BCP 47 tags; the first is the default. */
export const UI_LANGUAGES = ['zh-CN', 'en'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

export const DEFAULT_LANGUAGE: UiLanguage = 'zh-CN';

export const isUiLanguage = (value: unknown): value is UiLanguage =>
  (UI_LANGUAGES as readonly unknown[]).includes(value);

/** The glossary language (`term()`, `formatValue()`) for a UI language. */
export const domainLanguage = (lang: UiLanguage): Language => (lang === 'en' ? 'en' : 'zh');

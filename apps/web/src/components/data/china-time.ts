import type { UiLanguage } from '../../i18n/languages.ts';

/** The county's clock: what the bureau's staff read, wherever the browser is. */
const CHINA_TIME_ZONE = 'Asia/Shanghai';

/** A server timestamp as date and minute in China time (UTC+8), in the UI language. */
export const chinaTime = (iso: string, language: UiLanguage): string =>
  new Date(iso).toLocaleString(language, { timeZone: CHINA_TIME_ZONE, dateStyle: 'medium', timeStyle: 'short', hour12: false });

/** Today's date in China (`YYYY-MM-DD`), the county's day whatever the browser's zone. */
export const chinaToday = (now: Date = new Date()): string => new Intl.DateTimeFormat('en-CA', { timeZone: CHINA_TIME_ZONE }).format(now);

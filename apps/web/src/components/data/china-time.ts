import type { UiLanguage } from '../../i18n/languages.ts';

/** The county's clock: what the bureau's staff read, wherever the browser is. */
const CHINA_TIME_ZONE = 'Asia/Shanghai';

/**
 * A server timestamp as date and minute in China time (UTC+8), in the UI language, labelled as
 * the server's 409s, PDFs and CSVs label it (北京时间 / China time): every time a user reads is
 * the county's clock, wherever the browser is.
 */
export const chinaTime = (iso: string, language: UiLanguage): string => {
  const text = new Date(iso).toLocaleString(language, { timeZone: CHINA_TIME_ZONE, dateStyle: 'medium', timeStyle: 'short', hour12: false });
  return language === 'en' ? `${text} (China time)` : `${text}（北京时间）`;
};

/** Today's date in China (`YYYY-MM-DD`), the county's day whatever the browser's zone. */
export const chinaToday = (now: Date = new Date()): string => new Intl.DateTimeFormat('en-CA', { timeZone: CHINA_TIME_ZONE }).format(now);

/** The bureau's time zone: reports and messages give dates as the county reads them. */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';

function parts(date: Date): Record<string, string> {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone: CHINA_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
}

/** `2025-11-23 16:20` in China Standard Time. */
export function chinaDateTime(date: Date): string {
  const p = parts(date);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** `2025年11月23日` in China Standard Time, as a report's date line. */
export function chinaDate(date: Date): string {
  const p = parts(date);
  return `${p.year}年${p.month}月${p.day}日`;
}

const isoDay = new Intl.DateTimeFormat('en-CA', { timeZone: CHINA_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * The calendar day of `now` in China Standard Time, `YYYY-MM-DD`: "today" as the county reads it
 * (licences run to the end of that day; at 02:00 in Beijing it is already the next day).
 */
export const chinaToday = (now: Date = new Date()): string => isoDay.format(now);

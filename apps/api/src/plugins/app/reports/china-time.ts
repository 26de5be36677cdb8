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

/** The day last answered by {@link chinaToday} and the instants (ms) it spans. */
let lastDay: { day: string; from: number; to: number } | undefined;

/**
 * The calendar day of `now` in China Standard Time, `YYYY-MM-DD`: "today" as the county reads it
 * (licences run to the end of that day; at 02:00 in Beijing it is already the next day). The last
 * day answered is kept with its span (China has kept UTC+8 all year since 1992): formatting in a
 * time zone was the largest single item of a check's own JavaScript (issue #13).
 */
export const chinaToday = (now: Date = new Date()): string => {
  const at = now.getTime();
  if (lastDay && at >= lastDay.from && at <= lastDay.to) return lastDay.day;
  const day = isoDay.format(now);
  if (day >= '1992-01-01') lastDay = { day, from: Date.parse(`${day}T00:00:00+08:00`), to: endOfChinaDay(day).getTime() };
  return day;
};

/**
 * The day a register is asked "as of": `asOf` when it is before today (China time), else today (a
 * future day is today: nothing is known of it yet). `past` says whether to read the register's
 * history rather than the register as it stands.
 */
export function registerDay(asOf: string | undefined, now: Date = new Date()): { day: string; past: boolean } {
  const today = chinaToday(now);
  return asOf !== undefined && asOf < today ? { day: asOf, past: true } : { day: today, past: false };
}

/** The end of `day` (`YYYY-MM-DD`) in China time, as an instant: "as the register stood at the end of day D". */
export const endOfChinaDay = (day: string): Date => new Date(`${day}T23:59:59.999+08:00`);

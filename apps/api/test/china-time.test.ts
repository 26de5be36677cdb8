import { describe, expect, it } from 'vitest';
import { chinaToday } from '../src/plugins/app/reports/china-time.ts';

const intlDay = (date: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);

describe('chinaToday', () => {
  it('answers the China day of each instant, one after another across midnights and back (the last day is kept)', () => {
    const instants = [
      '2026-12-06T15:59:59.999Z', // 23:59:59.999 in Beijing
      '2026-12-06T16:00:00.000Z', // midnight: the next day
      '2026-12-06T15:59:59.999Z',
      '2026-12-05T16:00:00.000Z', // the day's first instant
      '2026-12-05T15:59:59.999Z',
      '2027-01-01T00:00:00.000Z',
      '1991-07-01T15:30:00.000Z', // daylight saving time then (UTC+9): not kept, asked of Intl
      '1991-07-01T15:30:00.000Z',
    ].map((text) => new Date(text));
    for (const instant of instants) expect(chinaToday(instant), instant.toISOString()).toBe(intlDay(instant));
    expect(chinaToday(new Date('2026-12-06T16:00:00.000Z'))).toBe('2026-12-07');
  });
});

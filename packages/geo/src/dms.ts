import { roundTo } from '@mpm/domain';
import { MESSAGES } from './messages.ts';
import { MALFORMED_DMS } from './reasons.ts';
import type { LonLat, Problem, Result } from './types.ts';

/** Which coordinate an angle is, for its hemisphere letter. */
export type AngleAxis = 'lon' | 'lat';

/**
 * Formats decimal degrees as `114°07′24.442″`: minutes two digits, seconds rounded to
 * `secondDecimals` (3 by the MNR 2022 notice) with carry into minutes and degrees. With
 * `axis`, appends E/W or N/S instead of a sign.
 */
export function formatDms(degrees: number, axis?: AngleAxis, secondDecimals = 3): string {
  const negative = degrees < 0;
  const scale = 10 ** secondDecimals;
  // Round once, in whole units of the last second decimal, so 59.9996″ carries to the minute.
  const units = Math.round(roundTo(Math.abs(degrees) * 3600, secondDecimals) * scale);
  const perMinute = 60 * scale;
  const d = Math.floor(units / (60 * perMinute));
  const m = Math.floor((units % (60 * perMinute)) / perMinute);
  const s = (units % perMinute) / scale;
  const sText = s.toFixed(secondDecimals).padStart(secondDecimals > 0 ? secondDecimals + 3 : 2, '0');
  const body = `${d}°${String(m).padStart(2, '0')}′${sText}″`;
  if (axis === undefined) return negative ? `-${body}` : body;
  const letter = axis === 'lon' ? (negative ? 'W' : 'E') : negative ? 'S' : 'N';
  return `${body}${letter}`;
}

/** Formats a `[lon, lat]` as DMS with hemisphere letters, seconds to 3 decimals. */
export function formatLonLatDms(lonLat: LonLat): { readonly lon: string; readonly lat: string } {
  return { lon: formatDms(lonLat[0], 'lon'), lat: formatDms(lonLat[1], 'lat') };
}

const DMS_PATTERN =
  /^(东经|西经|北纬|南纬|[EWNS])?\s*([+-])?(\d{1,3})\s*(?:°|度|\s)\s*(\d{1,2})\s*(?:′|'|分|\s)\s*(\d{1,2}(?:\.\d+)?)\s*(?:″|"|''|秒)?\s*([EWNS])?$/i;

/**
 * Reads a DMS angle to decimal degrees: `114°07′24.442″`, `114°07'24.442"E`, `北纬28°30′00″`,
 * `114 07 24.442` or `-114°07′24.442″`. W and S (西经, 南纬) make it negative. Minutes and
 * seconds must be below 60.
 */
export function parseDms(text: string): Result<number, Problem<typeof MALFORMED_DMS>> {
  const match = DMS_PATTERN.exec(text.trim());
  const fail = { ok: false, errors: [{ reason: MALFORMED_DMS, message: MESSAGES[MALFORMED_DMS]({ text }) }] } as const;
  if (!match) return fail;
  const [, prefix, sign, dText, mText, sText, suffix] = match;
  const [d, m, s] = [Number(dText), Number(mText), Number(sText)];
  if (m >= 60 || s >= 60 || (prefix && suffix)) return fail;
  const hemisphere = (prefix ?? suffix ?? '').toUpperCase();
  const negative = sign === '-' || hemisphere === 'W' || hemisphere === 'S' || hemisphere === '西经' || hemisphere === '南纬';
  const value = d + m / 60 + s / 3600;
  return { ok: true, value: negative ? -value : value };
}

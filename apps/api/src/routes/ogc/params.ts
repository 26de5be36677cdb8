import { badRequest } from '../../http/errors.ts';
import { quote } from '../../http/bbox.ts';

/** Page size when the client sends no `limit`. */
export const DEFAULT_LIMIT = 10;
/**
 * Largest page served. A larger `limit` is lowered to it, as OGC API – Features Part 1 requires
 * (/req/core/fc-limit-response-1); the paging links then carry the lowered value.
 */
export const MAX_LIMIT = 10_000;
/** Largest value of the `integer` id columns: no id and no row count exceeds it. */
const INT32_MAX = 2_147_483_647;
/** Largest `offset`. */
export const MAX_OFFSET = INT32_MAX;

const DIGITS = /^\d+$/;

/** Parses an integer query parameter within `min..max`; `fallback` when it is absent. */
function parseBoundedInteger(name: string, raw: string | undefined, min: number, max: number, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = DIGITS.test(raw) ? Number(raw) : NaN;
  if (!(value >= min && value <= max)) {
    throw badRequest(`invalid${name[0].toUpperCase()}${name.slice(1)}`, {
      zh: `${name} 须为 ${min} 到 ${max} 之间的整数，收到“${quote(raw)}”。`,
      en: `${name} must be an integer from ${min} to ${max}; got "${quote(raw)}".`,
    });
  }
  return value;
}

/** Parses `limit` (a positive integer, lowered to MAX_LIMIT; DEFAULT_LIMIT when absent). */
export function parseLimit(raw: string | undefined): number {
  if (raw !== undefined && DIGITS.test(raw) && Number(raw) > MAX_LIMIT) return MAX_LIMIT;
  return parseBoundedInteger('limit', raw, 1, MAX_LIMIT, DEFAULT_LIMIT);
}

/** Parses `offset` (0..MAX_OFFSET, default 0): the position of the page's first feature in id order. */
export const parseOffset = (raw: string | undefined): number => parseBoundedInteger('offset', raw, 0, MAX_OFFSET, 0);

/** Accepts `f=json` (the only encoding served) or no `f` at all. */
export function checkFormat(raw: string | undefined): void {
  if (raw === undefined || raw === 'json') return;
  throw badRequest('unsupportedFormat', {
    zh: `f 仅支持 json，收到“${quote(raw)}”。`,
    en: `f supports only json; got "${quote(raw)}".`,
  });
}

/** Refuses query parameters outside `allowed`, naming the first one, so no filter is silently ignored. */
export function rejectUnknownParameters(query: object, allowed: readonly string[]): void {
  const unknown = Object.keys(query).find((key) => !allowed.includes(key));
  if (unknown === undefined) return;
  throw badRequest('unknownParameter', {
    zh: `不支持查询参数“${quote(unknown)}”（可用：${allowed.join('、')}）。`,
    en: `Unknown query parameter "${quote(unknown)}" (supported: ${allowed.join(', ')}).`,
  });
}

/**
 * Parses a feature id: a 400 when it is not an integer; `null` when it is an integer no feature
 * can have (ids are positive 32-bit), so the caller answers 404 without querying.
 */
export function parseFeatureId(raw: string): number | null {
  if (!/^-?\d+$/.test(raw)) {
    throw badRequest('invalidFeatureId', {
      zh: `要素编号 featureId 须为整数，收到“${quote(raw)}”。`,
      en: `featureId must be an integer; got "${quote(raw)}".`,
    });
  }
  const value = Number(raw);
  return value >= 1 && value <= INT32_MAX ? value : null;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** An RFC 3339 date or date-time as the day it falls on in China time, or null when it is not one. */
function chinaDay(raw: string): string | null {
  if (DATE.test(raw)) {
    const at = Date.parse(`${raw}T12:00:00Z`);
    return !Number.isNaN(at) && raw >= '0001' && new Date(at).toISOString().startsWith(raw) ? raw : null;
  }
  if (!DATE_TIME.test(raw)) return null;
  const at = Date.parse(raw.toUpperCase());
  // Date.parse rolls 2021-02-30 over: the date written must be a day of the calendar.
  if (Number.isNaN(at) || chinaDay(raw.slice(0, 10)) === null) return null;
  const day = new Date(at + CHINA_OFFSET_MS).toISOString().slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && day >= '0001' ? day : null;
}

/**
 * Parses `datetime` (OGC API – Features Part 1, 7.15.4): an instant, or an interval `start/end`
 * with `..` (or nothing) for an open end, as China-time days; undefined when absent. Layers
 * with time keep the features in force at some day of it; the others ignore it.
 */
export function parseDatetime(raw: string | undefined): { start: string | null; end: string | null } | undefined {
  if (raw === undefined) return undefined;
  const parts = raw.split('/');
  const open = (part: string) => part === '..' || part === '';
  const days = parts.map((part) => (open(part) ? null : chinaDay(part)));
  const wellFormed = parts.length <= 2 && parts.every((part, i) => (parts.length === 2 && open(part)) || days[i] !== null);
  const [start, end] = parts.length === 1 ? [days[0], days[0]] : days;
  if (!wellFormed || (start === null && end === null && parts.length === 2) || (start && end && start > end)) {
    throw badRequest('invalidDatetime', {
      zh: `datetime 须为时刻或时段（如 2024-05-01、2024-01-01/2024-12-31、2024-01-01/..），收到“${quote(raw)}”。`,
      en: `datetime must be an instant or an interval (e.g. 2024-05-01, 2024-01-01/2024-12-31, 2024-01-01/..); got "${quote(raw)}".`,
    });
  }
  return { start, end };
}

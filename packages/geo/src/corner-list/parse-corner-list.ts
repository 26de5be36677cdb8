import { parseExchange } from './parse-exchange.ts';
import { parsePlainTable } from './parse-plain-table.ts';
import { parseRegistration } from './parse-registration.ts';
import type { CornerListFormat, CornerListOptions, CornerListResult } from './types.ts';

/**
 * Which of the three formats a text is: an `[属性描述]`/`[地块坐标]` section means the exchange
 * file, an `XYnnn=` line the registration text, anything else a plain table.
 */
export function detectCornerListFormat(text: string): CornerListFormat {
  if (/^\s*\[(属性描述|地块坐标)\]\s*$/m.test(text)) return 'exchange';
  if (/^\s*XY\d+\s*=/im.test(text)) return 'registration';
  return 'plainTable';
}

const PARSERS = { plainTable: parsePlainTable, registration: parseRegistration, exchange: parseExchange } as const;

/**
 * Parses a corner-point list (拐点坐标) in any of the three formats, detected unless
 * `options.format` says which. Returns the rings in GK metres with their 点号, the zone and
 * EPSG code, elevation intervals and the EPSG:4490 GeoJSON, or every problem found, each with
 * its reason, place and a Chinese and English message.
 */
export function parseCornerList(text: string, options: CornerListOptions = {}): CornerListResult {
  return PARSERS[options.format ?? detectCornerListFormat(text)](text, options);
}

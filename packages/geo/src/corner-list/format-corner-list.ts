import type { Problem, Result } from '../types.ts';
import { formatExchange } from './format-exchange.ts';
import { formatPlainTable } from './format-plain-table.ts';
import { formatRegistration } from './format-registration.ts';
import type { CornerList, CornerListFormat } from './types.ts';
import { COORDINATE_DECIMALS } from './write-coordinates.ts';

/**
 * Writes a corner list in any of the three formats, coordinates with `decimals` decimals
 * (2 by default). Only the registration format can refuse (it has no holes).
 */
export function formatCornerList(list: CornerList, format: CornerListFormat, decimals = COORDINATE_DECIMALS): Result<string, Problem> {
  if (format === 'registration') return formatRegistration(list, decimals);
  const value = format === 'plainTable' ? formatPlainTable(list, decimals) : formatExchange(list, decimals);
  return { ok: true, value };
}

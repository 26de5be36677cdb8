import { parseDecimal } from './coordinate.ts';
import type { ElevationInterval } from './types.ts';

/** An elevation interval from its written limits, or undefined when either is not a number. */
export function elevationFrom(top: string, bottom: string, flag?: string): ElevationInterval | undefined {
  const [topM, bottomM] = [parseDecimal(top), parseDecimal(bottom)];
  if (Number.isNaN(topM) || Number.isNaN(bottomM)) return undefined;
  return { top, bottom, topM, bottomM, ...(flag !== undefined && { flag }) };
}

const DEPTH_SENTENCE = /(?:开采深度|开采标高|标高)[^\d+-]*([+-]?\d+(?:\.\d+)?)\s*(?:m|米)?\s*(?:至|到|~|～|—)\s*([+-]?\d+(?:\.\d+)?)/i;

/**
 * Reads `开采深度：由 +420 m 至 +180 m 标高` (or `开采标高 420 至 180 米`) as an interval, the
 * limits kept as written.
 */
export function findElevationSentence(text: string): ElevationInterval | undefined {
  const match = DEPTH_SENTENCE.exec(text);
  return match ? elevationFrom(match[1], match[2]) : undefined;
}

/** Writes an interval back as the sentence {@link findElevationSentence} reads. */
export function elevationSentence(elevation: ElevationInterval): string {
  return `开采深度：由 ${elevation.top} m 至 ${elevation.bottom} m 标高`;
}

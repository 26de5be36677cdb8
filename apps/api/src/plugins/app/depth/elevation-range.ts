import { isPlausibleElevation } from '@mpm/domain';
import { DEPTH_PROBLEMS as P, elevationField } from './depth-reasons.ts';

const KEYS = ['elevationTopM', 'elevationBottomM'] as const;

const numberOrNull = (value: unknown): number | null => (value === null || value === undefined || value === '' ? null : Number(value));

/**
 * A licensed elevation range (开采标高) as a 新立 or 变更 leaves it: each limit given must be a
 * plausible elevation, and the floor may not lie above the top (the limits not given are the
 * right's `current` ones). Throws the named 400 otherwise; returns the range, null when a limit
 * is still unknown.
 */
export function checkedElevationRange(given: Record<string, unknown>, current: Record<string, unknown>): { topM: number; bottomM: number } | null {
  for (const key of KEYS) {
    const value = given[key];
    if (value !== undefined && !isPlausibleElevation(value)) {
      const field = elevationField(key);
      throw P.elevationImplausible({ zh: `“${field.zh}”`, en: `"${field.en}"` }, value);
    }
  }
  const topM = numberOrNull(given.elevationTopM ?? current.elevationTopM);
  const bottomM = numberOrNull(given.elevationBottomM ?? current.elevationBottomM);
  if (topM === null || bottomM === null) return null;
  if (bottomM > topM) throw P.elevationRangeReversed(topM, bottomM);
  return { topM, bottomM };
}

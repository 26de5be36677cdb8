import type { Map as MaplibreMap } from 'maplibre-gl';
import { RESTORATION_STATUSES, type RestorationStatus } from '@mpm/domain';

/** Side of one pattern tile, in pixels (the map repeats it). */
export const PATTERN_SIZE = 12;

/**
 * The pattern drawn over each restoration status's colour, so that no status is told by colour
 * alone (a colour-blind reader, a grey printout): dots, diagonal hatch, horizontal lines, grid.
 */
export const STATUS_PATTERNS: Record<RestorationStatus, 'dots' | 'diagonal' | 'horizontal' | 'grid'> = {
  planned: 'dots',
  underWay: 'diagonal',
  completed: 'horizontal',
  accepted: 'grid',
};

/** Whether the pixel at (x, y) of a pattern tile is inked. */
const INKED: Record<(typeof STATUS_PATTERNS)[RestorationStatus], (x: number, y: number) => boolean> = {
  dots: (x, y) => [2, 3].includes(x % 6) && [2, 3].includes(y % 6),
  diagonal: (x, y) => (x + y) % PATTERN_SIZE < 2,
  horizontal: (_x, y) => y % 6 < 2,
  grid: (x, y) => x % 6 < 2 || y % 6 < 2,
};

/** Ink of the patterns: a dark grey that reads over every status colour, light or dark. */
const INK = [26, 26, 26, 190] as const;

/** MapLibre image id of a status's pattern. */
export const statusPatternId = (status: RestorationStatus) => `restoration-pattern-${status}`;

/** The inked pixels of a status's pattern tile, as [x, y] pairs (the legend draws them too). */
export function statusPatternPixels(status: RestorationStatus): [number, number][] {
  const inked = INKED[STATUS_PATTERNS[status]];
  const pixels: [number, number][] = [];
  for (let y = 0; y < PATTERN_SIZE; y++) for (let x = 0; x < PATTERN_SIZE; x++) if (inked(x, y)) pixels.push([x, y]);
  return pixels;
}

/** A status's pattern tile as RGBA pixels (transparent where not inked), for `map.addImage`. */
export function statusPatternImage(status: RestorationStatus): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(PATTERN_SIZE * PATTERN_SIZE * 4);
  for (const [x, y] of statusPatternPixels(status)) data.set(INK, (y * PATTERN_SIZE + x) * 4);
  return { width: PATTERN_SIZE, height: PATTERN_SIZE, data };
}

/**
 * Adds the status pattern named `id` to `map` if it is one and is missing; for MapLibre's
 * `styleimagemissing`, since the style has no sprite (the CSP allows none) and a new style drops
 * images added at run time. Returns whether `id` names a status pattern.
 */
export function addStatusPattern(map: MaplibreMap, id: string): boolean {
  const status = RESTORATION_STATUSES.find((s) => statusPatternId(s) === id);
  if (!status) return false;
  if (!map.hasImage(id)) map.addImage(id, statusPatternImage(status));
  return true;
}

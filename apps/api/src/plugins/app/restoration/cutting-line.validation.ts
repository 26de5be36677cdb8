import type { Bilingual, Validation } from '@mpm/domain';
import { invalid } from '@mpm/domain';
import { MAX_BLOCK_VERTICES, checkPosition, inChina } from '../checks/block-geometry.validation.ts';
import type { BBox } from '../layers/layers-repository.ts';

/** A cutting line that is not a GeoJSON LineString of at least two positions. */
export const NOT_A_LINE = 'notALine';

/** A checked cutting line and its box ([minLon, minLat, maxLon, maxLat]). */
export interface CheckedLine {
  line: GeoJSON.LineString;
  bbox: BBox;
}

const notALine = (detail: Bilingual) =>
  invalid(NOT_A_LINE, {
    zh: `分割线必须是至少有两个点的 GeoJSON LineString（经度, 纬度），${detail.zh}`,
    en: `The cutting line must be a GeoJSON LineString of at least two [lon, lat] positions; ${detail.en}`,
  });

/**
 * Checks a cutting line before SQL sees it: a LineString of 2 to {@link MAX_BLOCK_VERTICES}
 * positions, each as a block's position is checked (finite, lon/lat in range, not projected metres,
 * not swapped). Returns the first problem with its place; the line is returned unchanged.
 */
export function validateCuttingLine(input: unknown, countyBbox: BBox | null): Validation<CheckedLine, string> {
  const line = input as { type?: unknown; coordinates?: unknown } | null;
  if (typeof line !== 'object' || line === null || line.type !== 'LineString') {
    return notALine({ zh: `收到的不是 LineString。`, en: 'got something else.' });
  }
  const positions = line.coordinates;
  if (!Array.isArray(positions) || positions.length < 2) return notALine({ zh: '点数不足两个。', en: 'it has fewer than two.' });
  if (positions.length > MAX_BLOCK_VERTICES) return notALine({ zh: `点数超过 ${MAX_BLOCK_VERTICES} 个。`, en: `it has more than ${MAX_BLOCK_VERTICES}.` });
  const swappable = !countyBbox || inChina(countyBbox);
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < positions.length; i++) {
    const problem = checkPosition(positions[i], { position: i + 1 }, swappable);
    if (problem) return problem;
    const [x, y] = positions[i] as number[];
    box[0] = Math.min(box[0], x);
    box[1] = Math.min(box[1], y);
    box[2] = Math.max(box[2], x);
    box[3] = Math.max(box[3], y);
  }
  return { valid: true, value: { line: line as GeoJSON.LineString, bbox: box } };
}

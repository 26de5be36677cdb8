import { centralMeridian } from '../gauss-kruger.ts';
import { elevationSentence } from './elevation.ts';
import type { CornerList } from './types.ts';
import { COORDINATE_DECIMALS, metres } from './write-coordinates.ts';

/** The title a plain table gets when it has none of its own: datum, width, meridian, zone. */
export function plainTableTitle(list: Pick<CornerList, 'zone'>): string {
  const { widthDeg, zone } = list.zone;
  return `矿区范围拐点坐标（2000国家大地坐标系，${widthDeg}°带，中央经线${centralMeridian(list.zone)}°，带号${zone}）`;
}

/**
 * Writes a corner list as a plain table (format a): the title (the source's own when it was a
 * plain table, so its zone statement survives), a column header, one tab-separated line per
 * corner with `decimals` decimals (2 by default), a `*` line between blocks, and the first
 * block's elevation as a `开采深度` trailer (a plain table has one interval for the licence).
 * When a block has holes every line carries a 圈号 column (1 outer, 2 and up holes).
 */
export function formatPlainTable(list: CornerList, decimals = COORDINATE_DECIMALS): string {
  const ringColumn = list.polygons.some((p) => p.rings.length > 1);
  const columns = ringColumn ? '点号\t圈号\tX(m)\tY(m)' : '点号\tX(m)\tY(m)';
  const title = list.format === 'plainTable' && list.headerLines.length > 0 ? list.headerLines : [plainTableTitle(list), columns];
  const blocks = list.polygons.map((polygon) =>
    polygon.rings.flatMap((ring, r) =>
      ring.points.map((p) =>
        [p.label, ...(ringColumn ? [String(r + 1)] : []), metres(p.northingM, decimals), metres(p.eastingM, decimals)].join('\t'),
      ),
    ),
  );
  const body = blocks.flatMap((lines, i) => (i === 0 ? lines : ['*', ...lines]));
  const elevation = list.polygons[0]?.elevation;
  return [...title, ...body, ...(elevation ? [elevationSentence(elevation)] : [])].join('\n') + '\n';
}

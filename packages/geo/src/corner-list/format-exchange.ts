import type { MultiPolygon, Polygon } from 'geojson';
import { areaReport, ellipsoidalAreaM2 } from '../area.ts';
import { EXCHANGE_SECTIONS } from './parse-exchange.ts';
import type { CornerList } from './types.ts';
import { COORDINATE_DECIMALS, metres } from './write-coordinates.ts';

/** The `[属性描述]` lines for a list that did not come from an exchange file. */
export function exchangeHeader(list: Pick<CornerList, 'zone'>): string[] {
  return ['坐标系=2000国家大地坐标系', `几度分带=${list.zone.widthDeg}`, '投影类型=高斯克吕格', '计量单位=米', `带号=${list.zone.zone}`, '精度=0.01'];
}

function polygonAt(geometry: Polygon | MultiPolygon, i: number): Polygon {
  return geometry.type === 'Polygon' ? geometry : { type: 'Polygon', coordinates: geometry.coordinates[i] };
}

/**
 * Writes a corner list as an exchange file (format c): `[属性描述]` (the source's own lines
 * when it was an exchange file), `[地块坐标]`, per parcel a header line with the recomputed
 * 界址点数 and the source's fields verbatim (or the ellipsoidal area in hectares to 4
 * decimals, the parcel number and `面`), then `点号,圈号,X,Y` rows, each ring closed by
 * repeating its first point.
 */
export function formatExchange(list: CornerList, decimals = COORDINATE_DECIMALS): string {
  const header = list.format === 'exchange' ? list.headerLines : exchangeHeader(list);
  const parcels = list.polygons.flatMap((polygon, i) => {
    const rows = polygon.rings.flatMap((ring, r) =>
      [...ring.points, ring.points[0]].map((p) => `${p.label},${r + 1},${metres(p.northingM, decimals)},${metres(p.eastingM, decimals)}`),
    );
    const areaHa = areaReport(ellipsoidalAreaM2(polygonAt(list.geometry, i))).areaHa.toFixed(4);
    const attributes = polygon.attributes ?? [areaHa, String(i + 1), '', '面', '', '', ''];
    return [[rows.length, ...attributes, '@'].join(','), ...rows];
  });
  return [EXCHANGE_SECTIONS.attributes, ...header, EXCHANGE_SECTIONS.parcels, ...parcels].join('\n') + '\n';
}

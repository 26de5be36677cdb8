import { RESTORATION_STATUSES, term, type Language, type RestorationStatus } from '@mpm/domain';
import { e } from './html.ts';
import { RESTORATION_STATUS_COLORS as STATUS_COLORS } from '@mpm/domain';
import { say } from './progress-terms.ts';
import type { RestorationMapShapes } from './reports-repository.ts';
import { mapProjection, mapWindow, northArrowSvg, parts, scaleBarSvg, scaleDenominator, type MapWindow } from './report-map.ts';

/** Drawing size in SVG units: the map frame, then the legend column to its right. */
const SIZE = { width: 720, height: 560, mapWidth: 540, legendX: 556 };
/** The county fills the frame but for a thin margin. */
const MARGIN = { share: 0.03, minM: 200 };

/**
 * A marker path of each status's own shape (circle, triangle, square, diamond) centred on (x, y),
 * `r` across half its width: on paper, in grey or to a colour-blind reader, the shape tells the status.
 */
const MARKER_PATHS: Record<RestorationStatus, (x: number, y: number, r: number) => string> = {
  planned: (x, y, r) => `M${x - r} ${y}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0Z`,
  underWay: (x, y, r) => `M${x} ${y - r * 1.15}L${x + r * 1.15} ${y + r * 0.85}L${x - r * 1.15} ${y + r * 0.85}Z`,
  completed: (x, y, r) => `M${x - r * 0.85} ${y - r * 0.85}h${1.7 * r}v${1.7 * r}h${-1.7 * r}Z`,
  accepted: (x, y, r) => `M${x} ${y - r * 1.2}l${r * 1.2} ${r * 1.2}l${-r * 1.2} ${r * 1.2}l${-r * 1.2} ${-r * 1.2}Z`,
};

const marker = (status: RestorationStatus, x: number, y: number, r: number) =>
  `<path data-status-marker="${status}" d="${MARKER_PATHS[status](x, y, r).replace(/(\.\d{2})\d+/g, '$1')}" fill="${STATUS_COLORS[status]}" stroke="#222" stroke-width="0.8"/>`;

/** A parcel's status on the map's day. */
export type ParcelStatusById = ReadonlyMap<number, RestorationStatus>;

/**
 * The restoration parcels coloured by their status on `asOf`, over the county and township
 * outlines with the townships named, a scale bar, a north arrow and a legend counting the
 * parcels of each status. A marker of its status's shape marks every parcel: at county scale most
 * are a few pixels wide.
 * Returns null when there is nothing to frame (no county and no parcel).
 */
export function progressMapSvg(shapes: RestorationMapShapes, statuses: ParcelStatusById, asOf: string, lang: Language): string | null {
  const frame = windowOf(shapes);
  if (!frame) return null;
  const { scale, xy, path } = mapProjection(frame, SIZE.mapWidth);
  const outline = (g: GeoJSON.Geometry) => path(parts(g).rings, true);

  const county = shapes.county
    ? `<path d="${outline(shapes.county.geometry)}" fill="#fbfbf8" fill-rule="evenodd" stroke="none"/>`
    : '';
  const townships = shapes.townships
    .map((t) => `<path d="${outline(t.geometry)}" fill="none" stroke="#8c8c8c" stroke-width="0.9" stroke-dasharray="5 3"/>`)
    .join('');
  const countyLine = shapes.county
    ? `<path d="${outline(shapes.county.geometry)}" fill="none" stroke="#555" stroke-width="2" stroke-linejoin="round"/>`
    : '';
  const names = shapes.townships
    .map((t) => {
      const [x, y] = xy(t.labelPoint);
      return `<text x="${x}" y="${y}" text-anchor="middle" class="township">${e(t.name)}</text>`;
    })
    .join('');

  const counts = new Map<RestorationStatus, number>();
  const parcels = shapes.parcels.map((p) => {
    const status = statuses.get(p.id) ?? 'planned';
    counts.set(status, (counts.get(status) ?? 0) + 1);
    const color = STATUS_COLORS[status];
    const [x, y] = xy(p.centre);
    return (
      `<path d="${outline(p.geometry)}" fill="${color}" fill-opacity="0.85" fill-rule="evenodd" stroke="#333" stroke-width="0.5"/>` +
      marker(status, Number(x), Number(y), 4.5)
    );
  });

  const legendRows = [
    `<path d="M0 -4h26" stroke="#555" stroke-width="2"/><text x="34" y="0">${e(say('mapCounty', lang))}</text>`,
    `<path d="M0 -4h26" stroke="#8c8c8c" stroke-width="0.9" stroke-dasharray="5 3"/><text x="34" y="0">${e(say('mapTownships', lang))}</text>`,
    ...RESTORATION_STATUSES.map(
      (s) =>
        `<rect x="0" y="-11" width="26" height="14" fill="${STATUS_COLORS[s]}" fill-opacity="0.85" stroke="#333" stroke-width="0.5"/>` +
        marker(s, 13, -4, 5) +
        `<text x="34" y="0">${e(term(s, lang))}${lang === 'zh' ? `（${counts.get(s) ?? 0}）` : ` (${counts.get(s) ?? 0})`}</text>`,
    ),
  ];
  const denominator = scaleDenominator(frame, SIZE.mapWidth, SIZE.width).toLocaleString('en-US');
  const legend =
    `<text x="${SIZE.legendX}" y="18" font-weight="bold" font-size="14">${e(say('mapLegend', lang))}</text>` +
    `<text x="${SIZE.legendX}" y="38" font-size="11" fill="#444">${e(say('mapStatusAsOf', lang, { asOf }))}</text>` +
    legendRows.map((row, i) => `<g transform="translate(${SIZE.legendX} ${66 + i * 26})">${row}</g>`).join('') +
    `<text x="${SIZE.legendX}" y="${SIZE.height - 26}" font-size="11" fill="#444">${e(say('mapScale', lang, { n: denominator }))}</text>` +
    `<text x="${SIZE.legendX}" y="${SIZE.height - 10}" font-size="11" fill="#444">${e(say('mapCrs', lang))}</text>`;

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE.width} ${SIZE.height}" class="map" role="img" aria-label="${e(say('map', lang))}">` +
    `<style>text{font-family:"Noto Sans CJK SC","Noto Serif CJK SC",sans-serif;font-size:12px;fill:#111}` +
    `.township{font-size:11px;fill:#555;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}</style>` +
    `<defs><clipPath id="progress-frame"><rect width="${SIZE.mapWidth}" height="${SIZE.height}"/></clipPath></defs>` +
    `<rect width="${SIZE.mapWidth}" height="${SIZE.height}" fill="#f1f3f0"/>` +
    `<g clip-path="url(#progress-frame)">${county}${townships}${countyLine}${names}${parcels.join('')}</g>` +
    `<rect width="${SIZE.mapWidth}" height="${SIZE.height}" fill="none" stroke="#333" stroke-width="1"/>` +
    scaleBarSvg(frame, scale, 14, SIZE.height - 22, lang) +
    northArrowSvg(SIZE.mapWidth - 30, 18) +
    legend +
    '</svg>'
  );
}

/** The county's window, or the parcels' when no county is loaded. */
function windowOf(shapes: RestorationMapShapes): MapWindow | null {
  const options = { aspect: SIZE.mapWidth / SIZE.height, margin: MARGIN };
  if (shapes.county) return mapWindow(shapes.county.geometry, options);
  if (shapes.parcels.length === 0) return null;
  const all: GeoJSON.MultiPolygon = {
    type: 'MultiPolygon',
    coordinates: shapes.parcels.flatMap((p) => (p.geometry.type === 'Polygon' ? [p.geometry.coordinates] : p.geometry.coordinates)),
  };
  return mapWindow(all, options);
}

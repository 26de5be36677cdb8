import { LAYERS, getLayer, term, type CollectionId, type Language } from '@mpm/domain';
import { metresPerDegree } from '@mpm/geo';
import type { BlockGeometry } from '@mpm/rules';
import type { BBox } from '../layers/layers-repository.ts';
import { e } from './html.ts';

/** Drawing size in SVG units: the map frame, then the legend column to its right. */
const SIZE = { width: 720, height: 380, mapWidth: 540, legendX: 556 };
/** Printed width of the whole drawing in millimetres (the report's text width); gives the scale. */
export const MAP_PRINT_WIDTH_MM = 180;
/** Margin around the block, as a share of its larger side, and at least this many metres. */
const MARGIN = { share: 0.6, minM: 150 };
/** Corner labels drawn at most; longer lists label every k-th corner (the table lists them all). */
const MAX_LABELS = 60;

type Position = GeoJSON.Position;

/** The map's window: a lon/lat box around the block with the frame's aspect, and a local scale. */
export interface MapWindow {
  /** [west, south, east, north] in EPSG:4490 degrees. */
  bbox: BBox;
  /** Metres per degree of longitude and latitude at the window's centre (equirectangular). */
  mPerDegLon: number;
  mPerDegLat: number;
  /** Ground size of the frame in metres. */
  widthM: number;
  heightM: number;
}

/** One feature to draw: its collection decides colour, kind and legend entry. */
export interface MapLayerFeature {
  collection: CollectionId;
  geometry: GeoJSON.Geometry;
}

/** A numbered corner of the block, placed by its lon/lat. */
export interface MapCorner {
  label: string;
  lonLat: readonly [number, number];
}

const polygonsOf = (g: BlockGeometry) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);

/** Options of {@link mapWindow}; each has the review report's value as default. */
export interface MapWindowOptions {
  /** Frame width over height. */
  aspect?: number;
  /** Margin around the geometry: a share of its larger side, and at least `minM` metres. */
  margin?: { share: number; minM: number };
}

/** The window around a block: its box grown by a margin, then widened to the frame's aspect. */
export function mapWindow(block: BlockGeometry, options: MapWindowOptions = {}): MapWindow {
  const points = polygonsOf(block).flat(2);
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  const [west, south, east, north] = [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
  const [lon0, lat0] = [(west + east) / 2, (south + north) / 2];
  const { x: mLon, y: mLat } = metresPerDegree(lat0);
  const [w, h] = [(east - west) * mLon, (north - south) * mLat];
  const { share, minM } = options.margin ?? MARGIN;
  const margin = Math.max(share * Math.max(w, h), minM);
  let [widthM, heightM] = [w + 2 * margin, h + 2 * margin];
  const aspect = options.aspect ?? SIZE.mapWidth / SIZE.height;
  if (widthM / heightM < aspect) widthM = heightM * aspect;
  else heightM = widthM / aspect;
  const [dLon, dLat] = [widthM / 2 / mLon, heightM / 2 / mLat];
  return { bbox: [lon0 - dLon, lat0 - dLat, lon0 + dLon, lat0 + dLat], mPerDegLon: mLon, mPerDegLat: mLat, widthM, heightM };
}

/** The largest 1, 2 or 5 × 10ⁿ metres not above `maxM`. */
function niceLength(maxM: number): number {
  const power = 10 ** Math.floor(Math.log10(maxM));
  return [5, 2, 1].map((k) => k * power).find((length) => length <= maxM) ?? power;
}

const distanceText = (m: number, lang: Language) =>
  m >= 1000 ? `${m / 1000} ${term('unitKm', lang)}` : `${m} ${term('unitM', lang)}`;

/** Rings (polygon features) and paths (line features) of any GeoJSON geometry. */
export function parts(geometry: GeoJSON.Geometry): { rings: Position[][]; lines: Position[][] } {
  switch (geometry.type) {
    case 'Polygon':
      return { rings: geometry.coordinates, lines: [] };
    case 'MultiPolygon':
      return { rings: geometry.coordinates.flat(), lines: [] };
    case 'LineString':
      return { rings: [], lines: [geometry.coordinates] };
    case 'MultiLineString':
      return { rings: [], lines: geometry.coordinates };
    case 'GeometryCollection': {
      const each = geometry.geometries.filter((g) => g.type !== 'GeometryCollection').map(parts);
      return { rings: each.flatMap((p) => p.rings), lines: each.flatMap((p) => p.lines) };
    }
    default:
      return { rings: [], lines: [] };
  }
}

/** Lon/lat to drawing units for a window drawn `mapWidth` units wide (north up). */
export function mapProjection(window: MapWindow, mapWidth: number) {
  const [west, , , north] = window.bbox;
  const scale = mapWidth / window.widthM;
  const xy = (p: Position | readonly [number, number]) =>
    [((p[0] - west) * window.mPerDegLon * scale).toFixed(1), ((north - p[1]) * window.mPerDegLat * scale).toFixed(1)] as const;
  const path = (lines: Position[][], close: boolean) =>
    lines.map((line) => line.map((p, i) => `${i === 0 ? 'M' : 'L'}${xy(p).join(' ')}`).join('') + (close ? 'Z' : '')).join('');
  return { scale, xy, path };
}

/** A two-tone scale bar about a quarter of the frame long, its left end at (`x`, `y`). */
export function scaleBarSvg(window: Pick<MapWindow, 'widthM'>, scale: number, x: number, y: number, lang: Language = 'zh'): string {
  const barM = niceLength(window.widthM / 4);
  const barPx = barM * scale;
  return (
    `<rect x="${x - 6}" y="${y - 18}" width="${(barPx + 60).toFixed(1)}" height="32" fill="#fff" fill-opacity="0.85"/>` +
    `<rect x="${x}" y="${y}" width="${(barPx / 2).toFixed(1)}" height="5" fill="#111"/>` +
    `<rect x="${(x + barPx / 2).toFixed(1)}" y="${y}" width="${(barPx / 2).toFixed(1)}" height="5" fill="#fff" stroke="#111" stroke-width="0.8"/>` +
    `<rect x="${x}" y="${y}" width="${barPx.toFixed(1)}" height="5" fill="none" stroke="#111" stroke-width="0.8"/>` +
    `<text x="${x}" y="${y - 5}" text-anchor="middle">0</text>` +
    `<text x="${(x + barPx).toFixed(1)}" y="${y - 5}" text-anchor="middle">${e(distanceText(barM, lang))}</text>`
  );
}

/** A north arrow whose label's baseline is at (`x`, `y`). */
export function northArrowSvg(x: number, y: number): string {
  return (
    `<circle cx="${x}" cy="${y + 22}" r="19" fill="#fff" fill-opacity="0.85"/>` +
    `<path d="M${x} ${y + 6}L${x - 8} ${y + 34}L${x} ${y + 28}Z" fill="#111"/>` +
    `<path d="M${x} ${y + 6}L${x + 8} ${y + 34}L${x} ${y + 28}Z" fill="#fff" stroke="#111" stroke-width="0.8"/>` +
    `<text x="${x}" y="${y + 2}" text-anchor="middle" font-weight="bold">北 N</text>`
  );
}

/**
 * The printed scale's denominator (2 significant figures) of a frame `mapWidth` units wide inside
 * a drawing `drawingWidth` units wide that prints {@link MAP_PRINT_WIDTH_MM} wide.
 */
export function scaleDenominator(window: MapWindow, mapWidth: number, drawingWidth: number): number {
  return Number.parseFloat(((window.widthM * 1000 * drawingWidth) / (MAP_PRINT_WIDTH_MM * mapWidth)).toPrecision(2));
}

/**
 * The report's map as an SVG string: the overlapping and nearby zones in their catalogue
 * colours (clipped to the window), the block in a bold outline with its corners numbered as in
 * the corner table, a scale bar, a north arrow and a legend. Lon/lat are projected with a local
 * equirectangular scale around the block: at a block's size the distortion is far below a pixel.
 */
export function reportMapSvg(window: MapWindow, block: BlockGeometry, corners: readonly MapCorner[], features: readonly MapLayerFeature[]): string {
  const { scale, xy, path } = mapProjection(window, SIZE.mapWidth);

  const order = (c: CollectionId) => LAYERS.findIndex((l) => l.id === c);
  const sorted = [...features].sort((a, b) => order(a.collection) - order(b.collection));
  const drawn = sorted.map(({ collection, geometry }) => {
    const { color } = getLayer(collection);
    const { rings, lines } = parts(geometry);
    const fill = rings.length ? `<path d="${path(rings, true)}" fill="${e(color)}" fill-opacity="0.16" fill-rule="evenodd" stroke="${e(color)}" stroke-width="1.6"/>` : '';
    const stroke = lines.length ? `<path d="${path(lines, false)}" fill="none" stroke="${e(color)}" stroke-width="2.6" stroke-linecap="round"/>` : '';
    return fill + stroke;
  });

  const blockPath = path(polygonsOf(block).flat(), true);
  const cx = corners.reduce((s, c) => s + c.lonLat[0], 0) / Math.max(corners.length, 1);
  const cy = corners.reduce((s, c) => s + c.lonLat[1], 0) / Math.max(corners.length, 1);
  const [centreX, centreY] = xy([cx, cy]).map(Number);
  const every = Math.ceil(corners.length / MAX_LABELS);
  const cornerMarks = corners.map((corner, i) => {
    const [x, y] = xy(corner.lonLat).map(Number);
    const dot = `<circle cx="${x}" cy="${y}" r="2.8" fill="#fff" stroke="#111" stroke-width="1.2"/>`;
    if (i % every !== 0) return dot;
    const [dx, dy] = [x - centreX, y - centreY];
    const d = Math.hypot(dx, dy) || 1;
    const [lx, ly] = [x + (dx / d) * 10, y + (dy / d) * 10 + 4];
    const anchor = dx > d * 0.3 ? 'start' : dx < -d * 0.3 ? 'end' : 'middle';
    return `${dot}<text x="${lx.toFixed(1)}" y="${ly.toFixed(1)}" text-anchor="${anchor}" class="halo">${e(corner.label)}</text>`;
  });

  const scaleBar = scaleBarSvg(window, scale, 14, SIZE.height - 22);
  const northArrow = northArrowSvg(SIZE.mapWidth - 30, 18);

  const denominator = scaleDenominator(window, SIZE.mapWidth, SIZE.width);
  const collections = [...new Set(sorted.map((f) => f.collection))];
  const legendRows = [
    `<path d="M0 -4h26" stroke="#111" stroke-width="3"/><text x="34" y="0">拟设采矿权范围</text>`,
    `<circle cx="13" cy="-4" r="2.8" fill="#fff" stroke="#111" stroke-width="1.2"/><text x="34" y="0">拐点及点号</text>`,
    ...collections.map((c) => {
      const { color, geometry } = getLayer(c);
      const swatch =
        geometry === 'line'
          ? `<path d="M0 -4h26" stroke="${e(color)}" stroke-width="2.6"/>`
          : `<rect x="0" y="-11" width="26" height="14" fill="${e(color)}" fill-opacity="0.16" stroke="${e(color)}" stroke-width="1.6"/>`;
      return `${swatch}<text x="34" y="0">${e(term(c))}</text>`;
    }),
  ];
  const legend =
    `<text x="${SIZE.legendX}" y="18" font-weight="bold" font-size="14" letter-spacing="8">图例</text>` +
    legendRows.map((row, i) => `<g transform="translate(${SIZE.legendX} ${48 + i * 26})">${row}</g>`).join('') +
    `<text x="${SIZE.legendX}" y="${SIZE.height - 26}" font-size="11" fill="#444">比例尺 约 1:${denominator.toLocaleString('en-US')}</text>` +
    `<text x="${SIZE.legendX}" y="${SIZE.height - 10}" font-size="11" fill="#444">CGCS2000 经纬度</text>`;

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE.width} ${SIZE.height}" class="map" role="img" aria-label="区位示意图">` +
    `<style>text{font-family:"Noto Sans CJK SC","Noto Serif CJK SC",sans-serif;font-size:12px;fill:#111}` +
    `.halo{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round;font-weight:bold}</style>` +
    `<defs><clipPath id="frame"><rect width="${SIZE.mapWidth}" height="${SIZE.height}"/></clipPath></defs>` +
    `<rect width="${SIZE.mapWidth}" height="${SIZE.height}" fill="#fbfbf8"/>` +
    `<g clip-path="url(#frame)">${drawn.join('')}` +
    `<path d="${blockPath}" fill="#111" fill-opacity="0.06" fill-rule="evenodd" stroke="#fff" stroke-width="6" stroke-linejoin="round"/>` +
    `<path d="${blockPath}" fill="none" stroke="#111" stroke-width="3" stroke-linejoin="round"/>` +
    `${cornerMarks.join('')}</g>` +
    `<rect width="${SIZE.mapWidth}" height="${SIZE.height}" fill="none" stroke="#333" stroke-width="1"/>` +
    scaleBar +
    northArrow +
    legend +
    '</svg>'
  );
}

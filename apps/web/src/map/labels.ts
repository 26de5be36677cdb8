import type { ExpressionSpecification, FontFacesSpecification, LayerSpecification, SourceSpecification } from 'maplibre-gl';
import { term, type CollectionId, type Language, type LayerDef } from '@mpm/domain';
import openSansLatin from '@fontsource/open-sans/files/open-sans-latin-400-normal.woff2?url';

/** The GeoJSON source of area label points (`GET /api/labels`). */
export const LABEL_SOURCE = 'labels';

/**
 * The CSS font family MapLibre draws CJK with (its `localIdeographFontFamily`: CJK ideographs,
 * kana, Hangul, CJK punctuation and full-width forms): the fonts Chinese desktops and phones
 * already have, so no glyph server is asked for Chinese text.
 */
export const LOCAL_IDEOGRAPH_FONT_FAMILY =
  "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'Hiragino Sans GB', 'WenQuanYi Micro Hei', sans-serif";

/**
 * Where Open Sans's Latin subset is used, as its Fontsource CSS declares: ASCII, Latin-1,
 * general punctuation (— and ·), so letters and digits in names (G211, X451, licence numbers)
 * come from the app's own font file.
 */
const LATIN_RANGE = [
  'U+0000-00FF', 'U+0131', 'U+0152-0153', 'U+02BB-02BC', 'U+02C6', 'U+02DA', 'U+02DC', 'U+0304', 'U+0308', 'U+0329',
  'U+2000-206F', 'U+20AC', 'U+2122', 'U+2191', 'U+2193', 'U+2212', 'U+2215', 'U+FEFF', 'U+FFFD',
];

/**
 * The style's `font-faces`: MapLibre's default text font (`Open Sans Regular`, which labels
 * keep so that CJK goes to {@link LOCAL_IDEOGRAPH_FONT_FAMILY}) drawn from the Open Sans file the
 * app ships (npm `@fontsource/open-sans`, served from the page's origin). No `glyphs` URL:
 * MapLibre 6 draws what no font face covers with the browser's fonts, and asks no server.
 */
export function labelFontFaces(origin: string): FontFacesSpecification {
  return { 'Open Sans Regular': [{ url: new URL(openSansLatin, origin).href, 'unicode-range': LATIN_RANGE }] };
}

/** How one layer's labels look and from which zoom they show. */
interface LabelRule {
  minzoom: number;
  maxzoom?: number;
  /** Screen pixels. */
  size: number;
  color: string;
}

/**
 * Label layers bottom first; MapLibre places the top ones first, so where labels collide the later
 * wins: the county and townships, then licences and parcels (shown only close in, where they are
 * what one looks for), then roads, rivers and railways (their names repeat along them), then the
 * wide zones, whose names also show further out.
 */
const LABEL_ORDER: readonly CollectionId[] = [
  'forest_land',
  'grassland',
  'wetland',
  'farmland',
  'urban_development_boundary',
  'residential_areas',
  'water_sources',
  'scenic_areas',
  'nature_reserves',
  'eco_redline',
  'mining_zoning',
  'concentrated_zones',
  'exploration_blocks',
  'mining_blocks',
  'rivers',
  'railways',
  'roads',
  'change_patches',
  'restoration_parcels',
  'exploration_rights',
  'mining_rights',
  'townships',
  'county',
];

const get = (key: string): ExpressionSpecification => ['get', key];

/** Area labels, at a point each. */
const AREA_RULES: Partial<Record<CollectionId, LabelRule>> = {
  forest_land: { minzoom: 12, size: 11, color: '#276419' },
  grassland: { minzoom: 12, size: 11, color: '#4d7a1f' },
  wetland: { minzoom: 12, size: 11, color: '#1d6f7a' },
  farmland: { minzoom: 12, size: 11, color: '#7a6500' },
  urban_development_boundary: { minzoom: 11, size: 11, color: '#8e0152' },
  residential_areas: { minzoom: 11, size: 11, color: '#a63603' },
  water_sources: { minzoom: 11, size: 11, color: '#08519c' },
  scenic_areas: { minzoom: 11, size: 11, color: '#31662a' },
  nature_reserves: { minzoom: 10, size: 12, color: '#0b6b2e' },
  eco_redline: { minzoom: 10, size: 12, color: '#a50f15' },
  mining_zoning: { minzoom: 10, size: 12, color: '#54278f' },
  concentrated_zones: { minzoom: 10.5, size: 12, color: '#8c4a00' },
  exploration_blocks: { minzoom: 11, size: 11, color: '#54278f' },
  mining_blocks: { minzoom: 11, size: 11, color: '#3f007d' },
  change_patches: { minzoom: 14, size: 11, color: '#a0008f' },
  restoration_parcels: { minzoom: 13, size: 11, color: '#01665e' },
  exploration_rights: { minzoom: 12, size: 11, color: '#54278f' },
  mining_rights: { minzoom: 12, size: 12, color: '#111111' },
  townships: { minzoom: 8.5, size: 14, color: '#333333' },
  county: { minzoom: 0, maxzoom: 10, size: 17, color: '#222222' },
};

/** Line labels, along the line. */
const LINE_RULES: Partial<Record<CollectionId, LabelRule>> = {
  rivers: { minzoom: 10, size: 12, color: '#1f5f99' },
  railways: { minzoom: 10, size: 12, color: '#252525' },
  roads: { minzoom: 10, size: 12, color: '#7f3b08' },
};

/** Label text: a licence by mine name (its number below from zoom 14), a block or parcel by name else code. */
function areaText(id: CollectionId): ExpressionSpecification {
  switch (id) {
    case 'mining_rights':
      return [
        'step',
        ['zoom'],
        ['coalesce', get('mineName'), get('licenceNo')],
        14,
        ['case', ['all', ['has', 'mineName'], ['has', 'licenceNo']], ['concat', get('mineName'), '\n', get('licenceNo')], ['coalesce', get('mineName'), get('licenceNo')]],
      ];
    case 'exploration_rights':
      return get('licenceNo');
    case 'change_patches':
      return get('code');
    default:
      return ['coalesce', get('name'), get('code'), ''];
  }
}

/** A road's name with its class (国道, 省道…) in the UI language; names stay as the county wrote them. */
function roadText(lang: Language): ExpressionSpecification {
  const classes = (['national', 'provincial', 'countyRoad', 'townshipRoad'] as const).flatMap((key) => [key, term(key, lang)]);
  const roadClass: ExpressionSpecification = ['match', get('roadClass'), ...classes, ''] as unknown as ExpressionSpecification;
  return ['case', ['==', roadClass, ''], ['coalesce', get('name'), ''], ['concat', ['coalesce', get('name'), ''], ' · ', roadClass]];
}

const paint = (rule: LabelRule) => ({
  'text-color': rule.color,
  'text-halo-color': 'rgba(255, 255, 255, 0.92)',
  'text-halo-width': 1.6,
  'text-halo-blur': 0.4,
});

/** The MapLibre id of a layer's label layer. */
export const labelLayerId = (id: CollectionId) => `${id}:label`;

/** The label source: the area label points the caller may see, fetched anew when `url` changes. */
export const labelSource = (url: string): SourceSpecification => ({ type: 'geojson', data: url });

/**
 * Label layers for the available catalogue layers (each shown while its layer is), to go above
 * every fill and line: area names at one point each from {@link LABEL_SOURCE}, line names along
 * the lines from their tiles. Collisions drop the lesser label; halos keep text readable over fills.
 */
export function labelLayersFor(layers: readonly { def: LayerDef; visible: boolean; source: string }[], lang: Language): LayerSpecification[] {
  const byId = new Map(layers.map((layer) => [layer.def.id, layer]));
  const result: LayerSpecification[] = [];
  for (const [id, rule] of Object.entries(AREA_RULES) as [CollectionId, LabelRule][]) {
    const layer = byId.get(id);
    if (!layer) continue;
    result.push({
      id: labelLayerId(id),
      type: 'symbol',
      source: LABEL_SOURCE,
      filter: ['==', get('layer'), id],
      minzoom: rule.minzoom,
      ...(rule.maxzoom ? { maxzoom: rule.maxzoom } : {}),
      layout: {
        visibility: layer.visible ? 'visible' : 'none',
        'text-field': areaText(id),
        'text-size': rule.size,
        // Where the centre is taken, just above or below will do.
        'text-variable-anchor': ['center', 'top', 'bottom'],
        'text-radial-offset': 0.6,
        'text-max-width': 9,
        'text-padding': 3,
        'text-line-height': 1.25,
      },
      paint: paint(rule),
    });
  }
  for (const [id, rule] of Object.entries(LINE_RULES) as [CollectionId, LabelRule][]) {
    const layer = byId.get(id);
    if (!layer) continue;
    result.push({
      id: labelLayerId(id),
      type: 'symbol',
      source: layer.source,
      'source-layer': id,
      minzoom: rule.minzoom,
      layout: {
        visibility: layer.visible ? 'visible' : 'none',
        'symbol-placement': 'line',
        'symbol-spacing': 320,
        'text-field': id === 'roads' ? roadText(lang) : ['coalesce', get('name'), ''],
        'text-size': rule.size,
        'text-max-angle': 30,
        'text-padding': 2,
      },
      paint: paint(rule),
    });
  }
  const rank = (layer: LayerSpecification) => LABEL_ORDER.indexOf(layer.id.slice(0, -':label'.length) as CollectionId);
  return result.sort((a, b) => rank(a) - rank(b));
}

import type { SourceSpecification, StyleSpecification } from 'maplibre-gl';
import type { CombinedTiles } from '@mpm/contracts';
import type { Language, LayerDef } from '@mpm/domain';
import { tiandituBasemap, type BasemapKind } from './basemap.ts';
import { LABEL_SOURCE, labelFontFaces, labelLayersFor, labelSource } from './labels.ts';
import { mapLayersFor } from './layer-styles.ts';

/** Paper colour behind everything; the whole map when no basemap is configured. */
export const BACKGROUND_COLOR = '#f3f1ea';

/**
 * The vector source holding every catalogue layer the caller may see, one source-layer per
 * collection id (`GET /tiles/{z}/{x}/{y}.mvt`): one request per tile address for all layers.
 */
export const TILES_SOURCE = 'catalogue';

/** A catalogue layer on the map: what it is, whether it is shown, and the past day a right layer is drawn as of. */
export interface MapLayerInput {
  def: LayerDef;
  visible: boolean;
  /**
   * The layer's own TileJSON path (from `/api/layers`), read only for a layer drawn as of a past
   * day: only a layer's own tiles take `asOf`.
   */
  tilejson: string;
  /** How often the page wrote to the layer: a new TileJSON URL makes the map fetch it anew. */
  revision?: number;
  asOf?: string;
}

/** The source a catalogue layer is drawn from: its own when drawn as of a past day, else the one of all layers. */
export const sourceOf = (layer: Pick<MapLayerInput, 'def' | 'asOf'>): string => (layer.asOf ? layer.def.id : TILES_SOURCE);

export interface MapStyleInput {
  /** Page origin; TileJSON URLs are made absolute against it. */
  origin: string;
  tiandituKey: string | null;
  /** The 天地图 map shown with a key; vector when absent. */
  basemap?: BasemapKind;
  /**
   * The tiles of all layers as `/api/layers` gave them; their URL names the layers' data
   * revision, so after a write the new list makes the map fetch tiles anew.
   */
  tiles: CombinedTiles;
  /** Available catalogue layers, bottom first. */
  layers: readonly MapLayerInput[];
  /** Language of the labels' words (road classes); names stay as written. Chinese when absent. */
  language?: Language;
  /** The area label points (`/api/labels`, page-relative), with whatever makes it change when they do; no area labels when absent. */
  labels?: string;
}

/**
 * The TileJSON URL of a layer, absolute, with the page's write count when there is one (the
 * server ignores it) and the past day a right layer is drawn as of.
 */
function tileJsonUrl(tilejson: string, origin: string, revision: number | undefined, asOf: string | undefined): string {
  const url = new URL(tilejson, origin);
  if (revision) url.searchParams.set('rev', String(revision));
  if (asOf) url.searchParams.set('asOf', asOf);
  return url.href;
}

/** The source of all layers' tiles: requested only inside their bounds, overzoomed past `maxzoom`. */
const tilesSource = ({ url, minzoom, maxzoom, bounds }: CombinedTiles): SourceSpecification => ({
  type: 'vector',
  tiles: [url],
  minzoom,
  maxzoom,
  ...(bounds ? { bounds } : {}),
});

/**
 * The whole map style as data. No sprite, and no `glyphs` URL: labels draw Chinese with the
 * browser's fonts and Latin letters and digits with the font file the app ships (see
 * `labels.ts`), so the map needs no font or icon server and works offline.
 */
export function buildMapStyle({ origin, tiandituKey, basemap: kind = 'vector', tiles, layers, language = 'zh', labels }: MapStyleInput): StyleSpecification {
  const basemap = tiandituKey ? tiandituBasemap(tiandituKey, kind) : { sources: {}, layers: [] };
  const own = layers.filter((layer) => sourceOf(layer) !== TILES_SOURCE);
  const labelLayers = labelLayersFor(layers.map((layer) => ({ ...layer, source: sourceOf(layer) })), language).filter((layer) => labels || !('source' in layer && layer.source === LABEL_SOURCE));
  return {
    version: 8,
    'font-faces': labelFontFaces(origin),
    sources: {
      ...basemap.sources,
      [TILES_SOURCE]: tilesSource(tiles),
      ...Object.fromEntries(own.map(({ def, tilejson, revision, asOf }) => [def.id, { type: 'vector', url: tileJsonUrl(tilejson, origin, revision, asOf) }])),
      ...(labels ? { [LABEL_SOURCE]: labelSource(new URL(labels, origin).href) } : {}),
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': BACKGROUND_COLOR } },
      ...basemap.layers,
      ...layers.flatMap((layer) => mapLayersFor(layer.def, layer.visible, sourceOf(layer))),
      ...labelLayers,
    ],
  };
}

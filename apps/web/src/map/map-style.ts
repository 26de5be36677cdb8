import type { StyleSpecification } from 'maplibre-gl';
import type { Language, LayerDef } from '@mpm/domain';
import { tiandituBasemap, type BasemapKind } from './basemap.ts';
import { LABEL_SOURCE, labelFontFaces, labelLayersFor, labelSource } from './labels.ts';
import { mapLayersFor } from './layer-styles.ts';

/** Paper colour behind everything; the whole map when no basemap is configured. */
export const BACKGROUND_COLOR = '#f3f1ea';

export interface MapStyleInput {
  /** Page origin; TileJSON URLs are made absolute against it. */
  origin: string;
  tiandituKey: string | null;
  /** The 天地图 map shown with a key; vector when absent. */
  basemap?: BasemapKind;
  /**
   * Available catalogue layers, bottom first, with the TileJSON path the API gave for each and,
   * once the page wrote to a layer, how often: a new source URL makes the map fetch it anew.
   */
  layers: readonly { def: LayerDef; tilejson: string; visible: boolean; revision?: number; asOf?: string }[];
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

/**
 * The whole map style as data. No sprite, and no `glyphs` URL: labels draw Chinese with the
 * browser's fonts and Latin letters and digits with the font file the app ships (see
 * `labels.ts`), so the map needs no font or icon server and works offline.
 */
export function buildMapStyle({ origin, tiandituKey, basemap: kind = 'vector', layers, language = 'zh', labels }: MapStyleInput): StyleSpecification {
  const basemap = tiandituKey ? tiandituBasemap(tiandituKey, kind) : { sources: {}, layers: [] };
  const labelLayers = labelLayersFor(layers, language).filter((layer) => labels || !('source' in layer && layer.source === LABEL_SOURCE));
  return {
    version: 8,
    'font-faces': labelFontFaces(origin),
    sources: {
      ...basemap.sources,
      ...Object.fromEntries(layers.map(({ def, tilejson, revision, asOf }) => [def.id, { type: 'vector', url: tileJsonUrl(tilejson, origin, revision, asOf) }])),
      ...(labels ? { [LABEL_SOURCE]: labelSource(new URL(labels, origin).href) } : {}),
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': BACKGROUND_COLOR } },
      ...basemap.layers,
      ...layers.flatMap(({ def, visible }) => mapLayersFor(def, visible)),
      ...labelLayers,
    ],
  };
}

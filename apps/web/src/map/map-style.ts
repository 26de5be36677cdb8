import type { StyleSpecification } from 'maplibre-gl';
import type { LayerDef } from '@mpm/domain';
import { tiandituBasemap } from './basemap.ts';
import { mapLayersFor } from './layer-styles.ts';

/** Paper colour behind everything; the whole map when no basemap is configured. */
export const BACKGROUND_COLOR = '#f3f1ea';

export interface MapStyleInput {
  /** Page origin; TileJSON URLs are made absolute against it. */
  origin: string;
  tiandituKey: string | null;
  /**
   * Available catalogue layers, bottom first, with the TileJSON path the API gave for each and,
   * once the page wrote to a layer, how often: a new source URL makes the map fetch it anew.
   */
  layers: readonly { def: LayerDef; tilejson: string; visible: boolean; revision?: number }[];
}

/** The TileJSON URL of a layer, absolute, with the page's write count when there is one (the server ignores it). */
function tileJsonUrl(tilejson: string, origin: string, revision: number | undefined): string {
  const url = new URL(tilejson, origin);
  if (revision) url.searchParams.set('rev', String(revision));
  return url.href;
}

/**
 * The whole map style as data. No glyphs and no sprite: there are no symbol layers, so the
 * map needs no font or icon server and works offline.
 */
export function buildMapStyle({ origin, tiandituKey, layers }: MapStyleInput): StyleSpecification {
  const basemap = tiandituKey ? tiandituBasemap(tiandituKey) : { sources: {}, layers: [] };
  return {
    version: 8,
    sources: {
      ...basemap.sources,
      ...Object.fromEntries(layers.map(({ def, tilejson, revision }) => [def.id, { type: 'vector', url: tileJsonUrl(tilejson, origin, revision) }])),
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': BACKGROUND_COLOR } },
      ...basemap.layers,
      ...layers.flatMap(({ def, visible }) => mapLayersFor(def, visible)),
    ],
  };
}

import type { LayerSpecification, SourceSpecification } from 'maplibre-gl';

/** 天地图 subdomains; tiles are spread over all eight. */
const SUBDOMAINS = ['t0', 't1', 't2', 't3', 't4', 't5', 't6', 't7'];

export const TIANDITU_ATTRIBUTION =
  '<a href="https://www.tianditu.gov.cn/" target="_blank" rel="noopener noreferrer">© 天地图 Tianditu</a>';

/**
 * WMTS tile URLs of one 天地图 Web Mercator layer (`vec_w`, `cva_w`…). Only the `_w` matrix
 * set: MapLibre renders EPSG:3857 only, so the CGCS2000 `_c` layers cannot be used.
 */
function tiandituTiles(layer: 'vec' | 'cva', key: string): string[] {
  const query =
    `SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles` +
    `&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`;
  return SUBDOMAINS.map((sub) => `https://${sub}.tianditu.gov.cn/${layer}_w/wmts?${query}`);
}

/** The 天地图 vector basemap with its annotation layer, for a configured key. */
export function tiandituBasemap(key: string): { sources: Record<string, SourceSpecification>; layers: LayerSpecification[] } {
  const raster = (layer: 'vec' | 'cva'): SourceSpecification => ({
    type: 'raster',
    tiles: tiandituTiles(layer, key),
    tileSize: 256,
    maxzoom: 18,
    attribution: TIANDITU_ATTRIBUTION,
  });
  return {
    sources: { 'tianditu-vec': raster('vec'), 'tianditu-cva': raster('cva') },
    layers: [
      { id: 'basemap:vec', type: 'raster', source: 'tianditu-vec' },
      { id: 'basemap:cva', type: 'raster', source: 'tianditu-cva' },
    ],
  };
}

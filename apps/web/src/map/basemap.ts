import type { LayerSpecification, SourceSpecification } from 'maplibre-gl';

/** 天地图 layers: vector map (vec) and imagery (img), each with its annotation (cva, cia). */
type TiandituLayer = 'vec' | 'cva' | 'img' | 'cia';

/** Which 天地图 map lies under the county's layers: the vector map (矢量) or imagery (影像), both with place-name annotations. */
export type BasemapKind = 'vector' | 'imagery';

/** 天地图 subdomains; tiles are spread over all eight. */
const SUBDOMAINS = ['t0', 't1', 't2', 't3', 't4', 't5', 't6', 't7'];

export const TIANDITU_ATTRIBUTION =
  '<a href="https://www.tianditu.gov.cn/" target="_blank" rel="noopener noreferrer">© 天地图 Tianditu</a>';

/**
 * WMTS tile URLs of one 天地图 Web Mercator layer (`vec_w`, `cva_w`…). Only the `_w` matrix
 * set: MapLibre renders EPSG:3857 only, so the CGCS2000 `_c` layers cannot be used.
 */
function tiandituTiles(layer: TiandituLayer, key: string): string[] {
  const query =
    `SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles` +
    `&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`;
  return SUBDOMAINS.map((sub) => `https://${sub}.tianditu.gov.cn/${layer}_w/wmts?${query}`);
}

/**
 * The 天地图 basemap of `kind` with its annotation layer, for a configured key. Without a key the
 * map has no outside basemap: the county's own boundary, townships, roads, railways and rivers
 * (catalogue layers on by default) are the basemap, served by this server.
 */
export function tiandituBasemap(key: string, kind: BasemapKind = 'vector'): { sources: Record<string, SourceSpecification>; layers: LayerSpecification[] } {
  const [base, notes]: [TiandituLayer, TiandituLayer] = kind === 'imagery' ? ['img', 'cia'] : ['vec', 'cva'];
  const raster = (layer: TiandituLayer): SourceSpecification => ({
    type: 'raster',
    tiles: tiandituTiles(layer, key),
    tileSize: 256,
    maxzoom: 18,
    attribution: TIANDITU_ATTRIBUTION,
  });
  return {
    sources: { [`tianditu-${base}`]: raster(base), [`tianditu-${notes}`]: raster(notes) },
    layers: [
      { id: `basemap:${base}`, type: 'raster', source: `tianditu-${base}` },
      { id: `basemap:${notes}`, type: 'raster', source: `tianditu-${notes}` },
    ],
  };
}

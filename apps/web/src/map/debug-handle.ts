import type { Map as MaplibreMap } from 'maplibre-gl';

declare global {
  interface Window {
    /**
     * Test and debug handle: the one MapLibre map, set by `MapView` while it is mounted.
     * End-to-end tests read rendered features through it; application code never uses it.
     */
    __mpmMap?: MaplibreMap;
  }
}

export function exposeMap(map: MaplibreMap): void {
  window.__mpmMap = map;
}

export function hideMap(map: MaplibreMap): void {
  if (window.__mpmMap === map) delete window.__mpmMap;
}

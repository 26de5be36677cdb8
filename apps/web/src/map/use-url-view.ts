import type { Map as MaplibreMap } from 'maplibre-gl';

/** Placeholder: keeps the view (mode, layers, year, map position) in the URL; filled in by public mode. */
export function useUrlView(_map: MaplibreMap | null): void {}

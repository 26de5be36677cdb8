import type { Map as MaplibreMap } from 'maplibre-gl';

/** Placeholder: the map side of public mode, filled in by the feature that owns it. */
export function usePublicMap(_map: MaplibreMap | null, _styleLoaded: boolean, _active: boolean): void {}

import type { Map as MaplibreMap } from 'maplibre-gl';

/** Placeholder: the map side of inspect mode, filled in by the feature that owns it. */
export function useInspectMap(_map: MaplibreMap | null, _styleLoaded: boolean, _active: boolean): void {}

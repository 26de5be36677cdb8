import { useEffect, useRef } from 'react';
import { Marker, type Map as MaplibreMap } from 'maplibre-gl';
import { useSearchSession } from '../state/search-session.ts';

/** Deepest zoom a search flies to: a small parcel or a typed point still shows its surroundings. */
const MAX_ZOOM = 15;

/**
 * Flies the map to the search result last chosen: a result's bbox fitted in view, a typed
 * coordinate centred and marked with a pin (removed when the search is cleared or another chosen).
 */
export function useSearchFlight(map: MaplibreMap | null): void {
  const target = useSearchSession((s) => s.target);
  const markerRef = useRef<Marker | null>(null);
  useEffect(() => {
    markerRef.current?.remove();
    markerRef.current = null;
    if (!map || !target) return;
    const { bbox, point } = target.result;
    if (bbox) {
      map.fitBounds(
        [
          [bbox[0], bbox[1]],
          [bbox[2], bbox[3]],
        ],
        { padding: 60, maxZoom: MAX_ZOOM, duration: 800 },
      );
    } else if (point) {
      map.flyTo({ center: point, zoom: Math.max(map.getZoom(), 13), duration: 800 });
      markerRef.current = new Marker({ color: '#d7301f', className: 'search-pin' }).setLngLat(point).addTo(map);
    }
  }, [map, target]);
  useEffect(
    () => () => {
      markerRef.current?.remove();
    },
    [],
  );
}

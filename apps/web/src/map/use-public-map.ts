import { useEffect, useRef } from 'react';
import { Marker, type MapMouseEvent, type Map as MaplibreMap } from 'maplibre-gl';
import type { ParcelStatesResponse } from '@mpm/contracts';
import { usePublicSession } from '../state/public-session.ts';
import { asOfDate, restorationPublished, STATE_FIELDS, usePublicData } from '../state/public-store.ts';
import { useServerData } from '../state/server-store.ts';
import { useMapOverlay } from '../state/map-overlay.ts';
import { useSession } from '../state/session-store.ts';
import { keepInView } from './keep-in-view.ts';
import { RESTORATION_STATUS_COLORS } from './layer-styles.ts';
import { TILES_SOURCE } from './map-style.ts';
import { whileMapLives } from './while-map-lives.ts';

const SOURCE = TILES_SOURCE;
const TARGET = { source: SOURCE, sourceLayer: 'restoration_parcels' } as const;
/** The tip-off marker: the danger red of the page, so it reads as "here is the problem". */
const MARKER_COLOR = '#b42318';

/** Writes each parcel's status on the day into the tile features' state (keyed by their integer id). */
function applyStates(map: MaplibreMap, states: ParcelStatesResponse) {
  map.removeFeatureState(TARGET);
  for (const parcel of states.parcels) {
    map.setFeatureState({ ...TARGET, id: parcel.id }, { [RESTORATION_STATUS_COLORS.state!]: parcel.status, doneMu: parcel.doneMu });
  }
}

/**
 * Public mode on the map, for `MapView` only: the restoration parcels coloured by their status at
 * the end of the chosen year (MapLibre feature-state, so the tiles stay as they are), and the
 * tip-off's place: a tap marks it while the panel asks for it, the marker can be dragged, and
 * it stays in the part of the map the phone's sheet leaves free.
 */
export function usePublicMap(map: MaplibreMap | null, styleLoaded: boolean, active: boolean): void {
  const year = usePublicSession((s) => s.year);
  const states = usePublicData((s) => s.parcels.data);
  const picking = usePublicSession((s) => s.picking);
  const place = usePublicSession((s) => s.place);
  const layers = useServerData((s) => s.layers);
  const user = useServerData((s) => s.user);
  const allowed = restorationPublished(layers, user, STATE_FIELDS);
  const markerRef = useRef<Marker | null>(null);
  const coveredPx = useMapOverlay((s) => s.coveredPx);

  useEffect(() => {
    if (active && allowed) void usePublicData.getState().loadParcels(asOfDate(year, new Date()), useSession.getState().language);
  }, [active, allowed, year]);

  // The source comes and goes with the style: state is written to the one there now.
  useEffect(() => {
    if (!map || !styleLoaded) return;
    let appliedTo: unknown = null;
    const sync = () => {
      const source = map.getSource(SOURCE);
      if (!source) {
        appliedTo = null;
        return;
      }
      if (!active || !states) {
        if (appliedTo) map.removeFeatureState(TARGET);
        appliedTo = null;
        return;
      }
      if (appliedTo === source) return;
      applyStates(map, states);
      appliedTo = source;
    };
    sync();
    map.on('styledata', sync);
    return () => {
      map.off('styledata', sync);
      whileMapLives(() => {
        if (appliedTo && map.getSource(SOURCE)) map.removeFeatureState(TARGET);
      });
    };
  }, [map, styleLoaded, active, states]);

  useEffect(() => {
    if (!map || !active || !picking) return;
    const canvas = map.getCanvasContainer();
    canvas.classList.add('picking-place');
    const onClick = (event: MapMouseEvent) => usePublicSession.getState().setPlace([event.lngLat.lng, event.lngLat.lat]);
    map.on('click', onClick);
    return () => {
      canvas.classList.remove('picking-place');
      map.off('click', onClick);
    };
  }, [map, active, picking]);

  useEffect(() => {
    if (!map || !active || !place) {
      markerRef.current?.remove();
      markerRef.current = null;
      return;
    }
    let marker = markerRef.current;
    if (!marker) {
      marker = new Marker({ color: MARKER_COLOR, draggable: true });
      marker.getElement().classList.add('tip-off-marker');
      marker.on('dragend', () => {
        const { lng, lat } = marker!.getLngLat();
        usePublicSession.getState().setPlace([lng, lat]);
      });
      markerRef.current = marker;
    }
    marker.setLngLat(place);
    if (!marker.getElement().isConnected) marker.addTo(map);
  }, [map, active, place]);

  // The place stays in view above the phone's sheet, which unfolds to the form once it is marked.
  useEffect(() => {
    if (map && active && place) keepInView(map, place, coveredPx);
  }, [map, active, place, coveredPx]);

  useEffect(
    () => () => {
      markerRef.current?.remove();
      markerRef.current = null;
    },
    [map],
  );
}

import { useEffect, useRef, useState } from 'react';
import type { Map as MaplibreMap, MapMouseEvent } from 'maplibre-gl';
import { containsPoint, ringsOf } from '../edit/snap.ts';
import { NEIGHBOURS_MIN_ZOOM, neighbourRings, snapLayers, type ViewBox } from '../edit/neighbours.ts';
import { availableLayers } from '../state/derived.ts';
import { useEditSession } from '../state/edit-session.ts';
import { useServerData } from '../state/server-store.ts';
import { useSession } from '../state/session-store.ts';
import type { EditController } from './edit-controller.ts';
import { whileMapLives } from './while-map-lives.ts';

/**
 * The feature editor on the map, for `MapView` only: a click picks the feature of the chosen
 * layer under it; the open feature's boundary is drawn with draggable corners (or a new one is
 * drawn), each move snapped to the corners and edges of the layer's other features and of the
 * other layers drawn on the map (fetched for the view while a feature is open) and sent to the
 * store, which keeps the one before for undo.
 */
export function useEditMap(map: MaplibreMap | null, styleLoaded: boolean, active: boolean): void {
  const target = useEditSession((s) => s.target);
  const geometry = useEditSession((s) => s.geometry);
  const [controller, setController] = useState<EditController | null>(null);
  /** The boundary the map shows, so the map's own change is not drawn again. */
  const shownRef = useRef<unknown>(null);
  /** The other layers' rings in the view, for snapping. */
  const neighboursRef = useRef<GeoJSON.Position[][]>([]);

  useEffect(() => {
    if (!map || !styleLoaded || !active) return;
    // terra-draw loads when editing first starts, not with the first view.
    let created: EditController | null = null;
    let live = true;
    void import('./edit-controller.ts').then(({ createEditController }) => {
      if (!live) return;
      created = createEditController(map, {
        onChange: (changed) => {
          shownRef.current = changed;
          useEditSession.getState().setGeometry(changed);
        },
        snapTargets: () => {
          const { features, target: open } = useEditSession.getState();
          const own = features.filter((f) => open?.kind !== 'feature' || f.id !== open.id).flatMap((f) => ringsOf(f.geometry));
          return [...own, ...neighboursRef.current];
        },
      });
      setController(created);
    });
    // The other layers' boundaries in the view, fetched anew after each move of the map while a feature is open.
    let asked = 0;
    const refreshNeighbours = () => {
      const { layer, target: open } = useEditSession.getState();
      const ask = ++asked;
      if (!layer || !open || map.getZoom() < NEIGHBOURS_MIN_ZOOM) {
        neighboursRef.current = [];
        return;
      }
      const layers = snapLayers(layer, availableLayers(useServerData.getState().layers), useSession.getState().layerChoices);
      const bounds = map.getBounds();
      const box: ViewBox = [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()];
      void neighbourRings(layers, box, useSession.getState().language).then((rings) => {
        if (ask === asked) neighboursRef.current = rings;
      });
    };
    map.on('moveend', refreshNeighbours);
    const unsubscribeEdit = useEditSession.subscribe((state, before) => {
      if (state.target !== before.target || state.layer !== before.layer) refreshNeighbours();
    });
    const unsubscribeLayers = useSession.subscribe((state, before) => {
      if (state.layerChoices !== before.layerChoices) refreshNeighbours();
    });
    const pick = (event: MapMouseEvent) => {
      const session = useEditSession.getState();
      if (session.target) return;
      const found = session.features.find((f) => containsPoint(f.geometry, [event.lngLat.lng, event.lngLat.lat]));
      if (found) session.open(found.id);
    };
    map.on('click', pick);
    return () => {
      live = false;
      setController(null);
      map.off('click', pick);
      map.off('moveend', refreshNeighbours);
      unsubscribeEdit();
      unsubscribeLayers();
      const made = created;
      if (made) whileMapLives(() => made.destroy());
    };
  }, [map, styleLoaded, active]);

  useEffect(() => {
    if (!controller) return;
    if (!target) {
      shownRef.current = null;
      controller.clear();
      return;
    }
    if (geometry !== null && geometry === shownRef.current) return;
    shownRef.current = geometry;
    controller.show(geometry);
  }, [controller, target, geometry]);
}

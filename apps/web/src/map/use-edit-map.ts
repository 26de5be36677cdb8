import { useEffect, useRef, useState } from 'react';
import type { Map as MaplibreMap, MapMouseEvent } from 'maplibre-gl';
import { containsPoint, ringsOf } from '../edit/snap.ts';
import { useEditSession } from '../state/edit-session.ts';
import type { EditController } from './edit-controller.ts';
import { createEditController } from './edit-controller.ts';
import { whileMapLives } from './while-map-lives.ts';

/**
 * The feature editor on the map, for `MapView` only: a click picks the feature of the chosen
 * layer under it; the open feature's boundary is drawn with draggable corners (or a new one is
 * drawn), each move snapped to the other features' corners and edges and sent to the store,
 * which keeps the one before for undo.
 */
export function useEditMap(map: MaplibreMap | null, styleLoaded: boolean, active: boolean): void {
  const target = useEditSession((s) => s.target);
  const geometry = useEditSession((s) => s.geometry);
  const [controller, setController] = useState<EditController | null>(null);
  /** The boundary the map shows, so the map's own change is not drawn again. */
  const shownRef = useRef<unknown>(null);

  useEffect(() => {
    if (!map || !styleLoaded || !active) return;
    const created = createEditController(map, {
      onChange: (changed) => {
        shownRef.current = changed;
        useEditSession.getState().setGeometry(changed);
      },
      snapTargets: () => {
        const { features, target: open } = useEditSession.getState();
        return features.filter((f) => open?.kind !== 'feature' || f.id !== open.id).flatMap((f) => ringsOf(f.geometry));
      },
    });
    const pick = (event: MapMouseEvent) => {
      const session = useEditSession.getState();
      if (session.target) return;
      const found = session.features.find((f) => containsPoint(f.geometry, [event.lngLat.lng, event.lngLat.lat]));
      if (found) session.open(found.id);
    };
    map.on('click', pick);
    setController(created);
    return () => {
      setController(null);
      map.off('click', pick);
      whileMapLives(() => created.destroy());
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

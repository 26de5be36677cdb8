import { useEffect } from 'react';
import type { Map as MaplibreMap } from 'maplibre-gl';
import { useBoundaryDrawing } from '../state/boundary-drawing.ts';
import { drawOnePolygon } from './draw-one-polygon.ts';

/**
 * A licence boundary drawn in 管理 mode: while a form asks for one, clicks place corners; the
 * closed polygon is handed to the form and stays on the map until the form lets it go or starts
 * another drawing.
 */
export function useBoundaryMap(map: MaplibreMap | null, styleLoaded: boolean, active: boolean): void {
  const wanted = useBoundaryDrawing((s) => s.purpose !== null);
  const round = useBoundaryDrawing((s) => s.round);
  const on = map !== null && styleLoaded && active && wanted;

  useEffect(() => {
    if (!on) return;
    return drawOnePolygon(map!, (geometry, controller) => {
      controller.setTool('pan');
      useBoundaryDrawing.getState().finish(geometry);
    });
  }, [on, map, round]);
}

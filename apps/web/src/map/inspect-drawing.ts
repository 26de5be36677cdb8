import { useEffect } from 'react';
import type { Map as MaplibreMap } from 'maplibre-gl';
import { useInspectSession } from '../state/inspect-session.ts';
import { useInspectData } from '../state/inspect-store.ts';
import { useSession } from '../state/session-store.ts';
import { drawOnePolygon } from './draw-one-polygon.ts';

/**
 * Drawing a polygon site: while the site tool is 「draw」, clicks place corners; closing the
 * polygon checks it as the site and hands the map back to tap-picking.
 */
export function useInspectDrawing(map: MaplibreMap | null): void {
  const drawing = useInspectSession((s) => s.tab === 'site' && s.tool === 'draw');

  useEffect(() => {
    if (!map || !drawing) return;
    return drawOnePolygon(map, (geometry) => {
      useInspectSession.getState().setTool('pick');
      void useInspectData.getState().checkSite(geometry, 'draw', useSession.getState().language);
    });
  }, [map, drawing]);
}

import { useEffect } from 'react';
import type { Map as MaplibreMap } from 'maplibre-gl';
import type { BlockGeometry } from '@mpm/rules';
import { useInspectSession } from '../state/inspect-session.ts';
import { useInspectData } from '../state/inspect-store.ts';
import { useSession } from '../state/session-store.ts';
import type { DrawController } from './draw-controller.ts';

/**
 * Drawing a polygon site with plan mode's drawing controller (terra-draw), loaded on first use:
 * while the site tool is 「draw」, clicks place corners; closing the polygon checks it as the
 * site and hands the map back to tap-picking.
 */
export function useInspectDrawing(map: MaplibreMap | null): void {
  const drawing = useInspectSession((s) => s.tab === 'site' && s.tool === 'draw');

  useEffect(() => {
    if (!map || !drawing) return;
    let controller: DrawController | null = null;
    let wanted = true;
    let latest: BlockGeometry | null = null;
    const finish = () => {
      // terra-draw reports the closed ring on its next change, at most a frame after 'finish'.
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          if (!wanted || !latest) return;
          const geometry = latest;
          useInspectSession.getState().setTool('pick');
          void useInspectData.getState().checkSite(geometry, 'draw', useSession.getState().language);
        }),
      );
    };
    void import('./draw-controller.ts').then(({ createDrawController }) => {
      if (!wanted) return;
      controller = createDrawController(map, {
        onBlock: (geometry) => {
          latest = geometry;
        },
        onFinish: finish,
      });
      controller.setTool('draw');
    });
    return () => {
      wanted = false;
      try {
        controller?.destroy();
      } catch {
        // The map went first, taking terra-draw's layers with it.
      }
    };
  }, [map, drawing]);
}

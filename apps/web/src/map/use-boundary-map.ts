import { useEffect } from 'react';
import type { Map as MaplibreMap } from 'maplibre-gl';
import type { BlockGeometry } from '@mpm/rules';
import { useBoundaryDrawing } from '../state/boundary-drawing.ts';
import type { DrawController } from './draw-controller.ts';
import { whileMapLives } from './while-map-lives.ts';

/**
 * A licence boundary drawn in 管理 mode with plan mode's drawing controller (terra-draw), loaded
 * on first use: while a form asks for one, clicks place corners; the closed polygon is handed to
 * the form and stays on the map until the form lets it go or starts another drawing.
 */
export function useBoundaryMap(map: MaplibreMap | null, styleLoaded: boolean, active: boolean): void {
  const wanted = useBoundaryDrawing((s) => s.purpose !== null);
  const round = useBoundaryDrawing((s) => s.round);
  const on = map !== null && styleLoaded && active && wanted;

  useEffect(() => {
    if (!on) return;
    let controller: DrawController | null = null;
    let live = true;
    let latest: BlockGeometry | null = null;
    const finish = () => {
      // terra-draw reports the closed ring on its next change, at most a frame after 'finish'.
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          if (!live || !latest) return;
          controller?.setTool('pan');
          useBoundaryDrawing.getState().finish(latest);
        }),
      );
    };
    void import('./draw-controller.ts').then(({ createDrawController }) => {
      if (!live) return;
      controller = createDrawController(map!, {
        onBlock: (geometry) => {
          latest = geometry;
        },
        onFinish: finish,
      });
      controller.setTool('draw');
    });
    return () => {
      live = false;
      whileMapLives(() => controller?.destroy());
    };
  }, [on, map, round]);
}

import type { Map as MaplibreMap } from 'maplibre-gl';
import type { BlockGeometry } from '@mpm/rules';
import type { DrawController } from './draw-controller.ts';
import { whileMapLives } from './while-map-lives.ts';

/**
 * Draws one polygon with plan mode's drawing controller (terra-draw), loaded on first use: clicks
 * place corners, and the closed polygon goes to `onClosed` with the controller (to hand the map
 * back, or keep the drawing shown). Returns what stops drawing and removes it from the map.
 */
export function drawOnePolygon(
  map: MaplibreMap,
  onClosed: (geometry: BlockGeometry, controller: DrawController) => void,
): () => void {
  let controller: DrawController | null = null;
  let live = true;
  let latest: BlockGeometry | null = null;
  const finish = () => {
    // terra-draw reports the closed ring on its next change, at most a frame after 'finish'.
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        if (live && latest && controller) onClosed(latest, controller);
      }),
    );
  };
  void import('./draw-controller.ts').then(({ createDrawController }) => {
    if (!live) return;
    controller = createDrawController(map, {
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
}

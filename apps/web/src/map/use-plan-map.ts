import { useEffect, useRef, useState } from 'react';
import type { Map as MaplibreMap } from 'maplibre-gl';
import type { BlockGeometry } from '@mpm/rules';
import { usePlan } from '../state/plan-store.ts';
import { useServerData } from '../state/server-store.ts';
import type { DrawController } from './draw-controller.ts';
import {
  BLOCK_SOURCE,
  ensurePlanOverlay,
  OVERLAP_SOURCE,
  removePlanOverlay,
  restoreMissingHatch,
  setOverlayData,
} from './plan-overlay.ts';
import { whileMapLives } from './while-map-lives.ts';

const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };
const asCollection = (geometry: BlockGeometry): GeoJSON.FeatureCollection => ({
  type: 'FeatureCollection',
  features: [{ type: 'Feature', geometry, properties: {} }],
});

/** The block's extent as MapLibre bounds. */
function boundsOf(geometry: BlockGeometry): [[number, number], [number, number]] {
  const positions = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates).flat(2);
  const xs = positions.map((p) => p[0]);
  const ys = positions.map((p) => p[1]);
  return [
    [Math.min(...xs), Math.min(...ys)],
    [Math.max(...xs), Math.max(...ys)],
  ];
}

/**
 * Plan mode on the map, for `MapView` only: the drawing controller (terra-draw), the block
 * from the store (a pasted or uploaded block is drawn and zoomed to), the tool, and the
 * highlighted overlaps of the live check.
 */
export function usePlanMap(map: MaplibreMap | null, styleLoaded: boolean, planMode: boolean): void {
  const block = usePlan((s) => s.block);
  const tool = usePlan((s) => s.tool);
  const draft = usePlan((s) => s.proposal);
  const planData = useServerData((s) => s.plan.data);
  const [runtime, setRuntime] = useState<typeof import('./plan-runtime.ts') | null>(null);
  const live = runtime && planMode ? runtime.selectLiveCheck(planData, block?.geometry ?? null, draft) : null;
  const [draw, setDraw] = useState<DrawController | null>(null);
  /** The block revision the map shows, so the map's own echo is not drawn again. */
  const shownRef = useRef<number | null>(null);

  useEffect(() => {
    if (!planMode || runtime) return;
    let wanted = true;
    void import('./plan-runtime.ts').then((loaded) => wanted && setRuntime(loaded));
    return () => {
      wanted = false;
    };
  }, [planMode, runtime]);

  useEffect(() => {
    if (!map || !styleLoaded || !planMode || !runtime) return;
    ensurePlanOverlay(map);
    const onMissingImage = (event: { id: string }) => restoreMissingHatch(map, event.id);
    map.on('styleimagemissing', onMissingImage);
    const controller = runtime.createDrawController(map, {
      onBlock: (geometry) => {
        shownRef.current = usePlan.getState().setDrawnBlock(geometry);
      },
      onFinish: () => usePlan.getState().setTool('edit'),
    });
    shownRef.current = null;
    setDraw(controller);
    return () => {
      setDraw(null);
      map.off('styleimagemissing', onMissingImage);
      whileMapLives(() => controller.destroy());
      whileMapLives(() => removePlanOverlay(map));
    };
  }, [map, styleLoaded, planMode, runtime]);

  useEffect(() => {
    draw?.setTool(tool);
  }, [draw, tool]);

  useEffect(() => {
    if (!draw || !map) return;
    if (!block) {
      draw.clear();
      setOverlayData(map, BLOCK_SOURCE, EMPTY);
      shownRef.current = null;
      return;
    }
    if (shownRef.current === block.revision) return;
    shownRef.current = block.revision;
    const held = draw.show(block.geometry);
    // terra-draw holds simple polygons; anything else (holes) is drawn read-only.
    setOverlayData(map, BLOCK_SOURCE, held ? EMPTY : asCollection(block.geometry));
    if (block.origin !== 'draw') map.fitBounds(boundsOf(block.geometry), { padding: 80, maxZoom: 16, duration: 500 });
  }, [draw, map, block]);

  useEffect(() => {
    if (map && draw) setOverlayData(map, OVERLAP_SOURCE, live?.highlight ?? EMPTY);
  }, [map, draw, live]);
}

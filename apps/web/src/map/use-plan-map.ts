import { useEffect, useRef, useState } from 'react';
import type { Map as MaplibreMap } from 'maplibre-gl';
import type { BlockGeometry } from '@mpm/rules';
import { usePlan } from '../state/plan-store.ts';
import { useServerData, type PlanData } from '../state/server-store.ts';
import { useBlockLimits } from '../state/block-limits.ts';
import { useDrawSession } from '../state/draw-session.ts';
import { ringsOf, snapIndex, type SnapIndex } from '../edit/snap.ts';
import type { DrawController, DrawKey } from './draw-controller.ts';
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

/** The rings of every zone, protected area and licence plan mode holds, as snapping targets. */
const snapTargetsOf = (data: PlanData | null): SnapIndex | null =>
  data ? snapIndex(Object.values(data.layers).flatMap((collection) => (collection?.features ?? []).flatMap((f) => (f.geometry ? ringsOf(f.geometry) : [])))) : null;

/** Typing in a form keeps its keys. */
const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * The drawing's shortcuts, listed in the panel's help (DrawHelp): Ctrl+Z undo, Ctrl+Shift+Z or
 * Ctrl+Y redo, Enter closes the polygon, Esc cancels it (or stops editing), Delete removes the
 * selected block. Keys pressed on the map itself reach terra-draw directly; elsewhere they are handed on.
 */
function onDrawKey(event: KeyboardEvent, draw: DrawController, canvas: HTMLElement): void {
  if (typing(event.target) || event.altKey) return;
  const { tool, setTool } = usePlan.getState();
  if (tool === 'pan') return;
  const key = event.key.toLowerCase();
  if (event.ctrlKey || event.metaKey) {
    if (key === 'z' && !event.shiftKey) draw.undo();
    else if ((key === 'z' && event.shiftKey) || key === 'y') draw.redo();
    else return;
    event.preventDefault();
    return;
  }
  if (event.key === 'Escape' && tool === 'edit') {
    setTool('pan');
    return;
  }
  if (!['Enter', 'Escape', 'Delete'].includes(event.key) || event.target === canvas) return;
  if (event.key === 'Delete' && tool !== 'edit') return;
  draw.press(event.key as DrawKey);
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
  const limits = useBlockLimits();
  const live = runtime && planMode ? runtime.selectLiveCheck(planData, block?.geometry ?? null, draft, limits) : null;
  const [draw, setDraw] = useState<DrawController | null>(null);
  /** The block revision the map shows, so the map's own echo is not drawn again. */
  const shownRef = useRef<number | null>(null);
  const snapRef = useRef<{ data: PlanData | null; index: SnapIndex | null }>({ data: null, index: null });

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
      onSketch: (sketch, history) => useDrawSession.setState({ sketch, ...history }),
      snapTargets: () => {
        const data = useServerData.getState().plan.data;
        if (snapRef.current.data !== data) snapRef.current = { data, index: snapTargetsOf(data) };
        return snapRef.current.index;
      },
    });
    useDrawSession.setState({ undo: controller.undo, redo: controller.redo });
    const onKey = (event: KeyboardEvent) => onDrawKey(event, controller, map.getCanvas());
    document.addEventListener('keydown', onKey);
    shownRef.current = null;
    setDraw(controller);
    return () => {
      setDraw(null);
      document.removeEventListener('keydown', onKey);
      useDrawSession.setState({ sketch: [], canUndo: false, canRedo: false, undo: () => undefined, redo: () => undefined });
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

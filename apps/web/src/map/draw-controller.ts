import type { Map as MaplibreMap } from 'maplibre-gl';
import {
  TerraDraw,
  TerraDrawModeUndoRedo,
  TerraDrawPolygonMode,
  TerraDrawSelectMode,
  TerraDrawSessionUndoRedo,
  ValidateNotSelfIntersecting,
  type GeoJSONStoreFeatures,
} from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { BlockGeometry } from '@mpm/rules';
import { SNAP_TOLERANCE_PX, snapPosition, type SnapIndex } from '../edit/snap.ts';
import type { DrawTool } from '../state/plan-store.ts';
import { DRAW_PREFIX } from './plan-overlay.ts';

/** Block outline and vertex colours: dark blue, readable over every layer's fill. */
const INK = '#0b3d91';
const FILL = '#4f7cc9';

/** A ring being drawn is checked once it closes; an edit (select mode) at every move, so no drag can cross it. */
const checkRing: NonNullable<ConstructorParameters<typeof TerraDrawPolygonMode>[0]>['validation'] = (feature, { updateType }) =>
  String(updateType) === 'provisional' ? { valid: true } : ValidateNotSelfIntersecting(feature);

export interface DrawCallbacks {
  /** The block the map now holds (every polygon drawn, as one geometry), at most once a frame. */
  onBlock(geometry: BlockGeometry | null): void;
  /** A polygon was closed. */
  onFinish(): void;
  /** The outer rings on the map, the one still being drawn included, and what undo/redo can do: after every change. */
  onSketch?(sketch: GeoJSON.Position[][], history: { canUndo: boolean; canRedo: boolean }): void;
  /** The existing zones' and licences' rings near a place, which a drawn or dragged corner snaps to. */
  snapTargets?(): SnapIndex | null;
}

/** Keys the drawing answers besides undo and redo: finish the polygon, cancel it, delete the selected block. */
export type DrawKey = 'Enter' | 'Escape' | 'Delete';

/** Drawing on the map, owned by `MapView`: terra-draw with its MapLibre adapter. */
export interface DrawController {
  setTool(tool: DrawTool): void;
  /** Replaces what is drawn with `geometry`; returns false when terra-draw refuses a part (e.g. holes). */
  show(geometry: BlockGeometry): boolean;
  clear(): void;
  /** One step back or forward: a corner while drawing, else a whole closed polygon, moved corner or deletion. */
  undo(): void;
  redo(): void;
  /** Hands a key to terra-draw, as if pressed on the map. */
  press(key: DrawKey): void;
  destroy(): void;
}

/** Decimals of drawn coordinates (terra-draw refuses features with more): about 0.1 mm. */
const PRECISION = 9;
const round = (x: number) => Math.round(x * 10 ** PRECISION) / 10 ** PRECISION;
const roundRings = (rings: GeoJSON.Position[][]) => rings.map((ring) => ring.map((p) => [round(p[0]), round(p[1])]));

const isBlockPolygon = (f: GeoJSONStoreFeatures) => f.geometry.type === 'Polygon' && f.properties.mode === 'polygon';

/** A polygon still being drawn counts once it has three corners and does not cross itself. */
function usable(feature: GeoJSONStoreFeatures): boolean {
  if (!feature.properties.currentlyDrawing) return true;
  const ring = (feature.geometry as GeoJSON.Polygon).coordinates[0];
  const distinct = new Set(ring.map((p) => `${p[0]},${p[1]}`));
  return distinct.size >= 3 && ValidateNotSelfIntersecting(feature).valid;
}

/** The block in terra-draw's store: one polygon, several (a multipolygon), or none. */
function blockOf(features: readonly GeoJSONStoreFeatures[]): BlockGeometry | null {
  const polygons = features.filter(isBlockPolygon).filter(usable).map((f) => (f.geometry as GeoJSON.Polygon).coordinates);
  if (polygons.length === 0) return null;
  return polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons };
}

export function createDrawController(map: MaplibreMap, callbacks: DrawCallbacks): DrawController {
  /** A corner goes onto an existing zone's or licence's corner, else its edge, within SNAP_TOLERANCE_PX (one snapping rule with the data editor). */
  const toCustom = (event: { containerX: number; containerY: number }) => {
    const index = callbacks.snapTargets?.();
    if (!index) return undefined;
    const { containerX: x, containerY: y } = event;
    const corners = [map.unproject([x - SNAP_TOLERANCE_PX, y - SNAP_TOLERANCE_PX]), map.unproject([x + SNAP_TOLERANCE_PX, y + SNAP_TOLERANCE_PX])];
    const lons = corners.map((c) => c.lng);
    const lats = corners.map((c) => c.lat);
    const lines = index.near([Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)]);
    const snapped = snapPosition({ x, y }, lines, (p) => map.project([p[0], p[1]]));
    return snapped ? [round(snapped.position[0]), round(snapped.position[1])] : undefined;
  };
  const draw = new TerraDraw({
    adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: PRECISION, prefixId: DRAW_PREFIX }),
    undoRedo: { modeLevel: new TerraDrawModeUndoRedo(), sessionLevel: new TerraDrawSessionUndoRedo() },
    modes: [
      new TerraDrawPolygonMode({
        snapping: { toCustom },
        validation: checkRing,
        styles: { fillColor: FILL, fillOpacity: 0.15, outlineColor: INK, outlineWidth: 2.5, closingPointColor: INK, closingPointWidth: 6 },
      }),
      new TerraDrawSelectMode({
        flags: {
          polygon: {
            feature: {
              draggable: true,
              validation: (feature) => ValidateNotSelfIntersecting(feature),
              coordinates: { midpoints: true, draggable: true, deletable: true, snappable: { toCustom } },
            },
          },
        },
        styles: { selectedPolygonColor: FILL, selectedPolygonOutlineColor: INK, selectionPointColor: INK, midPointColor: '#ffffff', midPointOutlineColor: INK },
      }),
    ],
  });
  draw.start();
  draw.setMode('static');

  let frame = 0;
  let lastJson = 'null';
  const sketch = () => {
    const rings = draw
      .getSnapshot()
      .filter(isBlockPolygon)
      .map((f) => (f.geometry as GeoJSON.Polygon).coordinates[0]);
    callbacks.onSketch?.(rings, { canUndo: draw.canUndo(), canRedo: draw.canRedo() });
  };
  const emit = () => {
    frame = 0;
    sketch();
    const geometry = blockOf(draw.getSnapshot());
    const json = JSON.stringify(geometry);
    if (json === lastJson) return;
    lastJson = json;
    callbacks.onBlock(geometry);
  };
  draw.on('change', (_ids, _type, context) => {
    // The API's own changes (show, clear) are already in the store; selection is not a shape change.
    if (context && 'origin' in context && context.origin === 'api') return;
    if (context?.target === 'properties') return;
    if (!frame) frame = requestAnimationFrame(emit);
  });
  draw.on('history', () => sketch());

  let finishedId: string | number | null = null;
  draw.on('finish', (id, context) => {
    if (context.mode !== 'polygon') return;
    finishedId = id;
    callbacks.onFinish();
  });

  const clearFeatures = () => {
    if (draw.getSnapshot().length > 0) draw.clear();
    // A block from elsewhere (pasted, uploaded, saved, removed) starts a new history.
    draw.clearUndoRedoHistory();
    lastJson = 'null';
  };
  /** Undo and redo put features back through the API, which the change listener leaves alone: the block is read here. */
  const step = (go: () => boolean) => {
    if (!go()) return;
    if (draw.getMode() === 'select') {
      const target = draw.getSnapshot().find(isBlockPolygon)?.id;
      if (target !== undefined) draw.selectFeature(target);
    }
    if (frame) cancelAnimationFrame(frame);
    emit();
  };

  return {
    setTool(tool) {
      if (tool === 'draw') draw.setMode('polygon');
      else if (tool === 'pan') draw.setMode('static');
      else {
        draw.setMode('select');
        const target = finishedId !== null && draw.hasFeature(finishedId) ? finishedId : draw.getSnapshot().find(isBlockPolygon)?.id;
        if (target !== undefined) draw.selectFeature(target);
      }
    },
    show(geometry) {
      const mode = draw.getMode();
      clearFeatures();
      const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
      const results = draw.addFeatures(
        polygons.map((rings) => ({
          type: 'Feature',
          geometry: { type: 'Polygon', coordinates: roundRings(rings) },
          properties: { mode: 'polygon' },
        })),
      );
      lastJson = JSON.stringify(blockOf(draw.getSnapshot()));
      if (draw.getMode() !== mode) draw.setMode(mode);
      sketch();
      return results.every((r) => r.valid);
    },
    clear() {
      clearFeatures();
      sketch();
    },
    undo: () => step(() => draw.undo()),
    redo: () => step(() => draw.redo()),
    press(key) {
      map.getCanvas().dispatchEvent(new KeyboardEvent('keyup', { key }));
      if (!frame) frame = requestAnimationFrame(emit);
    },
    destroy() {
      if (frame) cancelAnimationFrame(frame);
      draw.stop();
    },
  };
}

import type { Map as MaplibreMap } from 'maplibre-gl';
import { TerraDraw, TerraDrawPolygonMode, TerraDrawSelectMode, ValidateNotSelfIntersecting, type GeoJSONStoreFeatures } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import { snapPosition } from '../edit/snap.ts';
import { DATA_PREFIX } from './plan-overlay.ts';

type Boundary = GeoJSON.Polygon | GeoJSON.MultiPolygon;

/** Outline and corners of the feature being edited: magenta, apart from every layer's colour. */
const INK = '#c2185b';

/** Decimals of edited coordinates (terra-draw refuses more; the server answers 9): about 0.1 mm. */
const PRECISION = 9;
const round = (x: number) => Math.round(x * 10 ** PRECISION) / 10 ** PRECISION;

export interface EditCallbacks {
  /** The boundary after a corner was moved or added, or a new polygon closed. */
  onChange(geometry: Boundary): void;
  /** The rings a corner snaps to (the neighbours' boundaries), in lon/lat. */
  snapTargets(): GeoJSON.Position[][];
}

/** Editing one feature's boundary on the map, owned by `MapView` (through `useEditMap`). */
export interface EditController {
  /** Shows `geometry` with its corners draggable, or, for null, lets the officer draw a new polygon. */
  show(geometry: Boundary | null): void;
  clear(): void;
  destroy(): void;
}

const polygonsOf = (features: readonly GeoJSONStoreFeatures[]) =>
  features.filter((f) => f.geometry.type === 'Polygon' && f.properties.mode === 'polygon').map((f) => (f.geometry as GeoJSON.Polygon).coordinates);

/**
 * terra-draw (select mode: corners dragged, a midpoint dragged adds a corner, a corner
 * right-clicked is deleted while the ring keeps three; polygon mode for a new feature), never
 * letting a ring cross itself, with every moved or
 * drawn corner snapped to the neighbours' corners and edges within `SNAP_TOLERANCE_PX` pixels.
 */
export function createEditController(map: MaplibreMap, callbacks: EditCallbacks): EditController {
  const toCustom = (event: { containerX: number; containerY: number }) => {
    const snapped = snapPosition({ x: event.containerX, y: event.containerY }, callbacks.snapTargets(), (p) => map.project([p[0], p[1]]));
    return snapped ? [round(snapped.position[0]), round(snapped.position[1])] : undefined;
  };
  const draw = new TerraDraw({
    adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: PRECISION, prefixId: `${DATA_PREFIX}edit` }),
    modes: [
      new TerraDrawPolygonMode({
        snapping: { toCustom },
        validation: (feature, { updateType }) => (String(updateType) === 'provisional' ? { valid: true } : ValidateNotSelfIntersecting(feature)),
        styles: { fillColor: INK, fillOpacity: 0.15, outlineColor: INK, outlineWidth: 2.5, closingPointColor: INK, closingPointWidth: 6 },
      }),
      new TerraDrawSelectMode({
        flags: {
          polygon: {
            feature: {
              draggable: false,
              validation: (feature) => ValidateNotSelfIntersecting(feature),
              coordinates: { midpoints: true, draggable: true, deletable: true, snappable: { toCustom } },
            },
          },
        },
        styles: { selectedPolygonColor: INK, selectedPolygonOutlineColor: INK, selectionPointColor: INK, midPointColor: '#ffffff', midPointOutlineColor: INK },
      }),
    ],
  });
  draw.start();
  draw.setMode('static');

  const current = (): Boundary | null => {
    const polygons = polygonsOf(draw.getSnapshot());
    if (polygons.length === 0) return null;
    return polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons };
  };
  const selectAll = () => {
    draw.setMode('select');
    const first = draw.getSnapshot().find((f) => f.properties.mode === 'polygon');
    if (first) draw.selectFeature(first.id!);
  };

  // A move ends (a corner dropped, a midpoint made a corner), a corner is deleted or a polygon closes: one undo step each.
  draw.on('finish', (_id, context) => {
    const geometry = current();
    if (geometry) callbacks.onChange(geometry);
    if (context.mode === 'polygon') selectAll();
  });
  const clear = () => {
    if (draw.getSnapshot().length > 0) draw.clear();
  };

  return {
    show(geometry) {
      clear();
      if (!geometry) {
        draw.setMode('polygon');
        return;
      }
      const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
      draw.addFeatures(
        polygons.map((rings) => ({
          type: 'Feature' as const,
          geometry: { type: 'Polygon' as const, coordinates: rings.map((ring) => ring.map((p) => [round(p[0]), round(p[1])])) },
          properties: { mode: 'polygon' },
        })),
      );
      selectAll();
    },
    clear() {
      clear();
      draw.setMode('static');
    },
    destroy() {
      draw.stop();
    },
  };
}

import type {
  ExpressionSpecification,
  GeoJSONSource,
  LayerSpecification,
  Map as MaplibreMap,
  StyleSpecification,
} from 'maplibre-gl';
import { OUTCOMES, type Outcome } from '@mpm/rules';

/** Ids of terra-draw's sources and layers on the map start with this (`td-polygon`…). */
export const DRAW_PREFIX = 'td';

/** Sources and layers plan mode adds at run time start with this; the catalogue style has none. */
export const PLAN_PREFIX = 'plan:';

/** Where the block overlaps zones that findings are about (fed with the engine's overlap parts). */
export const OVERLAP_SOURCE = 'plan:overlaps';
export const OVERLAP_FILL_LAYER = 'plan:overlaps-fill';
export const OVERLAP_OUTLINE_LAYER = 'plan:overlaps-outline';
/** A block terra-draw cannot hold (e.g. one with holes), drawn read-only. */
export const BLOCK_SOURCE = 'plan:block';

/** Outcome colours, also used by the panel's badges (which carry the outcome's name in text too). */
export const OUTCOME_COLORS: Record<Outcome, string> = {
  forbidden: '#c62828',
  restricted: '#e65100',
  conditional: '#f2a900',
  advisory: '#1f6fb2',
};

const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };
const HATCH_SIZE = 12;
const hatchImageId = (outcome: Outcome) => `plan-hatch-${outcome}`;

/** A diagonal hatch in the outcome's colour over a light wash of it, so overlaps read without colour. */
function hatchImage(color: string): { width: number; height: number; data: Uint8Array } {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16));
  const data = new Uint8Array(HATCH_SIZE * HATCH_SIZE * 4);
  for (let y = 0; y < HATCH_SIZE; y++) {
    for (let x = 0; x < HATCH_SIZE; x++) {
      const onLine = (x + y) % HATCH_SIZE < 3;
      data.set([r, g, b, onLine ? 235 : 60], (y * HATCH_SIZE + x) * 4);
    }
  }
  return { width: HATCH_SIZE, height: HATCH_SIZE, data };
}

const byOutcome = <T extends string | number>(values: Record<Outcome, T>, fallback: T) =>
  ['match', ['get', 'outcome'], ...OUTCOMES.flatMap((o) => [o, values[o]]), fallback] as unknown as ExpressionSpecification;

function addHatches(map: MaplibreMap) {
  for (const outcome of OUTCOMES) {
    if (!map.hasImage(hatchImageId(outcome))) map.addImage(hatchImageId(outcome), hatchImage(OUTCOME_COLORS[outcome]));
  }
}

const OVERLAY_LAYERS: LayerSpecification[] = [
  {
    id: 'plan:block-fill',
    type: 'fill',
    source: BLOCK_SOURCE,
    paint: { 'fill-color': '#4f7cc9', 'fill-opacity': 0.15 },
  },
  {
    id: 'plan:block-outline',
    type: 'line',
    source: BLOCK_SOURCE,
    paint: { 'line-color': '#0b3d91', 'line-width': 2.5 },
  },
  {
    id: OVERLAP_FILL_LAYER,
    type: 'fill',
    source: OVERLAP_SOURCE,
    paint: {
      'fill-pattern': byOutcome(
        Object.fromEntries(OUTCOMES.map((o) => [o, hatchImageId(o)])) as Record<Outcome, string>,
        hatchImageId('advisory'),
      ),
    },
  },
  {
    id: OVERLAP_OUTLINE_LAYER,
    type: 'line',
    source: OVERLAP_SOURCE,
    layout: { 'line-join': 'round' },
    paint: { 'line-color': byOutcome(OUTCOME_COLORS, OUTCOME_COLORS.advisory), 'line-width': 2 },
  },
];

/** Adds plan mode's sources and layers (once), above the catalogue layers and under the drawing. */
export function ensurePlanOverlay(map: MaplibreMap): void {
  addHatches(map);
  for (const id of [OVERLAP_SOURCE, BLOCK_SOURCE]) {
    if (!map.getSource(id)) map.addSource(id, { type: 'geojson', data: EMPTY });
  }
  const drawLayer = map.getStyle().layers.find((layer) => layer.id.startsWith(`${DRAW_PREFIX}-`))?.id;
  for (const layer of OVERLAY_LAYERS) {
    if (!map.getLayer(layer.id)) map.addLayer(layer, drawLayer);
  }
}

/** Removes what `ensurePlanOverlay` added (leaving plan mode). */
export function removePlanOverlay(map: MaplibreMap): void {
  for (const layer of OVERLAY_LAYERS) if (map.getLayer(layer.id)) map.removeLayer(layer.id);
  for (const id of [OVERLAP_SOURCE, BLOCK_SOURCE]) if (map.getSource(id)) map.removeSource(id);
}

export function setOverlayData(map: MaplibreMap, source: typeof OVERLAP_SOURCE | typeof BLOCK_SOURCE, data: GeoJSON.FeatureCollection) {
  map.getSource<GeoJSONSource>(source)?.setData(data);
}

/** Re-adds a hatch the map lost (a style reload drops images). */
export function restoreMissingHatch(map: MaplibreMap, id: string): void {
  if (id.startsWith('plan-hatch-')) addHatches(map);
}

/** Sources and layers inspect mode adds at run time start with this. */
export const INSPECT_PREFIX = 'inspect:';

/** Sources and layers data mode adds at run time (the import preview's extent) start with this. */
export const DATA_PREFIX = 'data:';

/** Sources and layers of the measuring tool (every mode) start with this. */
export const MEASURE_PREFIX = 'measure:';

const isRuntime = (id: string) =>
  [PLAN_PREFIX, `${DRAW_PREFIX}-`, INSPECT_PREFIX, DATA_PREFIX, MEASURE_PREFIX].some((prefix) => id.startsWith(prefix));

/**
 * `setStyle` transform: the catalogue style knows nothing of plan, inspect and data mode's layers, the measuring tool's or terra-draw's,
 * so a style diff would delete them; carry them over, on top, in their order.
 */
export function keepRuntimeLayers(previous: StyleSpecification | undefined, next: StyleSpecification): StyleSpecification {
  if (!previous) return next;
  const sources = Object.fromEntries(Object.entries(previous.sources).filter(([id]) => isRuntime(id)));
  return {
    ...next,
    sources: { ...next.sources, ...sources },
    layers: [...next.layers, ...previous.layers.filter((layer) => isRuntime(layer.id))],
  };
}

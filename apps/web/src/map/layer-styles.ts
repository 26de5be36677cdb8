import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import {
  RESTORATION_STATUS_COLORS as STATUS_COLORS,
  RESTORATION_STATUSES,
  type CollectionId,
  type RestorationStatus,
  type LayerDef,
  type TermKey,
} from '@mpm/domain';
import { statusPatternId } from './status-patterns.ts';

/** Colours for the values of one enum property, with a colour for anything else. */
export interface Categories {
  /** Feature property (a catalogue field key). */
  property: TermKey;
  values: readonly { value: TermKey; color: string }[];
  fallback: string;
  /** Feature-state key that, when set on a feature, stands in for the property (the public year slider). */
  state?: string;
}

/** Line widths (screen pixels) for the values of one enum property. */
export interface WidthCategories {
  property: TermKey;
  values: readonly { value: TermKey; width: number }[];
  fallback: number;
}

/** A polygon layer: a semi-transparent fill under an outline. */
export interface PolygonStyle {
  kind: 'polygon';
  fill: string | Categories;
  /** 0–1. */
  fillOpacity: number;
  outline: string | Categories;
  /** Screen pixels. */
  outlineWidth: number;
  /** Dash and gap lengths, in multiples of the outline width. */
  outlineDash?: readonly number[];
  /** A pattern over the fill for each value of the fill's property, so no value is told by colour alone. */
  patterns?: PatternCategories;
}

/** A pattern image (added at run time) for each value of one enum property, and the feature-state key standing in for it. */
export interface PatternCategories {
  property: TermKey;
  values: readonly { value: TermKey; image: string }[];
  state?: string;
}

/** A line layer, optionally over a wider casing (railways' black-and-white look). */
export interface LineStyle {
  kind: 'line';
  color: string;
  width: number | WidthCategories;
  dash?: readonly number[];
  casing?: { color: string; width: number };
}

export type LayerStyle = PolygonStyle | LineStyle;

/** Restoration progress, from not started to signed off. */
export const RESTORATION_STATUS_COLORS: Categories = {
  property: 'restorationStatus',
  values: RESTORATION_STATUSES.map((value) => ({ value, color: STATUS_COLORS[value] })),
  fallback: '#35978f',
  state: 'status',
};

/** Restoration progress as a pattern too (dots, hatch, lines, grid): the colours alone do not carry it. */
export const RESTORATION_STATUS_PATTERNS: PatternCategories = {
  property: 'restorationStatus',
  values: RESTORATION_STATUSES.map((value: RestorationStatus) => ({ value, image: statusPatternId(value) })),
  state: 'status',
};

/** Key, restricted and prohibited mining areas mean opposite things: never one colour. */
export const ZONING_CLASS_COLORS: Categories = {
  property: 'zoningClass',
  values: [
    { value: 'keyMining', color: '#8073ac' },
    { value: 'restrictedMining', color: '#f1a340' },
    { value: 'prohibitedMining', color: '#d73027' },
  ],
  fallback: '#9e9ac8',
};

/** Drawing choices that differ from the default (catalogue colour, light fill, thin outline). */
const OVERRIDES: Partial<Record<CollectionId, (def: LayerDef) => LayerStyle>> = {
  // Boundaries: almost no fill, so the layers above stay readable.
  county: (def) => polygon(def, { fillOpacity: 0.03, outlineWidth: 2.5 }),
  townships: (def) => polygon(def, { fillOpacity: 0.02, outlineWidth: 1, outlineDash: [3, 2] }),
  farmland: (def) => polygon(def, { fillOpacity: 0.35, outlineWidth: 0.8 }),
  // Land classes under everything: a light fill, so the protected areas over them stay readable.
  forest_land: (def) => polygon(def, { fillOpacity: 0.3, outlineWidth: 0.6 }),
  grassland: (def) => polygon(def, { fillOpacity: 0.35, outlineWidth: 0.6 }),
  wetland: (def) => polygon(def, { fillOpacity: 0.35, outlineWidth: 0.8, outlineDash: [1, 1] }),
  // A control line, not an area to fill: a dashed outline, like the red line's weight.
  urban_development_boundary: (def) => polygon(def, { fillOpacity: 0.05, outlineWidth: 2, outlineDash: [4, 2] }),
  eco_redline: (def) => polygon(def, { fillOpacity: 0.12, outlineWidth: 2.5 }),
  mining_zoning: (def) => ({
    ...polygon(def, { fill: ZONING_CLASS_COLORS, fillOpacity: 0.15, outlineDash: [4, 2] }),
    outline: ZONING_CLASS_COLORS,
  }),
  concentrated_zones: (def) => polygon(def, { fillOpacity: 0.35, outlineWidth: 1.8 }),
  mining_blocks: (def) => polygon(def, { fillOpacity: 0.25, outlineWidth: 1.5 }),
  exploration_rights: (def) => polygon(def, { fillOpacity: 0.2, outlineDash: [2, 1] }),
  mining_rights: (def) => polygon(def, { fillOpacity: 0.15, outlineWidth: 1.5 }),
  // Outlined in the status colour too: parcels are small, and a county-wide view must still show their colour.
  restoration_parcels: (def) => ({
    ...polygon(def, { fill: RESTORATION_STATUS_COLORS, fillOpacity: 0.65, outlineWidth: 2 }),
    outline: RESTORATION_STATUS_COLORS,
    patterns: RESTORATION_STATUS_PATTERNS,
  }),
  change_patches: () => ({ kind: 'polygon', fill: '#ff00ff', fillOpacity: 0.1, outline: '#ff00ff', outlineWidth: 2 }),
  rivers: (def) => ({ kind: 'line', color: def.color, width: 2.2 }),
  roads: (def) => ({
    kind: 'line',
    color: def.color,
    width: {
      property: 'roadClass',
      values: [
        { value: 'national', width: 4 },
        { value: 'provincial', width: 3 },
        { value: 'countyRoad', width: 2 },
        { value: 'townshipRoad', width: 1.25 },
      ],
      fallback: 1.5,
    },
  }),
  railways: (def) => ({ kind: 'line', color: '#ffffff', width: 2, dash: [3, 3], casing: { color: def.color, width: 3.5 } }),
};

function polygon(def: LayerDef, options: Partial<Omit<PolygonStyle, 'kind'>>): PolygonStyle {
  return { kind: 'polygon', fill: def.color, fillOpacity: 0.25, outline: def.color, outlineWidth: 1.2, ...options };
}

/** How a catalogue layer is drawn (and its legend swatch). */
export function styleFor(def: LayerDef): LayerStyle {
  const override = OVERRIDES[def.id];
  if (override) return override(def);
  return def.geometry === 'polygon' ? polygon(def, {}) : { kind: 'line', color: def.color, width: 1.5 };
}

const match = (property: string, pairs: readonly (readonly [string, string | number])[], fallback: string | number) =>
  ['match', ['get', property], ...pairs.flat(), fallback] as unknown as ExpressionSpecification;

/** One colour for a single-colour legend swatch: the colour, or the categories' fallback. */
export const swatchColor = (value: string | Categories): string => (typeof value === 'string' ? value : value.fallback);

/** The value of a categories' property, or the feature-state standing in for it when it has one. */
const categoryOf = (value: { property: string; state?: string }) =>
  value.state ? ['coalesce', ['feature-state', value.state], ['get', value.property]] : ['get', value.property];

const color = (value: string | Categories) => {
  if (typeof value === 'string') return value;
  const pairs = value.values.map((v) => [v.value, v.color] as const);
  return ['match', categoryOf(value), ...pairs.flat(), value.fallback] as unknown as ExpressionSpecification;
};

const lineWidth = (width: LineStyle['width']) =>
  typeof width === 'number' ? width : match(width.property, width.values.map((v) => [v.value, v.width] as const), width.fallback);

/** MapLibre layer ids of a catalogue layer: `<collection>:<part>`. */
export const mapLayerId = (id: CollectionId, part: 'fill' | 'outline' | 'casing' | 'line' | `pattern-${string}`) => `${id}:${part}`;

/**
 * One fill layer per pattern: `fill-pattern` cannot read feature-state (the public year slider
 * sets the status there), but `fill-opacity` can, so each layer shows only its own value.
 */
function patternLayers(id: CollectionId, patterns: PatternCategories, common: object, layout: object): LayerSpecification[] {
  return patterns.values.map(({ value, image }) => ({
    id: mapLayerId(id, `pattern-${value}`),
    type: 'fill',
    ...(common as { source: string; 'source-layer': string }),
    layout,
    paint: {
      'fill-pattern': image,
      'fill-opacity': ['case', ['==', categoryOf(patterns), value], 1, 0] as unknown as ExpressionSpecification,
    },
  }));
}

/** The map layer that answers clicks for a catalogue layer (the fill of a polygon, the line of a line). */
export const hitLayerId = (def: LayerDef) => mapLayerId(def.id, def.geometry === 'polygon' ? 'fill' : 'line');

/**
 * The MapLibre layers for one catalogue layer, bottom first, drawn from `source` (the tiles of
 * all layers, or the layer's own), whose source-layer is named after the collection id.
 */
export function mapLayersFor(def: LayerDef, visible: boolean, source: string): LayerSpecification[] {
  const style = styleFor(def);
  const common = { source, 'source-layer': def.id } as const;
  const layout = { visibility: visible ? 'visible' : 'none' } as const;
  if (style.kind === 'polygon') {
    return [
      {
        id: mapLayerId(def.id, 'fill'),
        type: 'fill',
        ...common,
        layout,
        paint: { 'fill-color': color(style.fill), 'fill-opacity': style.fillOpacity },
      },
      ...(style.patterns ? patternLayers(def.id, style.patterns, common, layout) : []),
      {
        id: mapLayerId(def.id, 'outline'),
        type: 'line',
        ...common,
        layout: { ...layout, 'line-join': 'round' },
        paint: {
          'line-color': color(style.outline),
          'line-width': style.outlineWidth,
          ...(style.outlineDash ? { 'line-dasharray': [...style.outlineDash] } : {}),
        },
      },
    ];
  }
  const layers: LayerSpecification[] = [];
  if (style.casing) {
    layers.push({
      id: mapLayerId(def.id, 'casing'),
      type: 'line',
      ...common,
      layout: { ...layout, 'line-join': 'round' },
      paint: { 'line-color': style.casing.color, 'line-width': style.casing.width },
    });
  }
  layers.push({
    id: mapLayerId(def.id, 'line'),
    type: 'line',
    ...common,
    layout: { ...layout, 'line-join': 'round', 'line-cap': style.dash ? 'butt' : 'round' },
    paint: {
      'line-color': style.color,
      'line-width': lineWidth(style.width),
      ...(style.dash ? { 'line-dasharray': [...style.dash] } : {}),
    },
  });
  return layers;
}

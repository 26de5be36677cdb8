import { isCollectionId, type CollectionId } from '@mpm/domain';
import type { AppMode } from './session-store.ts';

const MODES: readonly AppMode[] = ['browse', 'plan', 'inspect', 'public', 'data', 'admin'];

/** Years the public year slider may show; anything outside is ignored as a typo. */
const MIN_YEAR = 1949;
const MAX_YEAR = 2200;

/** Where the map looks: centre in lon/lat (EPSG:4490, as MapLibre takes it) and zoom level. */
export interface Camera {
  lon: number;
  lat: number;
  zoom: number;
}

/**
 * A shareable view, as the page's URL hash carries it. Every member is optional: a hash that
 * names only some of them changes only those.
 */
export interface UrlView {
  mode?: AppMode;
  /** The public map's year (the county as it stood at the end of it). */
  year?: number;
  /** Layers switched on (`true`) or off (`false`) against their catalogue default. */
  layers?: Partial<Record<CollectionId, boolean>>;
  /** The day the right layers are drawn as of (`YYYY-MM-DD`); absent for the register as it stands. */
  asOf?: string;
  camera?: Camera;
}

/** A calendar day `YYYY-MM-DD` that exists (2023-02-29 does not). */
export function isIsoDay(value: string | null | undefined): value is string {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

const isMode = (value: string | null): value is AppMode => value !== null && (MODES as readonly string[]).includes(value);

function parseLayerList(raw: string | null): CollectionId[] {
  if (!raw) return [];
  return raw.split(',').filter(isCollectionId);
}

function parseCamera(raw: string | null): Camera | undefined {
  const parts = raw?.split('/');
  if (parts?.length !== 3) return undefined;
  const [zoom, lat, lon] = parts.map((part) => (/^-?\d+(\.\d+)?$/.test(part) ? Number(part) : NaN));
  if (!(zoom >= 0 && zoom <= 24 && lat >= -85.06 && lat <= 85.06 && lon >= -180 && lon <= 180)) return undefined;
  return { lon, lat, zoom };
}

/**
 * Reads a view from a URL hash (`#mode=public&year=2022&on=…&off=…&asOf=…&map=zoom/lat/lon`, with or
 * without the `#`). Unknown keys, unknown layers and malformed values are left out, never guessed.
 */
export function parseUrlView(hash: string): UrlView {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const view: UrlView = {};
  const mode = params.get('mode');
  if (isMode(mode)) view.mode = mode;
  const year = params.get('year');
  if (year && /^\d{4}$/.test(year) && Number(year) >= MIN_YEAR && Number(year) <= MAX_YEAR) view.year = Number(year);
  const layers: Partial<Record<CollectionId, boolean>> = {};
  for (const id of parseLayerList(params.get('off'))) layers[id] = false;
  for (const id of parseLayerList(params.get('on'))) layers[id] = true;
  if (Object.keys(layers).length > 0) view.layers = layers;
  const asOf = params.get('asOf');
  if (isIsoDay(asOf)) view.asOf = asOf;
  const camera = parseCamera(params.get('map'));
  if (camera) view.camera = camera;
  return view;
}

/**
 * Decimals of a coordinate worth writing at `zoom`: about one screen pixel (as MapLibre's own
 * hash does), so the URL stays short and a reload lands on the same spot.
 */
const coordinateDecimals = (zoom: number) => Math.max(0, Math.ceil((zoom * Math.LN2 + Math.log(512 / 360 / 0.5)) / Math.LN10));

/** Writes a view as a URL hash without the `#`; members it lacks are left out. Layers in catalogue-id order. */
export function formatUrlView(view: UrlView): string {
  const parts: string[] = [];
  if (view.mode) parts.push(`mode=${view.mode}`);
  if (view.year !== undefined) parts.push(`year=${view.year}`);
  const entries = Object.entries(view.layers ?? {}) as [CollectionId, boolean][];
  const on = entries.filter(([, value]) => value).map(([id]) => id).sort();
  const off = entries.filter(([, value]) => !value).map(([id]) => id).sort();
  if (on.length) parts.push(`on=${on.join(',')}`);
  if (off.length) parts.push(`off=${off.join(',')}`);
  if (view.asOf) parts.push(`asOf=${view.asOf}`);
  if (view.camera) {
    const { lon, lat, zoom } = view.camera;
    const decimals = coordinateDecimals(zoom);
    parts.push(`map=${zoom.toFixed(2)}/${lat.toFixed(decimals)}/${lon.toFixed(decimals)}`);
  }
  return parts.join('&');
}

/**
 * The layer choices worth sharing: those that differ from the catalogue default, among the
 * layers the caller has (a layer the server does not list is nobody's business in a link).
 */
export function layerDeviations(
  defs: readonly { id: CollectionId; visibleByDefault: boolean }[],
  choices: Partial<Record<CollectionId, boolean>>,
): Partial<Record<CollectionId, boolean>> {
  const result: Partial<Record<CollectionId, boolean>> = {};
  for (const def of defs) {
    const on = choices[def.id];
    if (on !== undefined && on !== def.visibleByDefault) result[def.id] = on;
  }
  return result;
}

/**
 * How the URL follows a change of view: a new mode is a new history entry (so Back returns to the
 * mode before), anything else (map position, layers, year) replaces the current entry.
 */
export function historyStep(before: string, after: string): 'push' | 'replace' {
  const beforeMode = parseUrlView(before).mode;
  const afterMode = parseUrlView(after).mode;
  return beforeMode !== undefined && afterMode !== undefined && beforeMode !== afterMode ? 'push' : 'replace';
}

import { isEditableLayer, isRightCollection, type CollectionId, type LayerDef } from '@mpm/domain';
import { layerEditsApi } from '../api/layer-edits.ts';
import { request } from '../api/client.ts';
import type { UiLanguage } from '../i18n/languages.ts';
import { isLayerOn } from '../state/derived.ts';
import { ringsOf } from './snap.ts';

/** [west, south, east, north] in lon/lat. */
export type ViewBox = [number, number, number, number];

/**
 * Below this zoom the other layers' boundaries are not fetched for snapping: a 10 px tolerance
 * then spans tens of metres and a view holds too many features to be worth sending.
 */
export const NEIGHBOURS_MIN_ZOOM = 13;

/** Most features of one right layer fetched for a view. */
const RIGHTS_LIMIT = 500;

/**
 * The other layers a corner of `open`'s features snaps to: every layer drawn on the map (as the
 * layer panel has it) whose boundaries are kept here — the editable layers (zoning, the red line,
 * farmland, the 四区, blocks…) and the mining and exploration rights. The open layer's own
 * features are the editor's already.
 */
export function snapLayers(open: CollectionId, available: readonly LayerDef[], choices: Partial<Record<CollectionId, boolean>>): CollectionId[] {
  return available
    .filter((def) => def.id !== open && def.geometry === 'polygon' && (isEditableLayer(def.id) || isRightCollection(def.id)) && isLayerOn(def, choices))
    .map((def) => def.id);
}

/**
 * The rings of `layers`' features within `box`, in lon/lat as stored: an editable layer's from
 * the editor's own call (9 decimals of a degree), a right layer's from the OGC API (7 decimals,
 * about 1 cm). A layer that cannot be read is left out rather than stopping the edit.
 */
export async function neighbourRings(layers: readonly CollectionId[], box: ViewBox, lang: UiLanguage): Promise<GeoJSON.Position[][]> {
  const bbox = box.map((v) => v.toFixed(7)).join(',');
  const read = async (layer: CollectionId): Promise<GeoJSON.Feature[]> => {
    if (isEditableLayer(layer)) return (await layerEditsApi.features(layer, lang, bbox)).features as GeoJSON.Feature[];
    return (await request<GeoJSON.FeatureCollection>(`/ogc/collections/${layer}/items?f=json&limit=${RIGHTS_LIMIT}&bbox=${bbox}`, lang)).features;
  };
  const found = await Promise.all(layers.map((layer) => read(layer).catch(() => [] as GeoJSON.Feature[])));
  return found.flat().flatMap((f) => (f.geometry ? ringsOf(f.geometry) : []));
}

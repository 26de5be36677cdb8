import { create } from 'zustand';
import type { EditableFeature, FeatureEditResponse } from '@mpm/contracts';
import type { EditableLayer } from '@mpm/domain';
import { layerEditsApi } from '../api/layer-edits.ts';
import type { UiLanguage } from '../i18n/languages.ts';
import { toProblem, type Problem } from './resource.ts';
import { useServerData } from './server-store.ts';
import { useTransferData } from './transfer-store.ts';

type Boundary = GeoJSON.Polygon | GeoJSON.MultiPolygon;

/** What the editor works on: a feature of the layer (its id), a new one being drawn, or nothing yet. */
export type EditTarget = { kind: 'feature'; id: number } | { kind: 'new' } | null;

/**
 * The feature editor (编辑要素) in data mode: the layer's features as the server gave them (the
 * snapping targets too), the feature open with its attributes and boundary as edited, and the
 * boundaries before each vertex move, for undo. Saved edits go to the server; a refusal (a 409
 * when someone saved first) is kept to show in its words.
 */
export interface EditSession {
  layer: EditableLayer | null;
  features: EditableFeature[];
  loading: boolean;
  target: EditTarget;
  /** The attributes as edited (strings as typed, numbers as numbers). */
  properties: Record<string, unknown>;
  /** The boundary as edited (null: not drawn yet, for a new feature). */
  geometry: Boundary | null;
  /** Boundaries before each move, newest last. */
  undoStack: Boundary[];
  saving: boolean;
  problem: Problem | null;
  /** The last saved revision (for the notice). */
  saved: FeatureEditResponse | null;
  load(layer: EditableLayer, lang: UiLanguage): Promise<void>;
  open(id: number): void;
  startNew(): void;
  setProperty(key: string, value: unknown): void;
  /** The map's boundary after a move or a drawing: the one before goes on the undo stack. */
  setGeometry(geometry: Boundary): void;
  undo(): void;
  cancel(): void;
  save(lang: UiLanguage): Promise<void>;
  remove(lang: UiLanguage): Promise<void>;
}

const CLOSED = { target: null, properties: {}, geometry: null, undoStack: [], problem: null } satisfies Partial<EditSession>;

export const useEditSession = create<EditSession>()((set, get) => {
  /** After a write: the layer's tiles and revisions anew, and the features with their versions. */
  const written = async (layer: EditableLayer, result: FeatureEditResponse, lang: UiLanguage) => {
    const feature = result.feature;
    const opened = feature ? { target: { kind: 'feature', id: feature.id } as const, properties: feature.properties, geometry: feature.geometry, undoStack: [] } : CLOSED;
    set({ ...opened, saved: result, saving: false, problem: null });
    await Promise.all([
      useServerData.getState().layerWritten(layer, lang),
      useTransferData.getState().loadRevisions(layer, lang),
      get().load(layer, lang),
    ]);
  };
  const failed = (err: unknown) => set({ saving: false, problem: toProblem(err) });

  return {
    layer: null,
    features: [],
    loading: false,
    saving: false,
    saved: null,
    ...CLOSED,

    async load(layer, lang) {
      if (get().layer !== layer) set({ layer, features: [], ...CLOSED, saved: null });
      set({ loading: true });
      try {
        const { features } = await layerEditsApi.features(layer, lang);
        if (get().layer === layer) set({ features, loading: false });
      } catch (err) {
        set({ loading: false, problem: toProblem(err) });
      }
    },

    open(id) {
      const feature = get().features.find((f) => f.id === id);
      if (feature) set({ target: { kind: 'feature', id }, properties: { ...feature.properties }, geometry: feature.geometry, undoStack: [], problem: null, saved: null });
    },

    startNew: () => set({ ...CLOSED, target: { kind: 'new' }, saved: null }),
    setProperty: (key, value) => set((s) => ({ properties: { ...s.properties, [key]: value } })),
    setGeometry: (geometry) => set((s) => ({ geometry, undoStack: s.geometry ? [...s.undoStack, s.geometry] : s.undoStack })),
    undo: () => set((s) => (s.undoStack.length ? { geometry: s.undoStack.at(-1)!, undoStack: s.undoStack.slice(0, -1) } : {})),
    cancel: () => set({ ...CLOSED }),

    async save(lang) {
      const { layer, target, properties, geometry, features } = get();
      if (!layer || !target || get().saving) return;
      set({ saving: true, problem: null });
      try {
        if (target.kind === 'new') {
          if (!geometry) return set({ saving: false });
          await written(layer, await layerEditsApi.add(layer, { properties, geometry }, lang), lang);
          return;
        }
        const loaded = features.find((f) => f.id === target.id)!;
        const changed = Object.fromEntries(Object.entries(properties).filter(([key, value]) => loaded.properties[key] !== value));
        const moved = JSON.stringify(geometry) !== JSON.stringify(loaded.geometry);
        const body = {
          baseVersion: loaded.version,
          ...(Object.keys(changed).length ? { properties: changed } : {}),
          ...(moved && geometry ? { geometry } : {}),
        };
        await written(layer, await layerEditsApi.edit(layer, target.id, body, lang), lang);
      } catch (err) {
        failed(err);
      }
    },

    async remove(lang) {
      const { layer, target, features } = get();
      if (!layer || target?.kind !== 'feature' || get().saving) return;
      const loaded = features.find((f) => f.id === target.id)!;
      set({ saving: true, problem: null });
      try {
        await written(layer, await layerEditsApi.remove(layer, target.id, loaded.version, lang), lang);
      } catch (err) {
        failed(err);
      }
    },
  };
});

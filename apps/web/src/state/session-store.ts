import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { CollectionId } from '@mpm/domain';
import { DEFAULT_LANGUAGE, isUiLanguage, type UiLanguage } from '../i18n/languages.ts';

/** One feature under a click, as the popup shows it. */
export interface SelectedFeature {
  layerId: CollectionId;
  /** The feature's integer id from the tile, when it has one. */
  featureId: string | number | undefined;
  properties: Record<string, unknown>;
}

/** Where the user clicked (lon/lat, EPSG:4490 ≈ WGS84) and what lies there, top layer first. */
export interface Selection {
  lngLat: [number, number];
  features: SelectedFeature[];
}

/**
 * What this visit of the page chose: language (remembered across visits), which layers are
 * switched on, the popup selection and, on narrow screens, whether the layer panel is open.
 */
export interface Session {
  language: UiLanguage;
  /** Layers the user switched on or off; the rest follow the catalogue's `visibleByDefault`. */
  layerChoices: Partial<Record<CollectionId, boolean>>;
  selection: Selection | null;
  panelOpen: boolean;
  setLanguage(language: UiLanguage): void;
  setLayerOn(id: CollectionId, on: boolean): void;
  select(selection: Selection | null): void;
  setPanelOpen(open: boolean): void;
}

export const useSession = create<Session>()(
  persist(
    (set) => ({
      language: DEFAULT_LANGUAGE,
      layerChoices: {},
      selection: null,
      panelOpen: false,
      setLanguage: (language) => set({ language }),
      setLayerOn: (id, on) => set((s) => ({ layerChoices: { ...s.layerChoices, [id]: on } })),
      select: (selection) => set({ selection }),
      setPanelOpen: (panelOpen) => set({ panelOpen }),
    }),
    {
      name: 'mpm.session',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      // Only the language outlives the visit.
      partialize: (s) => ({ language: s.language }),
      merge: (stored, current) => {
        const language = (stored as { language?: unknown } | undefined)?.language;
        return isUiLanguage(language) ? { ...current, language } : current;
      },
    },
  ),
);

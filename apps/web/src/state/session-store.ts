import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { CollectionId } from '@mpm/domain';
import { DEFAULT_LANGUAGE, isUiLanguage, type UiLanguage } from '../i18n/languages.ts';
import type { BasemapKind } from '../map/basemap.ts';

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
 * Browse the map (地图, staff), check a proposed block (规划; planners and admins), check sites
 * and run the ledger (巡查; inspectors and admins), follow restoration (公众; everyone, and the
 * only mode of visitors who are not signed in), import, restore and export layers (数据管理; admins),
 * or keep the registers: users and, later, licences, proposals, parcels and settings (管理; admins).
 */
export type AppMode = 'browse' | 'plan' | 'inspect' | 'public' | 'data' | 'admin';

/** How areas of findings are shown: 亩, 公顷 or m². */
export type AreaUnit = 'mu' | 'ha' | 'm2';

/**
 * What this visit of the page chose: language (remembered across visits), mode, which layers
 * are switched on, the popup selection, the area unit and, on narrow screens, whether the layer
 * panel is open.
 */
export interface Session {
  language: UiLanguage;
  /** The mode asked for; what shows is `activeMode(mode, user)` (a mode the user may use). */
  mode: AppMode;
  areaUnit: AreaUnit;
  /** Layers the user switched on or off; the rest follow the catalogue's `visibleByDefault`. */
  layerChoices: Partial<Record<CollectionId, boolean>>;
  /** The day the right layers are drawn as of (`YYYY-MM-DD`), or null for the register as it stands. */
  rightsAsOf: string | null;
  /** The 天地图 map under the layers when the server has a key: vector (矢量) or imagery (影像). */
  basemap: BasemapKind;
  selection: Selection | null;
  panelOpen: boolean;
  setLanguage(language: UiLanguage): void;
  setMode(mode: AppMode): void;
  setAreaUnit(unit: AreaUnit): void;
  setLayerOn(id: CollectionId, on: boolean): void;
  setRightsAsOf(day: string | null): void;
  setBasemap(basemap: BasemapKind): void;
  select(selection: Selection | null): void;
  setPanelOpen(open: boolean): void;
}

export const useSession = create<Session>()(
  persist(
    (set) => ({
      language: DEFAULT_LANGUAGE,
      mode: 'browse',
      areaUnit: 'mu',
      layerChoices: {},
      rightsAsOf: null,
      basemap: 'vector',
      selection: null,
      panelOpen: false,
      setLanguage: (language) => set({ language }),
      setMode: (mode) => set({ mode, selection: null }),
      setAreaUnit: (areaUnit) => set({ areaUnit }),
      setLayerOn: (id, on) => set((s) => ({ layerChoices: { ...s.layerChoices, [id]: on } })),
      setRightsAsOf: (rightsAsOf) => set({ rightsAsOf }),
      setBasemap: (basemap) => set({ basemap }),
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

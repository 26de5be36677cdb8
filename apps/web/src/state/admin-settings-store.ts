import { create } from 'zustand';
import type {
  BlockSettings,
  BlockSettingsResponse,
  BufferSettingsPatch,
  BufferSettingsResponse,
  IndicatorSettingsResponse,
  IndicatorTargetsPatch,
  InspectionSettings,
  InspectionSettingsResponse,
  LayerSettingsBody,
  RestorationTargetsBody,
  RestorationTargetsResponse,
} from '@mpm/contracts';
import { settingsApi } from '../api/admin.ts';
import { VERSION_CONFLICT } from '../api/client.ts';
import type { UiLanguage } from '../i18n/languages.ts';
import { useInspectData } from './inspect-store.ts';
import { usePublicData } from './public-store.ts';
import { idle, load, slotOf, toProblem, type Problem, type Resource } from './resource.ts';
import { useServerData } from './server-store.ts';

/** The settings screens of 管理 mode, one section each. */
export type SettingsSection = 'layers' | 'buffers' | 'blocks' | 'indicators' | 'inspection' | 'restoration';

/** The last settings write: which section (and layer), on its way, saved, or refused with the server's words. */
export interface SettingsAction {
  section: SettingsSection;
  /** The layer a publication write was for. */
  layer?: string;
  status: 'pending' | 'done' | 'problem';
  problem: Problem | null;
}

/**
 * The county's settings as 管理 mode edits them (admins): the buffer widths, minimum block area, indicator targets,
 * inspection settings and restoration targets as the server holds them, and the last write.
 * Layer publication is read from the server store's layer list (staff get the hidden fields).
 * Each save tells the rest of the app, so that other modes read the new values. Each save sends
 * the version of the setting as loaded; when someone else saved first, the server's refusal is
 * kept as the write's problem and the section is loaded anew, so the form shows what now holds.
 */
export interface SettingsData {
  buffers: Resource<BufferSettingsResponse>;
  blocks: Resource<BlockSettingsResponse>;
  indicators: Resource<IndicatorSettingsResponse>;
  inspection: Resource<InspectionSettingsResponse>;
  restoration: Resource<RestorationTargetsResponse>;
  action: SettingsAction | null;
  loadAll(lang: UiLanguage): Promise<void>;
  saveLayer(id: string, body: LayerSettingsBody, lang: UiLanguage): Promise<boolean>;
  saveBuffers(patch: BufferSettingsPatch, lang: UiLanguage): Promise<boolean>;
  saveBlocks(settings: BlockSettings, lang: UiLanguage): Promise<boolean>;
  saveIndicators(patch: IndicatorTargetsPatch, lang: UiLanguage): Promise<boolean>;
  saveInspection(settings: InspectionSettings, lang: UiLanguage): Promise<boolean>;
  saveRestoration(body: RestorationTargetsBody, lang: UiLanguage): Promise<boolean>;
  reset(): void;
}

const INITIAL = {
  buffers: idle<BufferSettingsResponse>(),
  blocks: idle<BlockSettingsResponse>(),
  indicators: idle<IndicatorSettingsResponse>(),
  inspection: idle<InspectionSettingsResponse>(),
  restoration: idle<RestorationTargetsResponse>(),
  action: null,
};

const ready = <T>(data: T): Resource<T> => ({ status: 'ready', key: null, data, problem: null });

export const useSettingsData = create<SettingsData>()((set, get) => {
  /**
   * Runs one write: pending, then done (after `write` has told the app), or refused. Refused
   * because someone else saved first (409), the section is loaded anew by `reload`.
   */
  const run = async (
    action: Omit<SettingsAction, 'status' | 'problem'>,
    write: () => Promise<void>,
    reload: () => Promise<unknown>,
  ): Promise<boolean> => {
    if (get().action?.status === 'pending') return false;
    set({ action: { ...action, status: 'pending', problem: null } });
    try {
      await write();
      set({ action: { ...action, status: 'done', problem: null } });
      return true;
    } catch (err) {
      const problem = toProblem(err);
      set({ action: { ...action, status: 'problem', problem } });
      if (problem.code === VERSION_CONFLICT) await reload();
      return false;
    }
  };
  /** Loads one section anew. */
  const reload = (section: Exclude<SettingsSection, 'layers'>, lang: UiLanguage) => () => {
    switch (section) {
      case 'buffers':
        return load(slotOf(get, set, 'buffers'), () => settingsApi.buffers(lang));
      case 'blocks':
        return load(slotOf(get, set, 'blocks'), () => settingsApi.blocks(lang));
      case 'indicators':
        return load(slotOf(get, set, 'indicators'), () => settingsApi.indicators(lang));
      case 'inspection':
        return load(slotOf(get, set, 'inspection'), () => settingsApi.inspection(lang));
      case 'restoration':
        return load(slotOf(get, set, 'restoration'), () => settingsApi.restoration(lang));
    }
  };

  return {
    ...INITIAL,

    async loadAll(lang) {
      await Promise.all((['buffers', 'blocks', 'indicators', 'inspection', 'restoration'] as const).map((section) => reload(section, lang)()));
    },

    saveLayer: (id, body, lang) => {
      const layers = () => useServerData.getState().reloadLayers(lang);
      const baseVersion = useServerData.getState().layers?.find((layer) => layer.id === id)?.version;
      return run(
        { section: 'layers', layer: id },
        async () => {
          await settingsApi.saveLayer(id, { ...body, baseVersion }, lang);
          // The layer list (and with it what public mode offers) comes from the server anew.
          await layers();
        },
        layers,
      );
    },

    saveBuffers: (patch, lang) =>
      run(
        { section: 'buffers' },
        async () => {
          set({ buffers: ready(await settingsApi.saveBuffers({ ...patch, baseVersion: get().buffers.data?.version }, lang)) });
          // Plan mode's browser checks use the widths: it fetches its rules again.
          useServerData.setState({ plan: idle() });
        },
        reload('buffers', lang),
      ),

    saveBlocks: (settings, lang) =>
      run(
        { section: 'blocks' },
        async () => {
          const saved = await settingsApi.saveBlocks({ ...settings, baseVersion: get().blocks.data?.version }, lang);
          set({ blocks: ready(saved) });
          // Plan mode's live check refuses by the new minimum at once.
          const { config } = useServerData.getState();
          if (config) useServerData.setState({ config: { ...config, minBlockAreaM2: saved.minBlockAreaM2 } });
        },
        reload('blocks', lang),
      ),

    saveIndicators: (patch, lang) =>
      run(
        { section: 'indicators' },
        async () => {
          set({ indicators: ready(await settingsApi.saveIndicators({ ...patch, baseVersion: get().indicators.data?.version }, lang)) });
          useServerData.setState({ plan: idle() });
          usePublicData.getState().dropIndicators();
        },
        reload('indicators', lang),
      ),

    saveInspection: (settings, lang) =>
      run(
        { section: 'inspection' },
        async () => {
          const saved = await settingsApi.saveInspection({ ...settings, baseVersion: get().inspection.data?.version }, lang);
          set({ inspection: ready(saved) });
          // The licence register asks again with the new window when it next shows.
          useInspectData.setState({ settings: saved, rights: idle() });
        },
        reload('inspection', lang),
      ),

    saveRestoration: (body, lang) =>
      run(
        { section: 'restoration' },
        async () => {
          const saved = await settingsApi.saveRestoration({ ...body, baseVersion: get().restoration.data?.version }, lang);
          set({ restoration: ready(saved) });
          usePublicData.setState({ targets: { ...ready(saved), key: 'all' }, summary: idle() });
        },
        reload('restoration', lang),
      ),

    reset: () => set(INITIAL),
  };
});

// Settings read by one admin are not kept for whoever signs in next.
useServerData.subscribe((state, previous) => {
  if (state.user?.id !== previous.user?.id) useSettingsData.getState().reset();
});

import { create } from 'zustand';
import type {
  BufferSettingsPatch,
  BufferSettingsResponse,
  IndicatorSettingsResponse,
  IndicatorTargetsPatch,
  InspectionSettings,
  LayerSettingsBody,
  RestorationTargetsBody,
} from '@mpm/contracts';
import { settingsApi } from '../api/admin.ts';
import type { UiLanguage } from '../i18n/languages.ts';
import { useInspectData } from './inspect-store.ts';
import { usePublicData } from './public-store.ts';
import { idle, load, slotOf, toProblem, type Problem, type Resource } from './resource.ts';
import { useServerData } from './server-store.ts';

/** The settings screens of 管理 mode, one section each. */
export type SettingsSection = 'layers' | 'buffers' | 'indicators' | 'inspection' | 'restoration';

/** The last settings write: which section (and layer), on its way, saved, or refused with the server's words. */
export interface SettingsAction {
  section: SettingsSection;
  /** The layer a publication write was for. */
  layer?: string;
  status: 'pending' | 'done' | 'problem';
  problem: Problem | null;
}

/**
 * The county's settings as 管理 mode edits them (admins): the buffer widths, indicator targets,
 * inspection settings and restoration targets as the server holds them, and the last write.
 * Layer publication is read from the server store's layer list (staff get the hidden fields).
 * Each save tells the rest of the app, so that other modes read the new values.
 */
export interface SettingsData {
  buffers: Resource<BufferSettingsResponse>;
  indicators: Resource<IndicatorSettingsResponse>;
  inspection: Resource<InspectionSettings>;
  restoration: Resource<RestorationTargetsBody>;
  action: SettingsAction | null;
  loadAll(lang: UiLanguage): Promise<void>;
  saveLayer(id: string, body: LayerSettingsBody, lang: UiLanguage): Promise<boolean>;
  saveBuffers(patch: BufferSettingsPatch, lang: UiLanguage): Promise<boolean>;
  saveIndicators(patch: IndicatorTargetsPatch, lang: UiLanguage): Promise<boolean>;
  saveInspection(settings: InspectionSettings, lang: UiLanguage): Promise<boolean>;
  saveRestoration(body: RestorationTargetsBody, lang: UiLanguage): Promise<boolean>;
  reset(): void;
}

const INITIAL = {
  buffers: idle<BufferSettingsResponse>(),
  indicators: idle<IndicatorSettingsResponse>(),
  inspection: idle<InspectionSettings>(),
  restoration: idle<RestorationTargetsBody>(),
  action: null,
};

const ready = <T>(data: T): Resource<T> => ({ status: 'ready', key: null, data, problem: null });

export const useSettingsData = create<SettingsData>()((set, get) => {
  /** Runs one write: pending, then done (after `write` has told the app), or refused. */
  const run = async (action: Omit<SettingsAction, 'status' | 'problem'>, write: () => Promise<void>): Promise<boolean> => {
    if (get().action?.status === 'pending') return false;
    set({ action: { ...action, status: 'pending', problem: null } });
    try {
      await write();
      set({ action: { ...action, status: 'done', problem: null } });
      return true;
    } catch (err) {
      set({ action: { ...action, status: 'problem', problem: toProblem(err) } });
      return false;
    }
  };

  return {
    ...INITIAL,

    async loadAll(lang) {
      await Promise.all([
        load(slotOf(get, set, 'buffers'), () => settingsApi.buffers(lang)),
        load(slotOf(get, set, 'indicators'), () => settingsApi.indicators(lang)),
        load(slotOf(get, set, 'inspection'), () => settingsApi.inspection(lang)),
        load(slotOf(get, set, 'restoration'), () => settingsApi.restoration(lang)),
      ]);
    },

    saveLayer: (id, body, lang) =>
      run({ section: 'layers', layer: id }, async () => {
        await settingsApi.saveLayer(id, body, lang);
        // The layer list (and with it what public mode offers) comes from the server anew.
        await useServerData.getState().reloadLayers(lang);
      }),

    saveBuffers: (patch, lang) =>
      run({ section: 'buffers' }, async () => {
        set({ buffers: ready(await settingsApi.saveBuffers(patch, lang)) });
        // Plan mode's browser checks use the widths: it fetches its rules again.
        useServerData.setState({ plan: idle() });
      }),

    saveIndicators: (patch, lang) =>
      run({ section: 'indicators' }, async () => {
        set({ indicators: ready(await settingsApi.saveIndicators(patch, lang)) });
        useServerData.setState({ plan: idle() });
        usePublicData.getState().dropIndicators();
      }),

    saveInspection: (settings, lang) =>
      run({ section: 'inspection' }, async () => {
        const saved = await settingsApi.saveInspection(settings, lang);
        set({ inspection: ready(saved) });
        // The licence register asks again with the new window when it next shows.
        useInspectData.setState({ settings: saved, rights: idle() });
      }),

    saveRestoration: (body, lang) =>
      run({ section: 'restoration' }, async () => {
        const saved = await settingsApi.saveRestoration(body, lang);
        set({ restoration: ready(saved) });
        usePublicData.setState({ targets: { ...ready(saved), key: 'all' }, summary: idle() });
      }),

    reset: () => set(INITIAL),
  };
});

// Settings read by one admin are not kept for whoever signs in next.
useServerData.subscribe((state, previous) => {
  if (state.user?.id !== previous.user?.id) useSettingsData.getState().reset();
});

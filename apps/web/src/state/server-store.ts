import { create } from 'zustand';
import type { ClientConfig, LayerSummary, LoginBody, UserView } from '@mpm/contracts';
import { api, ApiError } from '../api/client.ts';
import type { UiLanguage } from '../i18n/languages.ts';

/** A failure worth showing: the server's code and message (or `network`). */
export interface Problem {
  code: string;
  message: string;
}

const toProblem = (err: unknown): Problem =>
  err instanceof ApiError ? { code: err.code, message: err.message } : { code: 'unexpected', message: String(err) };

/**
 * What the server said, kept until it says something else: the client config, the layers the
 * caller may see, and who is signed in.
 */
export interface ServerData {
  config: ClientConfig | null;
  /** `null` until the first answer; staff get every layer, visitors the published ones. */
  layers: LayerSummary[] | null;
  user: UserView | null;
  status: 'loading' | 'ready' | 'error';
  problem: Problem | null;
  /** Fetches config, session and layers together; safe to call again to retry. */
  load(lang: UiLanguage): Promise<void>;
  reloadLayers(lang: UiLanguage): Promise<void>;
  /** Signs in, then reloads the layer list; rejects with an `ApiError` the dialog shows. */
  signIn(body: LoginBody, lang: UiLanguage): Promise<void>;
  signOut(lang: UiLanguage): Promise<void>;
}

export const useServerData = create<ServerData>()((set) => ({
  config: null,
  layers: null,
  user: null,
  status: 'loading',
  problem: null,

  async load(lang) {
    set({ status: 'loading', problem: null });
    try {
      const [config, me, { layers }] = await Promise.all([api.config(lang), api.me(lang), api.layers(lang)]);
      set({ config, user: me.user, layers, status: 'ready' });
    } catch (err) {
      set({ status: 'error', problem: toProblem(err) });
    }
  },

  async reloadLayers(lang) {
    try {
      const { layers } = await api.layers(lang);
      set({ layers, problem: null });
    } catch (err) {
      set({ problem: toProblem(err) });
    }
  },

  async signIn(body, lang) {
    const { user } = await api.login(body, lang);
    set({ user });
    await useServerData.getState().reloadLayers(lang);
  },

  async signOut(lang) {
    try {
      await api.logout(lang);
    } finally {
      set({ user: null });
      await useServerData.getState().reloadLayers(lang);
    }
  },
}));

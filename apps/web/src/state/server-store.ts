import { create } from 'zustand';
import type { ClientConfig, CombinedTiles, CountyProfile, LayerSummary, LoginBody, RulesResponse, UserView } from '@mpm/contracts';
import type { CollectionId } from '@mpm/domain';
import { measurementRequest } from '@mpm/rules';
import { ApiError, VERSION_CONFLICT, api } from '../api/client.ts';
import type { UiLanguage } from '../i18n/languages.ts';
import { idle, load, slotOf, toProblem, type Problem, type Resource } from './resource.ts';

/** Features of the layers plan mode measures against, by collection. */
export type PlanLayers = Partial<Record<CollectionId, GeoJSON.FeatureCollection>>;

/** What plan mode checks against in the browser: the ruleset, the buffers and the layers' features. */
export interface PlanData {
  /** The ruleset in force (with its plan period) and the county's effective buffer widths. */
  ruleset: RulesResponse['ruleset'];
  /** The version of the county's rule register in force. */
  rulesetVersion: number;
  buffers: RulesResponse['buffers'];
  /** Every collection `measurementRequest` names, plus `mining_rights` (the existing mines). */
  layers: PlanLayers;
}

/**
 * What the server said, kept until it says something else: the client config, the layers the
 * caller may see, who is signed in and, for plan mode, the rules and layer features (staff data,
 * dropped at sign-out).
 */
export interface ServerData {
  config: ClientConfig | null;
  /** `null` until the first answer; staff get every layer, visitors the published ones. */
  layers: LayerSummary[] | null;
  /** The tiles of those layers, all in one source; their URL names the layers' data revision. */
  tiles: CombinedTiles | null;
  user: UserView | null;
  /** The first load of config, session and layers (a later failure to reload the layers is a problem too). */
  status: 'loading' | 'ready' | 'problem';
  problem: Problem | null;
  /** What plan mode checks against, asked for when plan mode first shows. */
  plan: Resource<PlanData>;
  /**
   * How often this page wrote to each layer (an import, a restore): labels, the editor and a layer
   * drawn as of a past day are fetched anew on a change (the tiles of all layers when the layer list
   * that follows names their new revision).
   */
  tileRevisions: Partial<Record<CollectionId, number>>;
  /** Fetches config, session and layers together; safe to call again to retry. */
  load(lang: UiLanguage): Promise<void>;
  reloadLayers(lang: UiLanguage): Promise<void>;
  /** After a write to layer `id`: its tiles and extent are fetched anew, and plan mode's features with them. */
  layerWritten(id: CollectionId, lang: UiLanguage): Promise<void>;
  /**
   * Saves the county's profile (admins) from the version the config came with; rejects with an
   * `ApiError` the form shows, after fetching the config anew when someone else saved first (409).
   */
  saveCounty(profile: CountyProfile, lang: UiLanguage): Promise<void>;
  /** Signs in, then reloads the layer list; rejects with an `ApiError` the dialog shows. */
  signIn(body: LoginBody, lang: UiLanguage): Promise<void>;
  signOut(lang: UiLanguage): Promise<void>;
  /** Fetches the rules and the plan layers' features once; safe to call again after a failure. */
  loadPlanData(lang: UiLanguage): Promise<void>;
}

/** Staff data goes with the user who fetched it (an answer still on its way for them is dropped). */
const noPlanData = () => ({ plan: idle<PlanData>() });

async function fetchPlanData(lang: UiLanguage): Promise<PlanData> {
  const { ruleset, rulesetVersion, buffers } = await api.rules(lang);
  const ids = new Set<CollectionId>(measurementRequest(ruleset, buffers).collections.map((c) => c.collection));
  ids.add('mining_rights');
  const entries = await Promise.all([...ids].map(async (id) => [id, await api.items(id, lang)] as const));
  return { ruleset, rulesetVersion, buffers, layers: Object.fromEntries(entries) };
}

export const useServerData = create<ServerData>()((set, get) => ({
  config: null,
  layers: null,
  tiles: null,
  user: null,
  status: 'loading',
  problem: null,
  plan: idle(),
  tileRevisions: {},

  async load(lang) {
    set({ status: 'loading', problem: null });
    try {
      const [config, me, { layers, tiles }] = await Promise.all([api.config(lang), api.me(lang), api.layers(lang)]);
      set({ config, user: me.user, layers, tiles, status: 'ready' });
    } catch (err) {
      set({ status: 'problem', problem: toProblem(err) });
    }
  },

  async reloadLayers(lang) {
    try {
      const { layers, tiles } = await api.layers(lang);
      set({ layers, tiles, problem: null });
    } catch (err) {
      set({ problem: toProblem(err) });
    }
  },

  async layerWritten(id, lang) {
    set((s) => ({ tileRevisions: { ...s.tileRevisions, [id]: (s.tileRevisions[id] ?? 0) + 1 }, ...noPlanData() }));
    // The county's boundary gives the initial view (and, until one is saved, its profile).
    const config = id === 'county' ? api.config(lang).then((c) => set({ config: c }), () => undefined) : undefined;
    await Promise.all([get().reloadLayers(lang), config]);
  },

  async saveCounty(profile, lang) {
    try {
      const { county, version } = await api.saveCounty({ ...profile, baseVersion: get().config?.countyVersion }, lang);
      set((s) => ({ config: s.config && { ...s.config, county, countyVersion: version } }));
    } catch (err) {
      if (err instanceof ApiError && err.code === VERSION_CONFLICT) {
        await api.config(lang).then((config) => set({ config }), () => undefined);
      }
      throw err;
    }
  },

  async signIn(body, lang) {
    const { user } = await api.login(body, lang);
    set({ user, ...noPlanData() });
    await get().reloadLayers(lang);
  },

  async signOut(lang) {
    try {
      await api.logout(lang);
    } finally {
      set({ user: null, ...noPlanData() });
      await get().reloadLayers(lang);
    }
  },

  async loadPlanData(lang) {
    if (get().plan.status === 'loading') return;
    await load(slotOf(get, set, 'plan'), () => fetchPlanData(lang));
  },
}));

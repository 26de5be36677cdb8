import { create } from 'zustand';
import type { InspectionSettings, InspectionSettingsResponse, PatchCollection, PatchRoundBody, RightsResponse, SiteCardResponse, SiteCheckBody } from '@mpm/contracts';
import type { Mineral } from '@mpm/domain';
import { ApiError, VERSION_CONFLICT } from '../api/client.ts';
import { inspectApi } from '../api/inspect.ts';
import type { UiLanguage } from '../i18n/languages.ts';
import { idle, load, slotOf, toProblem, type Problem, type Resource } from './resource.ts';
import { useServerData } from './server-store.ts';

/** A site as the server checks it: a point or a polygon, EPSG:4490 lon/lat. */
export type SiteGeometry = SiteCheckBody['geometry'];

/** How the inspector gave the site. */
export type SiteOrigin = 'tap' | 'position' | 'typed' | 'draw' | 'upload';

/** The site check: the site as given, and the server's card for it. */
export type SiteCheck =
  | { status: 'idle' }
  | { status: 'pending'; geometry: SiteGeometry; origin: SiteOrigin }
  | { status: 'done'; geometry: SiteGeometry; origin: SiteOrigin; card: SiteCardResponse }
  | { status: 'problem'; geometry: SiteGeometry; origin: SiteOrigin; problem: Problem };

/** Server data of inspect mode apart from the ledger: the site card, the licence register, the patches. */
export interface InspectData {
  site: SiteCheck;
  /** The mineral the inspector says is mined at the site, if known (sent with the check). */
  mineral: Mineral | '';
  rights: Resource<RightsResponse>;
  settings: InspectionSettingsResponse | null;
  patches: Resource<PatchCollection>;
  /** Every round seen in an unfiltered answer, in text order, for the round filter. */
  rounds: string[];
  patchRound: string;
  /** 截至日期 of the patch classes: the day whose licence register they are classified against (empty: today). */
  patchAsOf: string;
  checkSite(geometry: SiteGeometry, origin: SiteOrigin, lang: UiLanguage): Promise<void>;
  /** Asks the shown site's card again (after a survey or a lead), keeping the card shown meanwhile. */
  refreshSite(lang: UiLanguage): Promise<void>;
  setMineral(mineral: Mineral | ''): void;
  clearSite(): void;
  /** The register with rights expiring within `days` (the county's setting when omitted). */
  loadRights(lang: UiLanguage, days?: number): Promise<void>;
  loadSettings(lang: UiLanguage): Promise<void>;
  /** Saves the county's default (admin); rejects with the server's refusal. */
  saveSettings(settings: InspectionSettings, lang: UiLanguage): Promise<void>;
  /** The patches of `round` (all: empty) classified as of `asOf` (today: empty); each defaults to the last asked. */
  loadPatches(lang: UiLanguage, round?: string, asOf?: string): Promise<void>;
  /** Sends rounds one after the other, then reloads; rejects with the first refusal (earlier rounds stay loaded). */
  uploadPatches(rounds: readonly PatchRoundBody[], lang: UiLanguage): Promise<void>;
  reset(): void;
}

/** Bumped on every site check and reset, so a late answer for an older site is dropped. */
let siteGeneration = 0;

const INITIAL = {
  site: { status: 'idle' } as SiteCheck,
  mineral: '' as const,
  rights: idle<RightsResponse>(),
  settings: null,
  patches: idle<PatchCollection>(),
  rounds: [],
  patchRound: '',
  patchAsOf: '',
};

export const useInspectData = create<InspectData>()((set, get) => ({
  ...INITIAL,

  async checkSite(geometry, origin, lang) {
    const generation = ++siteGeneration;
    set({ site: { status: 'pending', geometry, origin } });
    const mineral = get().mineral;
    try {
      const card = await inspectApi.siteCheck(mineral ? { geometry, mineral } : { geometry }, lang);
      if (generation === siteGeneration) set({ site: { status: 'done', geometry, origin, card } });
    } catch (err) {
      if (generation === siteGeneration) set({ site: { status: 'problem', geometry, origin, problem: toProblem(err) } });
    }
  },

  async refreshSite(lang) {
    const site = get().site;
    if (site.status !== 'done') return;
    const generation = ++siteGeneration;
    const mineral = get().mineral;
    const card = await inspectApi.siteCheck(mineral ? { geometry: site.geometry, mineral } : { geometry: site.geometry }, lang);
    if (generation === siteGeneration) set({ site: { ...site, card } });
  },

  setMineral: (mineral) => set({ mineral }),

  clearSite() {
    siteGeneration++;
    set({ site: { status: 'idle' } });
  },

  async loadRights(lang, days) {
    await load(slotOf(get, set, 'rights'), () => inspectApi.rights(lang, days));
  },

  async loadSettings(lang) {
    try {
      set({ settings: await inspectApi.settings(lang) });
    } catch {
      // The register still answers with the county's setting; only the admin's editor needs this.
      set({ settings: null });
    }
  },

  async saveSettings(settings, lang) {
    let saved: InspectionSettingsResponse;
    try {
      saved = await inspectApi.saveSettings({ ...settings, baseVersion: get().settings?.version }, lang);
    } catch (err) {
      // Saved meanwhile by someone else: the editor shows their values (and the refusal, which names them).
      if (err instanceof ApiError && err.code === VERSION_CONFLICT) await get().loadSettings(lang);
      throw err;
    }
    set({ settings: saved });
    await get().loadRights(lang, saved.expiringWithinDays);
  },

  async loadPatches(lang, round = get().patchRound, asOf = get().patchAsOf) {
    set({ patchRound: round, patchAsOf: asOf });
    const data = await load(slotOf(get, set, 'patches'), () => inspectApi.patches(lang, round || undefined, asOf || undefined), `${round}|${asOf}`);
    if (data && !round) set({ rounds: [...new Set(data.features.map((f) => f.properties.detectionRound))].sort() });
  },

  async uploadPatches(rounds, lang) {
    try {
      for (const round of rounds) await inspectApi.loadPatches(round, lang);
    } finally {
      await get().loadPatches(lang, '');
    }
  },

  reset() {
    siteGeneration++;
    set(INITIAL);
  },
}));

// Staff data goes with the user who fetched it.
useServerData.subscribe((state, previous) => {
  if (state.user?.id !== previous.user?.id) useInspectData.getState().reset();
});

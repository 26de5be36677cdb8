import { create } from 'zustand';
import type { ProposalListResponse, ProposalVersionsResponse } from '@mpm/contracts';
import { proposalsApi, type ProposalFilter } from '../api/proposals.ts';
import type { UiLanguage } from '../i18n/languages.ts';
import { idle, load, slotOf, type Resource } from './resource.ts';
import { useServerData } from './server-store.ts';

/**
 * Saved proposals as the server has them: the list (with the filters it was asked with), and the
 * history of one proposal (keyed by its id): its versions and workflow steps.
 */
export interface ProposalData {
  list: Resource<ProposalListResponse>;
  /** What the list shows: status, mineral, planner, days of the last change, text. */
  filter: ProposalFilter;
  /** Every version and step of one proposal, oldest first; `key` is the proposal's id. */
  versions: Resource<ProposalVersionsResponse>;
  loadList(lang: UiLanguage): Promise<void>;
  /** Changes some filters and asks for the list again. */
  setFilter(patch: Partial<ProposalFilter>, lang: UiLanguage): Promise<void>;
  loadVersions(id: number, lang: UiLanguage): Promise<void>;
  reset(): void;
}

const INITIAL = { list: idle<ProposalListResponse>(), versions: idle<ProposalVersionsResponse>(), filter: {} as ProposalFilter };

export const useProposalData = create<ProposalData>()((set, get) => ({
  ...INITIAL,
  async loadList(lang) {
    const { filter } = get();
    await load(slotOf(get, set, 'list'), () => proposalsApi.list(filter, lang), JSON.stringify(filter));
  },
  async setFilter(patch, lang) {
    set((s) => ({ filter: { ...s.filter, ...patch } }));
    await get().loadList(lang);
  },
  async loadVersions(id, lang) {
    // Another proposal's history is not shown meanwhile.
    if (get().versions.key !== String(id)) set({ versions: idle() });
    await load(slotOf(get, set, 'versions'), () => proposalsApi.versions(id, lang), String(id));
  },
  reset: () => set(INITIAL),
}));

/** The versions of proposal `id`, when those are the ones the store holds. */
export const versionsOf = (data: Pick<ProposalData, 'versions'>, id: number | undefined): ProposalVersionsResponse['versions'] | null =>
  id !== undefined && data.versions.key === String(id) ? (data.versions.data?.versions ?? null) : null;

/** The workflow steps of proposal `id`, oldest first, when those are the ones the store holds. */
export const stepsOf = (data: Pick<ProposalData, 'versions'>, id: number | undefined): ProposalVersionsResponse['steps'] | null =>
  id !== undefined && data.versions.key === String(id) ? (data.versions.data?.steps ?? null) : null;

// Another user's proposals are not this one's.
useServerData.subscribe((state, previous) => {
  if (state.user?.id !== previous.user?.id) useProposalData.getState().reset();
});

import { create } from 'zustand';
import type { ProposalListResponse, ProposalVersionsResponse } from '@mpm/contracts';
import { proposalsApi } from '../api/proposals.ts';
import type { UiLanguage } from '../i18n/languages.ts';
import { idle, load, slotOf, type Resource } from './resource.ts';
import { useServerData } from './server-store.ts';

/** Saved proposals as the server has them: the list, and the history of one proposal (keyed by its id). */
export interface ProposalData {
  list: Resource<ProposalListResponse>;
  /** Every version of one proposal, oldest first; `key` is the proposal's id. */
  versions: Resource<ProposalVersionsResponse>;
  loadList(lang: UiLanguage): Promise<void>;
  loadVersions(id: number, lang: UiLanguage): Promise<void>;
  reset(): void;
}

const INITIAL = { list: idle<ProposalListResponse>(), versions: idle<ProposalVersionsResponse>() };

export const useProposalData = create<ProposalData>()((set, get) => ({
  ...INITIAL,
  async loadList(lang) {
    await load(slotOf(get, set, 'list'), () => proposalsApi.list(lang));
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

// Another user's proposals are not this one's.
useServerData.subscribe((state, previous) => {
  if (state.user?.id !== previous.user?.id) useProposalData.getState().reset();
});

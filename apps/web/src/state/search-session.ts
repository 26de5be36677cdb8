import { create } from 'zustand';
import type { SearchResult } from '@mpm/contracts';

/** Where the map is asked to go: a found result, counted so that choosing it again flies again. */
export interface SearchTarget {
  /** Increases with every choice. */
  seq: number;
  result: SearchResult;
}

/** The search result last chosen (搜索), for the map to fly to; the search box keeps its own text and list. */
export interface SearchSession {
  target: SearchTarget | null;
  goTo(result: SearchResult): void;
  clear(): void;
}

export const useSearchSession = create<SearchSession>()((set) => ({
  target: null,
  goTo: (result) => set((s) => ({ target: { seq: (s.target?.seq ?? 0) + 1, result } })),
  clear: () => set({ target: null }),
}));

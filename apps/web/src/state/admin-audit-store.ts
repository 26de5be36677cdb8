import { create } from 'zustand';
import type { AuditEntryView, AuditVerifyResponse } from '@mpm/contracts';
import { auditApi } from '../api/admin.ts';
import type { UiLanguage } from '../i18n/languages.ts';
import { idle, load, slotOf, toProblem, type Problem, type Resource } from './resource.ts';
import { useServerData } from './server-store.ts';

/** The audit view's filters as the admin typed them (empty: no filter). Dates are China dates, inclusive. */
export interface AuditFilters {
  user: string;
  entity: string;
  entityId: string;
  from: string;
  to: string;
}

export const NO_AUDIT_FILTERS: AuditFilters = { user: '', entity: '', entityId: '', from: '', to: '' };

/** Entries one page asks for. */
export const AUDIT_PAGE_SIZE = 50;

/** The entries found so far for the filters, newest first, and where the next page starts. */
export interface AuditPages {
  entries: AuditEntryView[];
  next: number | null;
  /** Every register the log names, for the filter. */
  entities: string[];
}

/**
 * What the audit view holds (admins): the filters the list answers, its pages so far, a further
 * page on its way, and the last verification of the chain. Dropped at sign-out.
 */
export interface AuditData {
  filters: AuditFilters;
  pages: Resource<AuditPages>;
  /** A "more" page on its way, or its refusal. */
  more: { status: 'idle' | 'loading' | 'problem'; problem: Problem | null };
  verify: Resource<AuditVerifyResponse>;
  /** Asks for the first page under `filters`. */
  search(filters: AuditFilters, lang: UiLanguage): Promise<void>;
  /** Adds the next page (older entries) under the same filters. */
  loadMore(lang: UiLanguage): Promise<void>;
  verifyChain(lang: UiLanguage): Promise<void>;
  reset(): void;
}

const INITIAL = {
  filters: NO_AUDIT_FILTERS,
  pages: idle<AuditPages>(),
  more: { status: 'idle' as const, problem: null },
  verify: idle<AuditVerifyResponse>(),
};

const query = (filters: AuditFilters, before?: number) => ({
  ...Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, v.trim()])),
  before,
  limit: AUDIT_PAGE_SIZE,
});

export const useAuditData = create<AuditData>()((set, get) => ({
  ...INITIAL,

  async search(filters, lang) {
    set({ filters, more: INITIAL.more });
    await load(slotOf(get, set, 'pages'), async () => {
      const { entries, next, entities } = await auditApi.list(query(filters), lang);
      return { entries, next, entities };
    }, JSON.stringify(filters));
  },

  async loadMore(lang) {
    const { pages, filters, more } = get();
    if (!pages.data || pages.data.next === null || more.status === 'loading') return;
    const asked = pages;
    set({ more: { status: 'loading', problem: null } });
    try {
      const page = await auditApi.list(query(filters, pages.data.next), lang);
      if (get().pages !== asked) return;
      set({
        pages: { ...asked, data: { entries: [...asked.data!.entries, ...page.entries], next: page.next, entities: page.entities } },
        more: { status: 'idle', problem: null },
      });
    } catch (err) {
      if (get().pages === asked) set({ more: { status: 'problem', problem: toProblem(err) } });
    }
  },

  async verifyChain(lang) {
    await load(slotOf(get, set, 'verify'), () => auditApi.verify(lang));
  },

  reset: () => set(INITIAL),
}));

// What the log said was for the admin who asked.
useServerData.subscribe((state, previous) => {
  if (state.user?.id !== previous.user?.id) useAuditData.getState().reset();
});

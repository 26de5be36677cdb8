import { create } from 'zustand';
import type { CreateLedgerEntryBody, HandoverBody, HandoverResultBody, LedgerEntryView, LedgerListResponse, UpdateLedgerEntryBody } from '@mpm/contracts';
import type { LedgerStatus } from '@mpm/domain';
import { api, ApiError } from '../api/client.ts';
import { inspectApi } from '../api/inspect.ts';
import type { UiLanguage } from '../i18n/languages.ts';
import { useInspectSession } from './inspect-session.ts';
import { idle, load, slotOf, toProblem, type Problem, type Resource } from './resource.ts';
import { useServerData } from './server-store.ts';

/** The entry open in the detail view (a resource keyed by its id), and what became of the last thing done to it. */
export interface OpenEntry extends Resource<LedgerEntryView> {
  id: number;
  /** A write under way. */
  busy: boolean;
  /** The last write's refusal; `stale` when someone else changed the entry first (409). */
  actionProblem: (Problem & { stale: boolean }) | null;
}

/** The entry `view` as a write or a load answered it. */
const shown = (view: LedgerEntryView): Pick<OpenEntry, 'status' | 'data' | 'problem' | 'busy'> => ({ status: 'ready', data: view, problem: null, busy: false });

/** A township for the ledger filter. */
export interface Township {
  code: string;
  name: string;
}

/** The problem ledger as the server has it: the filtered list and the open entry. */
export interface LedgerData {
  list: Resource<LedgerListResponse>;
  entry: OpenEntry | null;
  townships: Township[] | null;
  /** The list with the session's filters. */
  loadList(lang: UiLanguage): Promise<void>;
  openEntry(id: number, lang: UiLanguage): Promise<void>;
  closeEntry(): void;
  /** Creates an entry, opens it on the ledger tab and returns its id; rejects with the server's refusal. */
  createEntry(body: CreateLedgerEntryBody, lang: UiLanguage): Promise<number>;
  update(patch: Omit<UpdateLedgerEntryBody, 'baseRevision'>, lang: UiLanguage): Promise<boolean>;
  transition(to: LedgerStatus, note: string, lang: UiLanguage): Promise<boolean>;
  addNote(note: string, lang: UiLanguage): Promise<boolean>;
  handOver(body: Omit<HandoverBody, 'baseRevision'>, lang: UiLanguage): Promise<boolean>;
  concludeHandover(handoverId: number, body: Omit<HandoverResultBody, 'baseRevision'>, lang: UiLanguage): Promise<boolean>;
  addPhoto(photo: File, lang: UiLanguage): Promise<boolean>;
  loadTownships(lang: UiLanguage): Promise<void>;
  reset(): void;
}

const INITIAL = {
  list: idle<LedgerListResponse>(),
  entry: null,
  townships: null,
};

export const useLedger = create<LedgerData>()((set, get) => {
  /** Runs one write on the open entry, then shows the entry (as the write answers it) and the list as they now are. */
  async function act(lang: UiLanguage, write: (view: LedgerEntryView) => Promise<LedgerEntryView>): Promise<boolean> {
    const entry = get().entry;
    if (!entry?.data || entry.busy) return false;
    set({ entry: { ...entry, busy: true, actionProblem: null } });
    try {
      const view = await write(entry.data);
      set((s) => (s.entry?.id === entry.id ? { entry: { ...s.entry, ...shown(view) } } : {}));
    } catch (err) {
      // Only a stale revision asks for a reload; other 409s (a final entry, an open hand-over) say what is wrong.
      const stale = err instanceof ApiError && err.code === 'versionConflict';
      set((s) => (s.entry?.id === entry.id ? { entry: { ...s.entry, busy: false, actionProblem: { ...toProblem(err), stale } } } : {}));
      return false;
    }
    void get().loadList(lang);
    return true;
  }

  return {
    ...INITIAL,

    async loadList(lang) {
      await load(slotOf(get, set, 'list'), () => inspectApi.ledger(useInspectSession.getState().ledgerFilters, lang));
    },

    async openEntry(id, lang) {
      set((s) => ({
        entry:
          s.entry?.id === id
            ? { ...s.entry, status: s.entry.data ? s.entry.status : 'loading', busy: true }
            : { ...idle<LedgerEntryView>(), id, key: String(id), status: 'loading', busy: true, actionProblem: null },
      }));
      try {
        const view = await inspectApi.entry(id, lang);
        set((s) => (s.entry?.id === id ? { entry: { ...s.entry, ...shown(view), actionProblem: null } } : {}));
      } catch (err) {
        set((s) => (s.entry?.id === id ? { entry: { ...s.entry, status: 'problem', problem: toProblem(err), busy: false } } : {}));
      }
    },

    closeEntry: () => set({ entry: null }),

    async createEntry(body, lang) {
      const created = await inspectApi.createEntry(body, lang);
      useInspectSession.getState().setTab('ledger');
      set({ entry: { id: created.id, key: String(created.id), ...shown(created), actionProblem: null } });
      void get().loadList(lang);
      return created.id;
    },

    update: (patch, lang) => act(lang, (view) => inspectApi.updateEntry(view.id, { ...patch, baseRevision: view.revision }, lang)),

    transition: (to, note, lang) =>
      act(lang, (view) =>
        inspectApi.transition(view.id, { to, baseRevision: view.revision, ...(note.trim() ? { note: note.trim() } : {}) }, lang),
      ),

    addNote: (note, lang) => act(lang, (view) => inspectApi.addNote(view.id, note.trim(), lang)),

    handOver: (body, lang) => act(lang, (view) => inspectApi.handOver(view.id, { ...body, baseRevision: view.revision }, lang)),

    concludeHandover: (handoverId, body, lang) =>
      act(lang, (view) => inspectApi.concludeHandover(view.id, handoverId, { ...body, baseRevision: view.revision }, lang)),

    addPhoto: (photo, lang) => act(lang, (view) => inspectApi.addPhoto(view.id, photo, lang)),

    async loadTownships(lang) {
      if (get().townships) return;
      try {
        const items = await api.items('townships', lang);
        const townships = items.features
          .map((f) => ({ code: String(f.properties?.adminCode ?? ''), name: String(f.properties?.name ?? '') }))
          .filter((t) => t.code !== '')
          .sort((a, b) => a.code.localeCompare(b.code));
        set({ townships });
      } catch {
        set({ townships: [] });
      }
    },

    reset: () => set(INITIAL),
  };
});

useServerData.subscribe((state, previous) => {
  if (state.user?.id !== previous.user?.id) useLedger.getState().reset();
});

import { create } from 'zustand';
import type { GreenMine, GreenMineBody, LicenceRow, Sanction, SanctionBody } from '@mpm/contracts';
import { ApiError } from '../api/client.ts';
import { licencesApi } from '../api/licences.ts';
import { registersApi } from '../api/sweep.ts';
import type { UiLanguage } from '../i18n/languages.ts';
import { idle, load, slotOf, toProblem, type Problem, type Resource } from './resource.ts';
import { useServerData } from './server-store.ts';

/** What a register write is about: a new listing of a register, or one listing (`sanction:12`). */
export type RegisterActionKey = 'sanction:new' | 'greenMine:new' | `sanction:${number}` | `greenMine:${number}`;

/** The last register write: on its way, done, or refused (the server's words). */
export interface RegisterAction {
  key: RegisterActionKey;
  status: 'pending' | 'done' | 'problem';
  problem: Problem | null;
}

/** An exit from a list: its day and reason. */
export interface Delisting {
  delistedOn: string;
  delistingReason: string;
}

/**
 * The sweep's registers in 管理 mode (admins): the sanction list (异常名录/严重违法失信名单) and
 * the green-mine directory (绿色矿山名录, exits kept), the mining rights a mine is listed by, and
 * the last write. A write answers the listing; the list is then read again.
 */
export interface RegistersData {
  sanctions: Resource<Sanction[]>;
  greenMines: Resource<GreenMine[]>;
  miningRights: Resource<LicenceRow[]>;
  action: RegisterAction | null;
  loadSanctions(lang: UiLanguage): Promise<void>;
  loadGreenMines(lang: UiLanguage): Promise<void>;
  loadMiningRights(lang: UiLanguage): Promise<void>;
  /** Each write answers whether it was made. */
  addSanction(body: SanctionBody, lang: UiLanguage): Promise<boolean>;
  delistSanction(listing: Sanction, exit: Delisting, lang: UiLanguage): Promise<boolean>;
  addGreenMine(body: GreenMineBody, lang: UiLanguage): Promise<boolean>;
  delistGreenMine(listing: GreenMine, exit: Delisting, lang: UiLanguage): Promise<boolean>;
  reset(): void;
}

const INITIAL = { sanctions: idle<Sanction[]>(), greenMines: idle<GreenMine[]>(), miningRights: idle<LicenceRow[]>(), action: null };

export const useRegisters = create<RegistersData>()((set, get) => {
  /**
   * One write: pending, then done with the list read again, or refused. A 409 (someone changed the
   * listing meanwhile) reads the list again before the refusal shows, so the next try starts from
   * what is there now.
   */
  const run = async (key: RegisterActionKey, reload: () => Promise<void>, write: () => Promise<unknown>): Promise<boolean> => {
    if (get().action?.status === 'pending') return false;
    set({ action: { key, status: 'pending', problem: null } });
    try {
      await write();
      await reload();
      set({ action: { key, status: 'done', problem: null } });
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) await reload();
      set({ action: { key, status: 'problem', problem: toProblem(err) } });
      return false;
    }
  };

  return {
    ...INITIAL,

    async loadSanctions(lang) {
      await load(slotOf(get, set, 'sanctions'), async () => (await registersApi.sanctions(lang)).sanctions);
    },

    async loadGreenMines(lang) {
      await load(slotOf(get, set, 'greenMines'), async () => (await registersApi.greenMines(lang)).greenMines);
    },

    async loadMiningRights(lang) {
      await load(slotOf(get, set, 'miningRights'), async () => (await licencesApi.list({ collection: 'mining_rights' }, lang)).licences);
    },

    addSanction: (body, lang) => run('sanction:new', () => get().loadSanctions(lang), () => registersApi.createSanction(body, lang)),

    delistSanction: (listing, exit, lang) =>
      run(
        `sanction:${listing.id}`,
        () => get().loadSanctions(lang),
        () =>
          registersApi.updateSanction(
            listing.id,
            { holder: listing.holder, reason: listing.reason, listedOn: listing.listedOn, documentNo: listing.documentNo, ...exit, baseVersion: listing.version },
            lang,
          ),
      ),

    addGreenMine: (body, lang) => run('greenMine:new', () => get().loadGreenMines(lang), () => registersApi.createGreenMine(body, lang)),

    delistGreenMine: (listing, exit, lang) =>
      run(
        `greenMine:${listing.id}`,
        () => get().loadGreenMines(lang),
        () =>
          registersApi.updateGreenMine(
            listing.id,
            { miningRightId: listing.miningRightId, level: listing.level, listedOn: listing.listedOn, documentNo: listing.documentNo, ...exit, baseVersion: listing.version },
            lang,
          ),
      ),

    reset: () => set(INITIAL),
  };
});

// Staff data goes with the user who fetched it.
useServerData.subscribe((state, previous) => {
  if (state.user?.id !== previous.user?.id) useRegisters.getState().reset();
});

import { create } from 'zustand';
import type { LicenceActBody, LicenceDetail, LicencesQuery, LicencesResponse, RegisterLicenceBody } from '@mpm/contracts';
import type { Mineral, RightCollection } from '@mpm/domain';
import { ApiError } from '../api/client.ts';
import { licencesApi } from '../api/licences.ts';
import type { UiLanguage } from '../i18n/languages.ts';
import { idle, load, slotOf, toProblem, type Problem, type Resource } from './resource.ts';
import { useServerData } from './server-store.ts';

/** The register's filters as the user set them (empty: no filter; `asOf` empty: today). */
export interface LicenceFilters {
  q: string;
  collection: '' | RightCollection;
  state: '' | NonNullable<LicencesQuery['state']>;
  mineral: '' | Mineral;
  /** A township's code. */
  township: string;
  asOf: string;
}

export const NO_LICENCE_FILTERS: LicenceFilters = { q: '', collection: '', state: '', mineral: '', township: '', asOf: '' };

/** The last register write: on its way, done, or refused. */
export interface LicenceAction {
  kind: 'register' | 'act';
  status: 'pending' | 'done' | 'problem';
  problem: Problem | null;
}

/**
 * The licence register as the page holds it (staff read, admins write): the filters and the list
 * they answer, the right opened with its events, and the last write. After a write the map's
 * layer is redrawn and the list asked again, so both show the register as it now stands.
 */
export interface LicencesData {
  filters: LicenceFilters;
  list: Resource<LicencesResponse>;
  opened: { collection: RightCollection; id: number } | null;
  detail: Resource<LicenceDetail>;
  action: LicenceAction | null;
  search(filters: LicenceFilters, lang: UiLanguage): Promise<void>;
  open(collection: RightCollection, id: number, lang: UiLanguage): Promise<void>;
  close(): void;
  /** Answers whether the right was registered (it is opened then). */
  register(body: RegisterLicenceBody, lang: UiLanguage): Promise<boolean>;
  /** Records an act on the opened right; answers whether it was recorded. */
  act(body: Omit<LicenceActBody, 'baseVersion'>, lang: UiLanguage): Promise<boolean>;
  reset(): void;
}

const INITIAL = {
  filters: NO_LICENCE_FILTERS,
  list: idle<LicencesResponse>(),
  opened: null,
  detail: idle<LicenceDetail>(),
  action: null,
};

/** The query a filter set asks (empty members left out). */
const query = (filters: LicenceFilters): LicencesQuery => {
  const q: LicencesQuery = {};
  if (filters.q.trim()) q.q = filters.q.trim();
  if (filters.collection) q.collection = filters.collection;
  if (filters.state) q.state = filters.state;
  if (filters.mineral) q.mineral = filters.mineral;
  if (filters.township) q.township = filters.township;
  if (filters.asOf) q.asOf = filters.asOf;
  return q;
};

export const useLicencesData = create<LicencesData>()((set, get) => {
  /** One write: pending, then the right as the server answered it (opened), or refused. */
  const run = async (kind: LicenceAction['kind'], lang: UiLanguage, write: () => Promise<LicenceDetail>): Promise<boolean> => {
    if (get().action?.status === 'pending') return false;
    set({ action: { kind, status: 'pending', problem: null } });
    try {
      const detail = await write();
      set({
        action: { kind, status: 'done', problem: null },
        opened: { collection: detail.collection, id: detail.id },
        detail: { status: 'ready', key: `${detail.collection}/${detail.id}`, data: detail, problem: null },
      });
      await Promise.all([useServerData.getState().layerWritten(detail.collection, lang), get().search(get().filters, lang)]);
      return true;
    } catch (err) {
      // Someone recorded an act meanwhile: show the right as it now stands, for the next try. The
      // refusal shows once that is loaded, so the form stays busy and cannot resend the old version.
      const opened = get().opened;
      if (err instanceof ApiError && err.status === 409 && opened && kind === 'act') await get().open(opened.collection, opened.id, lang);
      set({ action: { kind, status: 'problem', problem: toProblem(err) } });
      return false;
    }
  };

  return {
    ...INITIAL,

    async search(filters, lang) {
      set({ filters });
      await load(slotOf(get, set, 'list'), () => licencesApi.list(query(filters), lang), JSON.stringify(filters));
    },

    async open(collection, id, lang) {
      set({ opened: { collection, id } });
      await load(slotOf(get, set, 'detail'), () => licencesApi.detail(collection, id, lang), `${collection}/${id}`);
    },

    close: () => set({ opened: null, detail: idle(), action: null }),

    register: (body, lang) => run('register', lang, () => licencesApi.register(body, lang)),

    act(body, lang) {
      const detail = get().detail.data;
      if (!detail) return Promise.resolve(false);
      return run('act', lang, () => licencesApi.act(detail.collection, detail.id, { ...body, baseVersion: detail.version }, lang));
    },

    reset: () => set(INITIAL),
  };
});

// Staff data goes with the user who fetched it.
useServerData.subscribe((state, previous) => {
  if (state.user?.id !== previous.user?.id) useLicencesData.getState().reset();
});

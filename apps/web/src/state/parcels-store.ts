import { create } from 'zustand';
import type { AddParcelBody, EditParcelBody, MergeParcelsBody, ParcelDetail, ParcelRegisterQuery, ParcelRegisterResponse, ParcelRegisterRow } from '@mpm/contracts';
import { ApiError } from '../api/client.ts';
import { parcelsApi } from '../api/parcels.ts';
import type { UiLanguage } from '../i18n/languages.ts';
import { idle, load, slotOf, toProblem, type Problem, type Resource } from './resource.ts';
import { useServerData } from './server-store.ts';

/** The register's filters as the user set them (empty: no filter). */
export interface ParcelFilters {
  q: string;
  lifecycle: NonNullable<ParcelRegisterQuery['lifecycle']>;
}

export const NO_PARCEL_FILTERS: ParcelFilters = { q: '', lifecycle: 'current' };

/** The last register write: on its way, done, or refused. */
export interface ParcelAction {
  kind: 'add' | 'edit' | 'split' | 'merge' | 'retire';
  status: 'pending' | 'done' | 'problem';
  problem: Problem | null;
}

/**
 * The restoration parcel register as the page holds it (staff read, admins write): the filters
 * and the list they answer, the parcels ticked for a merge, the parcel opened with its history,
 * and the last write. After a write the map's layer is redrawn and the list asked again.
 */
export interface ParcelsData {
  filters: ParcelFilters;
  list: Resource<ParcelRegisterResponse>;
  /** Parcels ticked for a merge, with the version each was listed at. */
  ticked: ParcelRegisterRow[];
  opened: number | null;
  detail: Resource<ParcelDetail>;
  action: ParcelAction | null;
  search(filters: ParcelFilters, lang: UiLanguage): Promise<void>;
  open(id: number, lang: UiLanguage): Promise<void>;
  close(): void;
  tick(row: ParcelRegisterRow, on: boolean): void;
  /** Each write answers whether it was made (the parcel it made or changed is opened then). */
  add(body: AddParcelBody, lang: UiLanguage): Promise<boolean>;
  edit(body: Omit<EditParcelBody, 'baseVersion'>, lang: UiLanguage): Promise<boolean>;
  split(line: GeoJSON.LineString, lang: UiLanguage): Promise<boolean>;
  merge(body: Omit<MergeParcelsBody, 'parcels'>, lang: UiLanguage): Promise<boolean>;
  retire(note: string, lang: UiLanguage): Promise<boolean>;
  reset(): void;
}

const INITIAL = { filters: NO_PARCEL_FILTERS, list: idle<ParcelRegisterResponse>(), ticked: [], opened: null, detail: idle<ParcelDetail>(), action: null };

/** The query a filter set asks (empty members left out). */
const query = (filters: ParcelFilters): ParcelRegisterQuery => ({ lifecycle: filters.lifecycle, ...(filters.q.trim() && { q: filters.q.trim() }) });

export const useParcelsData = create<ParcelsData>()((set, get) => {
  /** One write: pending, then the parcel it answers opened, or refused (a 409 reloads what changed meanwhile). */
  const run = async (kind: ParcelAction['kind'], lang: UiLanguage, write: () => Promise<ParcelDetail>): Promise<boolean> => {
    if (get().action?.status === 'pending') return false;
    set({ action: { kind, status: 'pending', problem: null } });
    try {
      const detail = await write();
      set({
        action: { kind, status: 'done', problem: null },
        opened: detail.id,
        detail: { status: 'ready', key: String(detail.id), data: detail, problem: null },
        ...(kind === 'merge' && { ticked: [] }),
      });
      await Promise.all([useServerData.getState().layerWritten('restoration_parcels', lang), get().search(get().filters, lang)]);
      return true;
    } catch (err) {
      // A 409: the list and the opened parcel are loaded again before the refusal shows, so the
      // form stays busy until the next try can start from what is there now.
      if (err instanceof ApiError && err.status === 409) {
        const opened = get().opened;
        await Promise.all([get().search(get().filters, lang), opened !== null && kind !== 'add' && kind !== 'merge' ? reload(opened, lang) : null]);
        if (kind === 'merge') set({ ticked: [] });
      }
      set({ action: { kind, status: 'problem', problem: toProblem(err) } });
      return false;
    }
  };
  /** Asks for a parcel again, keeping what the last write said. */
  const reload = (id: number, lang: UiLanguage) => load(slotOf(get, set, 'detail'), () => parcelsApi.detail(id, lang), String(id));
  /** The opened parcel, for a write on it. */
  const current = () => get().detail.data;

  return {
    ...INITIAL,

    async search(filters, lang) {
      set({ filters });
      await load(slotOf(get, set, 'list'), () => parcelsApi.list(query(filters), lang), JSON.stringify(filters));
    },

    async open(id, lang) {
      set({ opened: id, action: null });
      await reload(id, lang);
    },

    close: () => set({ opened: null, detail: idle(), action: null }),

    tick: (row, on) => set({ ticked: on ? [...get().ticked.filter((r) => r.id !== row.id), row] : get().ticked.filter((r) => r.id !== row.id) }),

    add: (body, lang) => run('add', lang, () => parcelsApi.add(body, lang)),

    edit(body, lang) {
      const parcel = current();
      return parcel ? run('edit', lang, () => parcelsApi.edit(parcel.id, { ...body, baseVersion: parcel.version }, lang)) : Promise.resolve(false);
    },

    split(line, lang) {
      const parcel = current();
      if (!parcel) return Promise.resolve(false);
      // The parent comes back retired, naming its parts: it stays opened, to follow them.
      return run('split', lang, async () => (await parcelsApi.split(parcel.id, { baseVersion: parcel.version, line }, lang)).parent);
    },

    merge(body, lang) {
      const parcels = get().ticked.map((row) => ({ id: row.id, baseVersion: row.version }));
      return run('merge', lang, () => parcelsApi.merge({ ...body, parcels }, lang));
    },

    retire(note, lang) {
      const parcel = current();
      return parcel ? run('retire', lang, () => parcelsApi.retire(parcel.id, { baseVersion: parcel.version, note }, lang)) : Promise.resolve(false);
    },

    reset: () => set(INITIAL),
  };
});

// Staff data goes with the user who fetched it.
useServerData.subscribe((state, previous) => {
  if (state.user?.id !== previous.user?.id) useParcelsData.getState().reset();
});

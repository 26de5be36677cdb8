import { create } from 'zustand';
import type {
  IndicatorsResponse,
  LayerSummary,
  ParcelStatesResponse,
  RestorationSummaryResponse,
  RestorationTargetsBody,
  TipOffResponse,
  UserView,
} from '@mpm/contracts';
import { ApiError } from '../api/client.ts';
import { publicApi } from '../api/public.ts';
import type { UiLanguage } from '../i18n/languages.ts';
import type { Problem } from './server-store.ts';

/** First year of the restoration campaign (seed 001: 2019–2022 targets); the slider's start until the targets say otherwise. */
export const FIRST_YEAR = 2019;

/** One answer of the server, for the request it was asked with (`key`). */
export interface Resource<T> {
  key: string | null;
  data: T | null;
  loading: boolean;
  problem: Problem | null;
}

const idle = <T>(): Resource<T> => ({ key: null, data: null, loading: false, problem: null });

const toProblem = (err: unknown): Problem =>
  err instanceof ApiError ? { code: err.code, message: err.message } : { code: 'unexpected', message: String(err) };

/** The day the map and the figures stand on for `year`: its last day, or today for this year. */
export function asOfDate(year: number, today: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  if (year < today.getFullYear()) return `${year}-12-31`;
  return `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
}

/** Public mode's tab in the panel. */
export type PublicTab = 'progress' | 'tipOff' | 'staff';

/**
 * Public mode (公众): the year on the map and in the figures, the server's restoration data for it, staff extras, and the tip-off being written (its place, picked on
 * the map, and its receipt once sent). Hover and drags are not here.
 */
export interface PublicState {
  year: number;
  tab: PublicTab;
  /** On narrow screens: the bottom sheet shows its body (else only its head with the year). */
  sheetOpen: boolean;
  summary: Resource<RestorationSummaryResponse>;
  parcels: Resource<ParcelStatesResponse>;
  targets: Resource<RestorationTargetsBody>;
  indicators: Resource<IndicatorsResponse>;
  /** The next tap on the map marks the tip-off's place. */
  picking: boolean;
  /** The tip-off's place, lon/lat (EPSG:4490). */
  place: [number, number] | null;
  receipt: TipOffResponse | null;

  setYear(year: number): void;
  setTab(tab: PublicTab): void;
  setSheetOpen(open: boolean): void;
  loadSummary(asOf: string, lang: UiLanguage): Promise<void>;
  loadParcels(asOf: string, lang: UiLanguage): Promise<void>;
  loadTargets(lang: UiLanguage): Promise<void>;
  loadIndicators(lang: UiLanguage): Promise<void>;
  /** Forgets staff data (after sign-out). */
  dropIndicators(): void;
  setPicking(picking: boolean): void;
  setPlace(place: [number, number] | null): void;
  setReceipt(receipt: TipOffResponse | null): void;
}

type ResourceName = 'summary' | 'parcels' | 'targets' | 'indicators';

export const usePublic = create<PublicState>()((set, get) => {
  /**
   * Fetches a resource for `key` unless it is already there or on its way; an answer for a key
   * no longer wanted (the year moved on meanwhile) is dropped.
   */
  async function load<N extends ResourceName>(
    name: N,
    key: string,
    fetch: () => Promise<NonNullable<PublicState[N]['data']>>,
  ): Promise<void> {
    const current = get()[name];
    if (current.key === key && (current.loading || current.data)) return;
    set({ [name]: { key, data: current.data, loading: true, problem: null } } as Partial<PublicState>);
    try {
      const data = await fetch();
      if (get()[name].key === key) set({ [name]: { key, data, loading: false, problem: null } } as Partial<PublicState>);
    } catch (err) {
      if (get()[name].key === key) {
        set({ [name]: { key, data: null, loading: false, problem: toProblem(err) } } as Partial<PublicState>);
      }
    }
  }

  return {
    year: new Date().getFullYear(),
    tab: 'progress',
    // A phone opens on the map, with the year slider; the figures unfold on demand.
    sheetOpen: !window.matchMedia?.('(max-width: 760px)').matches,
    summary: idle(),
    parcels: idle(),
    targets: idle(),
    indicators: idle(),
    picking: false,
    place: null,
    receipt: null,

    setYear: (year) => set({ year }),
    setTab: (tab) => set({ tab }),
    setSheetOpen: (sheetOpen) => set({ sheetOpen }),
    loadSummary: (asOf, lang) => load('summary', asOf, () => publicApi.summary({ asOf }, lang)),
    loadParcels: (asOf, lang) => load('parcels', asOf, () => publicApi.parcelStates(asOf, lang)),
    loadTargets: (lang) => load('targets', 'all', () => publicApi.targets(lang)),
    loadIndicators: (lang) => load('indicators', 'today', () => publicApi.indicators(lang)),
    dropIndicators: () => set({ indicators: idle() }),
    // Marking a place needs the map: on a phone the sheet gets out of the way meanwhile.
    setPicking: (picking) => set(picking ? { picking, sheetOpen: false } : { picking }),
    setPlace: (place) => set({ place, picking: false, sheetOpen: true }),
    setReceipt: (receipt) => set({ receipt }),
  };
});

/** Whether a tap on the map marks the tip-off's place (and so opens no feature popup). */
export const mapTapMarksPlace = (): boolean => usePublic.getState().picking;

/** Parcel fields the year slider's states reveal (`GET /api/restoration/parcels`). */
export const STATE_FIELDS = ['restorationStatus', 'areaMu'] as const;
/** Parcel fields the summary reveals (`GET /api/restoration/summary`). */
export const SUMMARY_FIELDS = ['restorationStatus', 'areaMu', 'mineCategory', 'plannedYear', 'township'] as const;

/**
 * Whether the page may ask for restoration figures that reveal `fields` of the parcels: staff
 * always; a visitor only while the county publishes the restoration layer with those fields (the
 * server would refuse otherwise, and the page does not ask for what it may not have).
 */
export function restorationPublished(
  layers: readonly LayerSummary[] | null,
  user: UserView | null,
  fields: readonly string[],
): boolean {
  if (user) return true;
  const layer = layers?.find((entry) => entry.id === 'restoration_parcels');
  if (!layer) return false;
  if (layer.publicFields) return fields.every((field) => layer.publicFields!.includes(field));
  return !fields.some((field) => (layer.hiddenFields ?? []).includes(field));
}

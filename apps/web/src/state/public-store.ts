import { create } from 'zustand';
import type {
  IndicatorsResponse,
  LayerSummary,
  ParcelStatesResponse,
  RestorationSummaryResponse,
  RestorationTargetsBody,
  UserView,
} from '@mpm/contracts';
import { publicApi } from '../api/public.ts';
import type { UiLanguage } from '../i18n/languages.ts';
import { idle, load, slotOf, type Resource, type ResourceSlot } from './resource.ts';

/** First year of the restoration campaign (seed 001: 2019–2022 targets); the slider's start until the targets say otherwise. */
export const FIRST_YEAR = 2019;

/** The day the map and the figures stand on for `year`: its last day, or today for this year. */
export function asOfDate(year: number, today: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  if (year < today.getFullYear()) return `${year}-12-31`;
  return `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
}

/** Public mode's server data: the restoration figures for the year asked, the targets, and (staff) the indicators. */
export interface PublicData {
  summary: Resource<RestorationSummaryResponse>;
  parcels: Resource<ParcelStatesResponse>;
  targets: Resource<RestorationTargetsBody>;
  indicators: Resource<IndicatorsResponse>;
  /** 截至日期 of the indicators: the day whose licence register they are judged on (empty: today). */
  indicatorsAsOf: string;
  loadSummary(asOf: string, lang: UiLanguage): Promise<void>;
  loadParcels(asOf: string, lang: UiLanguage): Promise<void>;
  loadTargets(lang: UiLanguage): Promise<void>;
  /** The indicators as of `asOf` (empty: today; by default the day last asked). */
  loadIndicators(lang: UiLanguage, asOf?: string): Promise<void>;
  /** Forgets staff data (after sign-out). */
  dropIndicators(): void;
}

type ResourceName = 'summary' | 'parcels' | 'targets' | 'indicators';

export const usePublicData = create<PublicData>()((set, get) => {
  /**
   * Fetches a resource for `key` unless it is already there or on its way; an answer for a key
   * no longer wanted (the year moved on meanwhile) is dropped.
   */
  async function fetchOnce<N extends ResourceName>(name: N, key: string, fetch: () => Promise<NonNullable<PublicData[N]['data']>>): Promise<void> {
    const current = get()[name];
    if (current.key === key && (current.status === 'loading' || current.data)) return;
    await load(slotOf(get, set, name) as ResourceSlot<NonNullable<PublicData[N]['data']>>, fetch, key);
  }

  return {
    summary: idle(),
    parcels: idle(),
    targets: idle(),
    indicators: idle(),
    indicatorsAsOf: '',
    loadSummary: (asOf, lang) => fetchOnce('summary', asOf, () => publicApi.summary({ asOf }, lang)),
    loadParcels: (asOf, lang) => fetchOnce('parcels', asOf, () => publicApi.parcelStates(asOf, lang)),
    loadTargets: (lang) => fetchOnce('targets', 'all', () => publicApi.targets(lang)),
    loadIndicators(lang, asOf = get().indicatorsAsOf) {
      set({ indicatorsAsOf: asOf });
      return fetchOnce('indicators', asOf || 'today', () => publicApi.indicators(lang, asOf || undefined));
    },
    dropIndicators: () => set({ indicators: idle(), indicatorsAsOf: '' }),
  };
});

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

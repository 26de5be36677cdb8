import type {
  IndicatorsResponse,
  ParcelStatesResponse,
  ProgressReportQuery,
  RestorationCampaignResponse,
  RestorationSummaryResponse,
  RestorationTargetsBody,
  TipOffResponse,
  TipOffStatusResponse,
} from '@mpm/contracts';
import type { UiLanguage } from '../i18n/languages.ts';
import { queryString, request } from './client.ts';

/** A tip-off as the reporter gives it; the place in lon/lat (EPSG:4490). */
export interface TipOffInput {
  lon: number;
  lat: number;
  description: string;
  contact?: string;
  photo?: File | null;
}

/**
 * The public side of restoration and tip-offs. Everything here is open to anonymous visitors
 * except `indicators` (staff), which the page asks for only when someone is signed in.
 */
export const publicApi = {
  /** Targets, planned and restored area per year and category group, township details, stated totals. */
  summary: (params: { asOf: string; township?: string | null }, lang: UiLanguage) =>
    request<RestorationSummaryResponse>(
      `/api/restoration/summary${queryString({ asOf: params.asOf, township: params.township ?? undefined })}`,
      lang,
    ),
  /** Restoration by mine and by 四区两线 on `asOf`: the tagged parcels against their deadlines, closed mines counted, by mine or township. */
  campaign: (asOf: string, lang: UiLanguage) => request<RestorationCampaignResponse>(`/api/restoration/campaign${queryString({ asOf })}`, lang),
  /** Each parcel's status on `asOf` (YYYY-MM-DD), keyed by the tile feature id. */
  parcelStates: (asOf: string, lang: UiLanguage) =>
    request<ParcelStatesResponse>(`/api/restoration/parcels${queryString({ asOf })}`, lang),
  /** The target rows and stated totals as the county's documents give them. */
  targets: (lang: UiLanguage) => request<RestorationTargetsBody>('/api/restoration/targets', lang),
  /** The plan's binding indicators today, or on the licence register of the past day `asOf` (staff only). */
  indicators: (lang: UiLanguage, asOf?: string) => request<IndicatorsResponse>(`/api/indicators${queryString({ asOf })}`, lang),
  /** Sends a tip-off; answers its receipt code. */
  sendTipOff: (input: TipOffInput, lang: UiLanguage) => {
    const form = new FormData();
    form.set('lon', String(input.lon));
    form.set('lat', String(input.lat));
    form.set('description', input.description);
    if (input.contact) form.set('contact', input.contact);
    if (input.photo) form.set('photo', input.photo, input.photo.name);
    return request<TipOffResponse>('/api/tip-offs', lang, { method: 'POST', body: form });
  },
  /** Where a tip-off stands, by its receipt code. */
  tipOffStatus: (receiptCode: string, lang: UiLanguage) =>
    request<TipOffStatusResponse>(`/api/tip-offs/${encodeURIComponent(receiptCode.trim())}`, lang),
};

/** Link to the progress report PDF (staff) in the page's language: `month` needs `month`, `halfYear` needs `half`. */
export function progressReportUrl(params: ProgressReportQuery): string {
  const { period, year, lang } = params;
  const extra = period === 'month' ? { month: params.month } : period === 'halfYear' ? { half: params.half } : {};
  return `/api/reports/progress.pdf${queryString({ period, year, ...extra, lang })}`;
}

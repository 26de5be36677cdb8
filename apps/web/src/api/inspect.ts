import type {
  CreateLedgerEntryBody,
  HandoverBody,
  HandoverResultBody,
  InspectionSettingsBody,
  InspectionSettingsResponse,
  LedgerEntryView,
  LedgerListResponse,
  LedgerQuery,
  LedgerTransitionBody,
  PatchCollection,
  PatchRoundBody,
  RightsResponse,
  SiteCardResponse,
  SiteCheckBody,
  UpdateLedgerEntryBody,
} from '@mpm/contracts';
import type { Language } from '@mpm/domain';
import type { UiLanguage } from '../i18n/languages.ts';
import { queryString, request } from './client.ts';


/** Ledger filters as the list, the map and the export links send them. */
export type LedgerFilters = Pick<LedgerQuery, 'status' | 'violationType' | 'townshipCode' | 'overdue' | 'source'>;

/**
 * Where the ledger export of `filters`, with headers and terms in `lang`, downloads from (staff
 * session cookie); `details`: with the notes and history columns.
 */
export const ledgerExportUrl = (format: 'xlsx' | 'csv', filters: LedgerFilters, lang: Language, details = false): string =>
  `/api/ledger/export.${format}${queryString({ ...filters, lang, ...(details && { details: true }) })}`;

/** Where one entry's one-page PDF (fields, site map, history, photos) is printed in `lang` (staff session cookie). */
export const ledgerReportUrl = (id: number, lang: Language): string => `/api/ledger/${id}/report.pdf${queryString({ lang })}`;

/**
 * Inspect mode's calls (staff): site check, licence register, patches, problem ledger. Every
 * write to a ledger entry answers the entry as it stands after the write.
 */
export const inspectApi = {
  siteCheck: (body: SiteCheckBody, lang: UiLanguage) =>
    request<SiteCardResponse>('/api/site-check', lang, { method: 'POST', body }),
  rights: (lang: UiLanguage, expiringWithinDays?: number) =>
    request<RightsResponse>(`/api/rights${expiringWithinDays === undefined ? '' : `?expiringWithinDays=${expiringWithinDays}`}`, lang),
  settings: (lang: UiLanguage) => request<InspectionSettingsResponse>('/api/settings/inspection', lang),
  /** Saves the inspection settings from the version they were read at (`baseVersion`: a stale one is a 409). */
  saveSettings: (body: InspectionSettingsBody, lang: UiLanguage) =>
    request<InspectionSettingsResponse>('/api/settings/inspection', lang, { method: 'PUT', body }),
  /** The patches (of one round, or all), classified against the licence register of today or of the past day `asOf`. */
  patches: (lang: UiLanguage, round?: string, asOf?: string) => request<PatchCollection>(`/api/patches${queryString({ round, asOf })}`, lang),
  loadPatches: (body: PatchRoundBody, lang: UiLanguage) => request<PatchCollection>('/api/patches', lang, { method: 'POST', body }),
  ledger: (filters: LedgerFilters, lang: UiLanguage) =>
    request<LedgerListResponse>(`/api/ledger${queryString({ ...filters, limit: 1000 })}`, lang),
  entry: (id: number, lang: UiLanguage) => request<LedgerEntryView>(`/api/ledger/${id}`, lang),
  createEntry: (body: CreateLedgerEntryBody, lang: UiLanguage) =>
    request<LedgerEntryView>('/api/ledger', lang, { method: 'POST', body }),
  updateEntry: (id: number, body: UpdateLedgerEntryBody, lang: UiLanguage) =>
    request<LedgerEntryView>(`/api/ledger/${id}`, lang, { method: 'PATCH', body }),
  transition: (id: number, body: LedgerTransitionBody, lang: UiLanguage) =>
    request<LedgerEntryView>(`/api/ledger/${id}/transitions`, lang, { method: 'POST', body }),
  handOver: (id: number, body: HandoverBody, lang: UiLanguage) =>
    request<LedgerEntryView>(`/api/ledger/${id}/handovers`, lang, { method: 'POST', body }),
  concludeHandover: (id: number, handoverId: number, body: HandoverResultBody, lang: UiLanguage) =>
    request<LedgerEntryView>(`/api/ledger/${id}/handovers/${handoverId}/result`, lang, { method: 'POST', body }),
  addNote: (id: number, note: string, lang: UiLanguage) =>
    request<LedgerEntryView>(`/api/ledger/${id}/notes`, lang, { method: 'POST', body: { note } }),
  addPhoto: (id: number, photo: File, lang: UiLanguage) => {
    const form = new FormData();
    form.append('photo', photo, photo.name);
    return request<LedgerEntryView>(`/api/ledger/${id}/photos`, lang, { method: 'POST', body: form });
  },
  /** One feature of a layer (OGC API – Features), e.g. a right's polygon to highlight. */
  feature: (collection: string, featureId: number, lang: UiLanguage) =>
    request<GeoJSON.Feature>(`/ogc/collections/${collection}/items/${featureId}`, lang),
};

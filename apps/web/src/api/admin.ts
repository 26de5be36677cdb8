import type {
  AuditListResponse,
  AuditQuery,
  AuditVerifyResponse,
  BlockSettingsBody,
  BlockSettingsResponse,
  BufferSettingsBody,
  BufferSettingsResponse,
  IndicatorSettingsResponse,
  IndicatorTargetsBody,
  InspectionSettingsBody,
  InspectionSettingsResponse,
  LayerSettingsBody,
  LayerSummary,
  RestorationTargetsBody,
  RestorationTargetsResponse,
} from '@mpm/contracts';
import type { UiLanguage } from '../i18n/languages.ts';
import { queryString, request } from './client.ts';

/** The audit log (admins): every write, newest first, and the verification of its hash chain. */
export const auditApi = {
  list: (query: AuditQuery, lang: UiLanguage) => request<AuditListResponse>(`/api/audit${queryString({ ...query })}`, lang),
  verify: (lang: UiLanguage) => request<AuditVerifyResponse>('/api/audit/verify', lang),
};

/**
 * The county's settings as admins change them; each write is audited by the server. Each answer
 * gives the setting's version; each save sends back the version it was based on (`baseVersion`)
 * and is refused (409 `versionConflict`, in words) when someone else saved first.
 */
export const settingsApi = {
  /** Whether the public sees a layer, and which of its fields it does not. */
  saveLayer: (id: string, body: LayerSettingsBody, lang: UiLanguage) =>
    request<LayerSummary>(`/api/layers/${encodeURIComponent(id)}`, lang, { method: 'PUT', body }),
  buffers: (lang: UiLanguage) => request<BufferSettingsResponse>('/api/settings/buffers', lang),
  saveBuffers: (body: BufferSettingsBody, lang: UiLanguage) =>
    request<BufferSettingsResponse>('/api/settings/buffers', lang, { method: 'PUT', body }),
  indicators: (lang: UiLanguage) => request<IndicatorSettingsResponse>('/api/settings/indicators', lang),
  saveIndicators: (body: IndicatorTargetsBody, lang: UiLanguage) =>
    request<IndicatorSettingsResponse>('/api/settings/indicators', lang, { method: 'PUT', body }),
  inspection: (lang: UiLanguage) => request<InspectionSettingsResponse>('/api/settings/inspection', lang),
  saveInspection: (body: InspectionSettingsBody, lang: UiLanguage) =>
    request<InspectionSettingsResponse>('/api/settings/inspection', lang, { method: 'PUT', body }),
  blocks: (lang: UiLanguage) => request<BlockSettingsResponse>('/api/settings/blocks', lang),
  saveBlocks: (body: BlockSettingsBody, lang: UiLanguage) =>
    request<BlockSettingsResponse>('/api/settings/blocks', lang, { method: 'PUT', body }),
  restoration: (lang: UiLanguage) => request<RestorationTargetsResponse>('/api/restoration/targets', lang),
  /** Replaces the targets and stated totals (and the plan period when given). */
  saveRestoration: (body: RestorationTargetsBody, lang: UiLanguage) =>
    request<RestorationTargetsResponse>('/api/restoration/targets', lang, { method: 'PUT', body }),
};

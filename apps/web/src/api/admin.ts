import type {
  AuditListResponse,
  AuditQuery,
  AuditVerifyResponse,
  BufferSettingsPatch,
  BufferSettingsResponse,
  IndicatorSettingsResponse,
  IndicatorTargetsPatch,
  InspectionSettings,
  LayerSettingsBody,
  LayerSummary,
  RestorationTargetsBody,
} from '@mpm/contracts';
import type { UiLanguage } from '../i18n/languages.ts';
import { queryString, request } from './client.ts';

/** The audit log (admins): every write, newest first, and the verification of its hash chain. */
export const auditApi = {
  list: (query: AuditQuery, lang: UiLanguage) => request<AuditListResponse>(`/api/audit${queryString({ ...query })}`, lang),
  verify: (lang: UiLanguage) => request<AuditVerifyResponse>('/api/audit/verify', lang),
};

/** The county's settings as admins change them; each write is audited by the server. */
export const settingsApi = {
  /** Whether the public sees a layer, and which of its fields it does not. */
  saveLayer: (id: string, body: LayerSettingsBody, lang: UiLanguage) =>
    request<LayerSummary>(`/api/layers/${encodeURIComponent(id)}`, lang, { method: 'PUT', body }),
  buffers: (lang: UiLanguage) => request<BufferSettingsResponse>('/api/settings/buffers', lang),
  saveBuffers: (body: BufferSettingsPatch, lang: UiLanguage) =>
    request<BufferSettingsResponse>('/api/settings/buffers', lang, { method: 'PUT', body }),
  indicators: (lang: UiLanguage) => request<IndicatorSettingsResponse>('/api/settings/indicators', lang),
  saveIndicators: (body: IndicatorTargetsPatch, lang: UiLanguage) =>
    request<IndicatorSettingsResponse>('/api/settings/indicators', lang, { method: 'PUT', body }),
  inspection: (lang: UiLanguage) => request<InspectionSettings>('/api/settings/inspection', lang),
  saveInspection: (body: InspectionSettings, lang: UiLanguage) =>
    request<InspectionSettings>('/api/settings/inspection', lang, { method: 'PUT', body }),
  restoration: (lang: UiLanguage) => request<RestorationTargetsBody>('/api/restoration/targets', lang),
  /** Replaces the targets and stated totals (and the plan period when given). */
  saveRestoration: (body: RestorationTargetsBody, lang: UiLanguage) =>
    request<RestorationTargetsBody>('/api/restoration/targets', lang, { method: 'PUT', body }),
};

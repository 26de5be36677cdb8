import type { CalendarResponse, CampaignTaskView, CampaignsResponse, SubmitReportBody, SubmittedReportView, UpdateTaskBody } from '@mpm/contracts';
import type { UiLanguage } from '../i18n/languages.ts';
import { request } from './client.ts';

/** The campaigns' calls (专项行动). */
export const campaignsApi = {
  /** `GET /api/campaigns`: every campaign with its phases and tasks. */
  campaigns: (lang: UiLanguage) => request<CampaignsResponse>('/api/campaigns', lang),
  /** `GET /api/campaigns/calendar?date=`: what is due and late on `date`. */
  calendar: (date: string, lang: UiLanguage) => request<CalendarResponse>(`/api/campaigns/calendar?date=${encodeURIComponent(date)}`, lang),
  /** `PATCH /api/campaigns/tasks/:id`. */
  updateTask: (id: number, body: UpdateTaskBody, lang: UiLanguage) =>
    request<CampaignTaskView>(`/api/campaigns/tasks/${id}`, lang, { method: 'PATCH', body }),
  /** `POST /api/campaigns/:id/reports`. */
  submitReport: (campaignId: number, body: SubmitReportBody, lang: UiLanguage) =>
    request<SubmittedReportView>(`/api/campaigns/${campaignId}/reports`, lang, { method: 'POST', body }),
};

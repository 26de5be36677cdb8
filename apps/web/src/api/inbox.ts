import type { InboxResponse } from '@mpm/contracts';
import type { UiLanguage } from '../i18n/languages.ts';
import { request } from './client.ts';

/** The staff inbox's call. */
export const inboxApi = {
  /** `GET /api/inbox`: what waits for the signed-in user, by kind, with counts. */
  inbox: (lang: UiLanguage) => request<InboxResponse>('/api/inbox', lang),
};

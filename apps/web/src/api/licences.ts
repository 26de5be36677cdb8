import type { LicenceActBody, LicenceDetail, LicencesQuery, LicencesResponse, RegisterLicenceBody } from '@mpm/contracts';
import type { RightCollection } from '@mpm/domain';
import type { UiLanguage } from '../i18n/languages.ts';
import { queryString, request } from './client.ts';

/**
 * The licence register (矿业权台账): search it (as it stands or as of a past day), read one right
 * with its events, register a right (admins), record an act on one (admins). Each act sends the
 * version it was based on and is refused (409 `versionConflict`, in words) when someone else
 * recorded one first.
 */
export const licencesApi = {
  list: (query: LicencesQuery, lang: UiLanguage) => request<LicencesResponse>(`/api/licences${queryString({ ...query })}`, lang),
  detail: (collection: RightCollection, id: number, lang: UiLanguage) => request<LicenceDetail>(`/api/licences/${collection}/${id}`, lang),
  register: (body: RegisterLicenceBody, lang: UiLanguage) => request<LicenceDetail>('/api/licences', lang, { method: 'POST', body }),
  act: (collection: RightCollection, id: number, body: LicenceActBody, lang: UiLanguage) =>
    request<LicenceDetail>(`/api/licences/${collection}/${id}/events`, lang, { method: 'POST', body }),
};

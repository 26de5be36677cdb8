import type {
  ElevationSurveyBody,
  ElevationSurveyView,
  LicenceActBody,
  LicenceDetail,
  LicencesQuery,
  LicencesResponse,
  RecordOutputBody,
  RegisterLicenceBody,
  RightOutputsResponse,
  SurveyLeadResponse,
} from '@mpm/contracts';
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
  /** A mining right's verified yearly output and sales (产量、销量), with its 超能力开采 findings. */
  outputs: (id: number, lang: UiLanguage) => request<RightOutputsResponse>(`/api/licences/mining_rights/${id}/outputs`, lang),
  recordOutput: (id: number, year: number, body: RecordOutputBody, lang: UiLanguage) =>
    request<RightOutputsResponse>(`/api/licences/mining_rights/${id}/outputs/${year}`, lang, { method: 'PUT', body }),
  /** A measured floor or face at a mining right (inspectors), judged against its 开采标高. */
  recordSurvey: (id: number, body: ElevationSurveyBody, lang: UiLanguage) =>
    request<ElevationSurveyView>(`/api/licences/mining_rights/${id}/elevation-surveys`, lang, { method: 'POST', body }),
  /** Turns a survey that found 超层越界 into a ledger lead. */
  surveyLead: (surveyId: number, lang: UiLanguage) => request<SurveyLeadResponse>(`/api/elevation-surveys/${surveyId}/lead`, lang, { method: 'POST' }),
};

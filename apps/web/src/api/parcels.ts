import type {
  AddParcelBody,
  EditParcelBody,
  MergeParcelsBody,
  ParcelDetail,
  ParcelRegisterQuery,
  ParcelRegisterResponse,
  RetireParcelBody,
  SplitParcelBody,
  SplitParcelResponse,
} from '@mpm/contracts';
import type { UiLanguage } from '../i18n/languages.ts';
import { queryString, request } from './client.ts';

/**
 * The restoration parcel register (恢复治理图斑台账): list the parcels, read one with its lineage
 * and history (staff); add, edit, split, merge or withdraw (admins). Each change sends the
 * version it was based on and is refused (409 `versionConflict`, in words) when someone else
 * changed the parcel first.
 */
export const parcelsApi = {
  list: (query: ParcelRegisterQuery, lang: UiLanguage) => request<ParcelRegisterResponse>(`/api/restoration/register${queryString({ ...query })}`, lang),
  detail: (id: number, lang: UiLanguage) => request<ParcelDetail>(`/api/restoration/parcels/${id}`, lang),
  add: (body: AddParcelBody, lang: UiLanguage) => request<ParcelDetail>('/api/restoration/parcels', lang, { method: 'POST', body }),
  edit: (id: number, body: EditParcelBody, lang: UiLanguage) => request<ParcelDetail>(`/api/restoration/parcels/${id}`, lang, { method: 'PATCH', body }),
  split: (id: number, body: SplitParcelBody, lang: UiLanguage) => request<SplitParcelResponse>(`/api/restoration/parcels/${id}/split`, lang, { method: 'POST', body }),
  merge: (body: MergeParcelsBody, lang: UiLanguage) => request<ParcelDetail>('/api/restoration/parcels/merge', lang, { method: 'POST', body }),
  retire: (id: number, body: RetireParcelBody, lang: UiLanguage) => request<ParcelDetail>(`/api/restoration/parcels/${id}/retire`, lang, { method: 'POST', body }),
};

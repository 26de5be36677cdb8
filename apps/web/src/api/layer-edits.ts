import type { AddFeatureBody, EditFeatureBody, EditableFeatures, FeatureEditResponse } from '@mpm/contracts';
import type { EditableLayer } from '@mpm/domain';
import type { UiLanguage } from '../i18n/languages.ts';
import { request } from './client.ts';

/** The feature editor's calls (data managers and admins): an editable layer's features, and each write. */
export const layerEditsApi = {
  /** The layer's features (within `bbox`, `west,south,east,north`, when given). */
  features: (layer: EditableLayer, lang: UiLanguage, bbox?: string) =>
    request<EditableFeatures>(`/api/layers/${layer}/features${bbox ? `?bbox=${bbox}` : ''}`, lang),
  add: (layer: EditableLayer, body: AddFeatureBody, lang: UiLanguage) =>
    request<FeatureEditResponse>(`/api/layers/${layer}/features`, lang, { method: 'POST', body }),
  edit: (layer: EditableLayer, id: number, body: EditFeatureBody, lang: UiLanguage) =>
    request<FeatureEditResponse>(`/api/layers/${layer}/features/${id}`, lang, { method: 'PATCH', body }),
  remove: (layer: EditableLayer, id: number, baseVersion: number, lang: UiLanguage) =>
    request<FeatureEditResponse>(`/api/layers/${layer}/features/${id}?baseVersion=${baseVersion}`, lang, { method: 'DELETE' }),
};

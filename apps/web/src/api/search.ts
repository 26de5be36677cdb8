import type { SearchResponse } from '@mpm/contracts';
import type { CollectionId } from '@mpm/domain';
import type { UiLanguage } from '../i18n/languages.ts';
import { queryString, request } from './client.ts';

/** A feature as the OGC API answers it to this caller (its visible fields only). */
export interface OgcFeature {
  id: number;
  properties: Record<string, unknown>;
}

/** The search box's calls: the search itself, and the attributes of a found feature for its popup. */
export const searchApi = {
  /** `GET /api/search?q=`: results grouped by kind. */
  search: (q: string, lang: UiLanguage) => request<SearchResponse>(`/api/search${queryString({ q })}`, lang),
  /** One feature's attributes, with the same visibility as the map's tiles. */
  feature: (layer: CollectionId, id: number, lang: UiLanguage) =>
    request<OgcFeature>(`/ogc/collections/${layer}/items/${id}`, lang),
};

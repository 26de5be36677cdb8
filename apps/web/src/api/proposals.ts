import type {
  CheckBody,
  CreateProposalBody,
  ProposalListQuery,
  ProposalListResponse,
  ProposalStepBody,
  ProposalVersionView,
  ProposalVersionsResponse,
  UpdateProposalBody,
} from '@mpm/contracts';
import type { ProposalStep } from '@mpm/domain';
import type { UiLanguage } from '../i18n/languages.ts';
import { queryString, request, requestBlob } from './client.ts';

/** The list's filters as the web sends them (paging is the client's own). */
export type ProposalFilter = Omit<ProposalListQuery, 'limit' | 'offset'>;

/** The query string of a list request: every status given as its own `status=` parameter. */
export function listQuery(filter: ProposalFilter, limit: number): string {
  const search = new URLSearchParams({ limit: String(limit) });
  for (const status of filter.status ?? []) search.append('status', status);
  for (const key of ['mineral', 'ownerId', 'from', 'to', 'q'] as const) {
    const value = filter[key];
    if (value !== undefined && String(value).trim() !== '') search.set(key, String(value).trim());
  }
  return `?${search}`;
}

/** Code of the 409 answered to a save made from a version that is no longer the latest. */
export const VERSION_CONFLICT = 'versionConflict';

/** How many proposals the list asks for (the newest saves first). */
const LIST_LIMIT = 200;

/** Saved proposals and their versions (`/api/proposals`), and the printable review reports. */
export const proposalsApi = {
  /** The proposals matching `filter`, each by its latest version, most recently changed first. */
  list: (filter: ProposalFilter, lang: UiLanguage) => request<ProposalListResponse>(`/api/proposals${listQuery(filter, LIST_LIMIT)}`, lang),
  /**
   * A workflow step (送审, 撤回, 同意, 退回, 删除草稿) from the revision the user saw; 409
   * {@link VERSION_CONFLICT} when the proposal changed meanwhile. Answers the proposal as it now stands.
   */
  step: (id: number, step: Exclude<ProposalStep, 'license'>, body: ProposalStepBody, lang: UiLanguage) =>
    step === 'delete'
      ? request<ProposalVersionView>(`/api/proposals/${id}`, lang, { method: 'DELETE', body })
      : request<ProposalVersionView>(`/api/proposals/${id}/${step}`, lang, { method: 'POST', body }),
  /** One version in full; the latest when `version` is absent. */
  version: (id: number, version: number | undefined, lang: UiLanguage) =>
    request<ProposalVersionView>(version === undefined ? `/api/proposals/${id}` : `/api/proposals/${id}/versions/${version}`, lang),
  /** Every version of a proposal, oldest first, without geometry. */
  versions: (id: number, lang: UiLanguage) => request<ProposalVersionsResponse>(`/api/proposals/${id}/versions`, lang),
  /** Saves a new proposal; answers its version 1. */
  create: (body: CreateProposalBody, lang: UiLanguage) =>
    request<ProposalVersionView>('/api/proposals', lang, { method: 'POST', body }),
  /** Saves version `baseVersion + 1`, or fails with 409 {@link VERSION_CONFLICT}. */
  update: (id: number, body: UpdateProposalBody, lang: UiLanguage) =>
    request<ProposalVersionView>(`/api/proposals/${id}`, lang, { method: 'PUT', body }),
  /** The review report of a saved version, checked again against today's layers. */
  versionReport: (id: number, version: number, lang: UiLanguage) => requestBlob(`/api/proposals/${id}/report.pdf?version=${version}`, lang, 'application/pdf'),
  /** The review report of a block that is not saved (the body of `POST /api/check`). */
  checkReport: (body: CheckBody, lang: UiLanguage, asOf?: string) =>
    requestBlob(`/api/check/report${queryString({ asOf })}`, lang, 'application/pdf', body),
};

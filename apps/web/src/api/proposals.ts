import type {
  CheckBody,
  CreateProposalBody,
  ProposalListResponse,
  ProposalVersionView,
  ProposalVersionsResponse,
  UpdateProposalBody,
} from '@mpm/contracts';
import type { UiLanguage } from '../i18n/languages.ts';
import { request, requestBlob } from './client.ts';

/** Code of the 409 answered to a save made from a version that is no longer the latest. */
export const VERSION_CONFLICT = 'versionConflict';

/** How many proposals the list asks for (the newest saves first). */
const LIST_LIMIT = 200;

/** Saved proposals and their versions (`/api/proposals`), and the printable review reports. */
export const proposalsApi = {
  /** The proposals, each by its latest version, most recently saved first. */
  list: (lang: UiLanguage) => request<ProposalListResponse>(`/api/proposals?limit=${LIST_LIMIT}`, lang),
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
  checkReport: (body: CheckBody, lang: UiLanguage) => requestBlob('/api/check/report', lang, 'application/pdf', body),
};

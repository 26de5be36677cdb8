import type {
  GreenMine,
  GreenMineBody,
  GreenMinesResponse,
  GreenMineUpdateBody,
  Sanction,
  SanctionBody,
  SanctionsResponse,
  SanctionUpdateBody,
  SweepLatestResponse,
  SweepLeadResponse,
  SweepRun,
} from '@mpm/contracts';
import type { UiLanguage } from '../i18n/languages.ts';
import { request } from './client.ts';

/** The sweep of existing mines (存量矿山排查): the latest run, a run now, a row made a ledger lead. */
export const sweepApi = {
  latest: (lang: UiLanguage) => request<SweepLatestResponse>('/api/sweep', lang),
  run: (lang: UiLanguage) => request<SweepRun>('/api/sweep/runs', lang, { method: 'POST' }),
  /** 409 `sweepLeadExists` when the right's problem is already a lead. */
  lead: (findingId: number, lang: UiLanguage) => request<SweepLeadResponse>(`/api/sweep/findings/${findingId}/lead`, lang, { method: 'POST' }),
};

/** The sweep's registers (admins write): the sanction list and the green-mine directory. */
export const registersApi = {
  sanctions: (lang: UiLanguage) => request<SanctionsResponse>('/api/sanctions', lang),
  createSanction: (body: SanctionBody, lang: UiLanguage) => request<Sanction>('/api/sanctions', lang, { method: 'POST', body }),
  updateSanction: (id: number, body: SanctionUpdateBody, lang: UiLanguage) => request<Sanction>(`/api/sanctions/${id}`, lang, { method: 'PUT', body }),
  greenMines: (lang: UiLanguage) => request<GreenMinesResponse>('/api/green-mines', lang),
  createGreenMine: (body: GreenMineBody, lang: UiLanguage) => request<GreenMine>('/api/green-mines', lang, { method: 'POST', body }),
  updateGreenMine: (id: number, body: GreenMineUpdateBody, lang: UiLanguage) =>
    request<GreenMine>(`/api/green-mines/${id}`, lang, { method: 'PUT', body }),
};

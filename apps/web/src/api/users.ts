import type {
  ChangePasswordBody,
  CreateUserBody,
  MeResponse,
  ResetPasswordResponse,
  SignOutAllResponse,
  SignOutEverywhereResponse,
  UpdateUserBody,
  UserAccount,
  UsersResponse,
} from '@mpm/contracts';
import type { UiLanguage } from '../i18n/languages.ts';
import { request } from './client.ts';

/** Staff accounts (admins), and everyone's own password. */
export const usersApi = {
  list: (lang: UiLanguage) => request<UsersResponse>('/api/users', lang),
  create: (body: CreateUserBody, lang: UiLanguage) => request<UserAccount>('/api/users', lang, { method: 'POST', body }),
  update: (id: number, body: UpdateUserBody, lang: UiLanguage) => request<UserAccount>(`/api/users/${id}`, lang, { method: 'PATCH', body }),
  /** The generated password comes back this once. */
  resetPassword: (id: number, baseVersion: number, lang: UiLanguage) =>
    request<ResetPasswordResponse>(`/api/users/${id}/reset-password`, lang, { method: 'POST', body: { baseVersion } }),
  setActive: (id: number, active: boolean, baseVersion: number, lang: UiLanguage) =>
    request<UserAccount>(`/api/users/${id}/${active ? 'reactivate' : 'deactivate'}`, lang, { method: 'POST', body: { baseVersion } }),
  signOutEverywhere: (id: number, lang: UiLanguage) =>
    request<SignOutEverywhereResponse>(`/api/users/${id}/sign-out-everywhere`, lang, { method: 'POST' }),
  /** Every session but the caller's own. */
  signOutAll: (lang: UiLanguage) => request<SignOutAllResponse>('/api/users/sign-out-all', lang, { method: 'POST' }),
  changeOwnPassword: (body: ChangePasswordBody, lang: UiLanguage) => request<MeResponse>('/api/auth/password', lang, { method: 'POST', body }),
};

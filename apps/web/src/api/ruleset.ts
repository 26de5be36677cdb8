import type { RulesetBody, RulesetHistoryResponse, RulesetRegisterResponse } from '@mpm/contracts';
import type { UiLanguage } from '../i18n/languages.ts';
import { request } from './client.ts';

/**
 * The county's rule register: the rules in force and their versions (staff read them); admins
 * save a new version from the one they loaded (`baseVersion`), refused with a 409 in words when
 * another admin saved first, and with a 400 naming the rule when a change is wrong.
 */
export const rulesetApi = {
  register: (lang: UiLanguage) => request<RulesetRegisterResponse>('/api/ruleset', lang),
  history: (lang: UiLanguage) => request<RulesetHistoryResponse>('/api/ruleset/versions', lang),
  save: (body: RulesetBody, lang: UiLanguage) => request<RulesetRegisterResponse>('/api/ruleset', lang, { method: 'PUT', body }),
};

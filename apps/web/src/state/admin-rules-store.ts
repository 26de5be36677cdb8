import { create } from 'zustand';
import type { RuleChange, RulesetHistoryResponse, RulesetRegisterResponse } from '@mpm/contracts';
import { VERSION_CONFLICT } from '../api/client.ts';
import { rulesetApi } from '../api/ruleset.ts';
import type { UiLanguage } from '../i18n/languages.ts';
import { idle, load, slotOf, toProblem, type Problem, type Resource } from './resource.ts';
import { useServerData } from './server-store.ts';

/** The last save of a rule: on its way, saved, or refused with the server's words. */
export interface RuleSave {
  ruleId: string;
  status: 'pending' | 'done' | 'problem';
  problem: Problem | null;
}

/**
 * 管理 mode's 规则 tab (admins; staff may read): the rule register as the server holds it, its
 * versions, and the last save. A save sends the version loaded; when another admin saved first
 * (409) the server's words are kept and the register loaded anew, so the tab shows what now holds.
 * A saved version drops plan mode's rules, so its live check asks for the new ones.
 */
export interface RulesData {
  register: Resource<RulesetRegisterResponse>;
  history: Resource<RulesetHistoryResponse>;
  save: RuleSave | null;
  load(lang: UiLanguage): Promise<void>;
  /** Saves one rule's change with a note; answers whether it was saved. */
  saveRule(change: RuleChange, note: string, lang: UiLanguage): Promise<boolean>;
  reset(): void;
}

const INITIAL = { register: idle<RulesetRegisterResponse>(), history: idle<RulesetHistoryResponse>(), save: null };

export const useRulesData = create<RulesData>()((set, get) => ({
  ...INITIAL,

  async load(lang) {
    await Promise.all([
      load(slotOf(get, set, 'register'), () => rulesetApi.register(lang)),
      load(slotOf(get, set, 'history'), () => rulesetApi.history(lang)),
    ]);
  },

  async saveRule(change, note, lang) {
    if (get().save?.status === 'pending') return false;
    const ruleId = change.id;
    set({ save: { ruleId, status: 'pending', problem: null } });
    try {
      const baseVersion = get().register.data?.version ?? 0;
      const saved = await rulesetApi.save({ baseVersion, rules: [change], ...(note.trim() && { note: note.trim() }) }, lang);
      set({ register: { status: 'ready', key: null, data: saved, problem: null }, save: { ruleId, status: 'done', problem: null } });
      useServerData.setState({ plan: idle() });
      await load(slotOf(get, set, 'history'), () => rulesetApi.history(lang));
      return true;
    } catch (err) {
      const problem = toProblem(err);
      set({ save: { ruleId, status: 'problem', problem } });
      if (problem.code === VERSION_CONFLICT) await get().load(lang);
      return false;
    }
  },

  reset: () => set(INITIAL),
}));

// What one admin read is not kept for whoever signs in next.
useServerData.subscribe((state, previous) => {
  if (state.user?.id !== previous.user?.id) useRulesData.getState().reset();
});

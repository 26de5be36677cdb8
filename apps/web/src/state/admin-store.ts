import { create } from 'zustand';
import type { CreateUserBody, StaffRole, UserAccount } from '@mpm/contracts';
import { ApiError } from '../api/client.ts';
import { usersApi } from '../api/users.ts';
import type { UiLanguage } from '../i18n/languages.ts';
import { idle, load, slotOf, toProblem, type Problem, type Resource } from './resource.ts';
import { useServerData } from './server-store.ts';

/** The administration panel's registers; each later register (licences, settings…) adds its tab here. */
export const ADMIN_TABS = ['users', 'licences', 'parcels', 'sanctions', 'greenMines', 'settings', 'rules', 'audit'] as const;
export type AdminTab = (typeof ADMIN_TABS)[number];

/** Which register this visit shows in 管理 mode. */
export const useAdminSession = create<{ tab: AdminTab; setTab(tab: AdminTab): void }>()((set) => ({
  tab: 'users',
  setTab: (tab) => set({ tab }),
}));

/** What an admin's account write is about: `create`, or one account (`user:<id>`). */
export type ActionKey = 'create' | `user:${number}`;

/** The last account write: on its way, done (with what to say), or refused. */
export interface AdminAction {
  key: ActionKey;
  status: 'pending' | 'done' | 'problem';
  /** What was done, for the row's confirmation (`reset`, `deactivated`…). */
  done: 'created' | 'updated' | 'reset' | 'deactivated' | 'reactivated' | 'signedOut' | null;
  /** Sessions a sign-out-everywhere ended. */
  sessionsEnded?: number;
  problem: Problem | null;
}

/** The account change an edit sends (unchanged members left out). */
export interface AccountEdit {
  role?: StaffRole;
  displayName?: string;
}

/**
 * What the server said in 管理 mode (admins): the accounts, the last write and, after a reset,
 * the generated password, held only until the admin closes it. Dropped at sign-out.
 */
export interface AdminData {
  users: Resource<UserAccount[]>;
  action: AdminAction | null;
  /** The password a reset generated, shown this once beside its account. */
  issued: { userId: number; password: string } | null;
  loadUsers(lang: UiLanguage): Promise<void>;
  /** Answers whether the account was made (the form clears itself then). */
  createUser(body: CreateUserBody, lang: UiLanguage): Promise<boolean>;
  updateUser(account: UserAccount, edit: AccountEdit, lang: UiLanguage): Promise<boolean>;
  resetPassword(account: UserAccount, lang: UiLanguage): Promise<void>;
  setActive(account: UserAccount, active: boolean, lang: UiLanguage): Promise<void>;
  signOutEverywhere(account: UserAccount, lang: UiLanguage): Promise<void>;
  dismissPassword(): void;
  reset(): void;
}

const INITIAL = { users: idle<UserAccount[]>(), action: null, issued: null };

export const useAdminData = create<AdminData>()((set, get) => {
  /** Puts the account as the server answered it into the list (new ones at the end). */
  const keep = (account: UserAccount) => {
    const users = get().users.data ?? [];
    const next = users.some((u) => u.id === account.id) ? users.map((u) => (u.id === account.id ? account : u)) : [...users, account];
    set({ users: { ...get().users, data: next } });
  };

  /**
   * Runs one write: pending, then done with the account kept, or refused. A 409 (someone changed
   * the account meanwhile) reloads the list before the refusal shows, so that the next try starts
   * from what is there now.
   * A write to one's own account reloads who is signed in (a new role, or no session any more).
   */
  const run = async (
    key: ActionKey,
    done: NonNullable<AdminAction['done']>,
    lang: UiLanguage,
    write: () => Promise<{ account: UserAccount; sessionsEnded?: number }>,
  ): Promise<boolean> => {
    if (get().action?.status === 'pending') return false;
    set({ action: { key, status: 'pending', done: null, problem: null } });
    try {
      const { account, sessionsEnded } = await write();
      keep(account);
      set({ action: { key, status: 'done', done, sessionsEnded, problem: null } });
      if (account.id === useServerData.getState().user?.id) await useServerData.getState().load(lang);
      return true;
    } catch (err) {
      // The reload comes before the refusal is shown: until then the form stays busy, so a second
      // try cannot go out with the version that was just refused.
      if (err instanceof ApiError && err.status === 409) await get().loadUsers(lang);
      set({ action: { key, status: 'problem', done: null, problem: toProblem(err) } });
      return false;
    }
  };

  return {
    ...INITIAL,

    async loadUsers(lang) {
      await load(slotOf(get, set, 'users'), async () => (await usersApi.list(lang)).users);
    },

    createUser: (body, lang) => run('create', 'created', lang, async () => ({ account: await usersApi.create(body, lang) })),

    updateUser: (account, edit, lang) =>
      run(`user:${account.id}`, 'updated', lang, async () => ({
        account: await usersApi.update(account.id, { baseVersion: account.version, ...edit }, lang),
      })),

    async resetPassword(account, lang) {
      set({ issued: null });
      await run(`user:${account.id}`, 'reset', lang, async () => {
        const { user, password } = await usersApi.resetPassword(account.id, account.version, lang);
        set({ issued: { userId: user.id, password } });
        return { account: user };
      });
    },

    async setActive(account, active, lang) {
      await run(`user:${account.id}`, active ? 'reactivated' : 'deactivated', lang, async () => ({
        account: await usersApi.setActive(account.id, active, account.version, lang),
      }));
    },

    async signOutEverywhere(account, lang) {
      await run(`user:${account.id}`, 'signedOut', lang, async () => {
        const { user, sessionsEnded } = await usersApi.signOutEverywhere(account.id, lang);
        return { account: user, sessionsEnded };
      });
    },

    dismissPassword: () => set({ issued: null }),

    reset: () => set(INITIAL),
  };
});

// Staff data goes with the user who fetched it; a generated password never outlives its admin's session.
useServerData.subscribe((state, previous) => {
  if (state.user?.id !== previous.user?.id) useAdminData.getState().reset();
});

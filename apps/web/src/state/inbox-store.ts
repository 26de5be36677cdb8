import { create } from 'zustand';
import type { InboxResponse, InboxTarget } from '@mpm/contracts';
import { inboxApi } from '../api/inbox.ts';
import type { UiLanguage } from '../i18n/languages.ts';
import { canInspect } from './derived.ts';
import { useInspectSession } from './inspect-session.ts';
import { useLedger } from './ledger-store.ts';
import { useProposalSession } from './proposals-session.ts';
import { toProblem, type Problem } from './resource.ts';
import { useSearchSession } from './search-session.ts';
import { useServerData } from './server-store.ts';
import { useSession } from './session-store.ts';

/** How often the inbox is asked again while someone is signed in. */
export const INBOX_REFRESH_MS = 3 * 60 * 1000;

/** The staff inbox (待办) as last heard, and why the last asking failed. */
export interface InboxData {
  inbox: InboxResponse | null;
  problem: Problem | null;
  /** Asks the server again; an answer for an earlier asking is dropped. */
  load(lang: UiLanguage): Promise<void>;
  clear(): void;
}

let asked = 0;

export const useInbox = create<InboxData>()((set) => ({
  inbox: null,
  problem: null,
  async load(lang) {
    const mine = ++asked;
    try {
      const inbox = await inboxApi.inbox(lang);
      if (mine === asked) set({ inbox, problem: null });
    } catch (err) {
      if (mine === asked) set({ problem: toProblem(err) });
    }
  },
  clear: () => {
    asked++;
    set({ inbox: null, problem: null });
  },
}));

/**
 * Opens an inbox item's record with the actions that already exist: a ledger entry in inspect
 * mode's ledger tab; a campaign's task or report on its campaigns tab; a proposal in plan mode
 * (asking first when local edits would be lost); a licence highlighted on inspect mode's
 * register, or, for who may not inspect, the map flown to it.
 */
export function openInboxTarget(target: InboxTarget, label: string, lang: UiLanguage): void {
  const { setMode } = useSession.getState();
  if (target.record === 'ledgerEntry') {
    setMode('inspect');
    useInspectSession.getState().setTab('ledger');
    void useLedger.getState().openEntry(target.id, lang);
  } else if (target.record === 'campaign') {
    setMode('inspect');
    useInspectSession.getState().setTab('campaigns');
  } else if (target.record === 'proposal') {
    setMode('plan');
    useProposalSession.getState().request({ kind: 'open', id: target.id, name: label }, 'bar', lang);
  } else if (target.collection && target.bbox) {
    if (canInspect(useServerData.getState().user)) {
      setMode('inspect');
      useInspectSession.getState().setTab('rights');
      useInspectSession.getState().highlightRight({ collection: target.collection, featureId: target.id, bbox: target.bbox });
    } else {
      setMode('browse');
      useSearchSession.getState().goTo({ kind: 'licence', layer: target.collection, id: target.id, label, bbox: target.bbox });
    }
  }
}

import { create } from 'zustand';
import type { SweepLatestResponse } from '@mpm/contracts';
import type { SweepProblem } from '@mpm/domain';
import { ApiError } from '../api/client.ts';
import { sweepApi } from '../api/sweep.ts';
import type { UiLanguage } from '../i18n/languages.ts';
import { useLedger } from './ledger-store.ts';
import { idle, load, slotOf, toProblem, type Problem, type Resource } from './resource.ts';
import { useServerData } from './server-store.ts';

/** A row being made a lead, or the server's refusal of it (`exists`: it was a lead already). */
export interface LeadAction {
  status: 'pending' | 'problem';
  problem: Problem | null;
  exists: boolean;
}

/**
 * The sweep of existing mines (存量矿山排查) as the page holds it: the latest run with its table
 * and the schedule, a run on its way or refused, the rows being made leads, the problem shown.
 */
export interface SweepData {
  latest: Resource<SweepLatestResponse>;
  running: boolean;
  runProblem: Problem | null;
  /** By finding id. */
  leads: Record<number, LeadAction>;
  /** Only the rows of this problem; null: every row. */
  problemFilter: SweepProblem | null;
  load(lang: UiLanguage): Promise<void>;
  /** Runs the sweep now; true when it ran (its table is then shown). */
  run(lang: UiLanguage): Promise<boolean>;
  /** Makes the row a ledger lead; true when made. Twice is refused, and the row then shows the lead made before. */
  makeLead(findingId: number, lang: UiLanguage): Promise<boolean>;
  setProblemFilter(problem: SweepProblem | null): void;
  reset(): void;
}

const INITIAL = { latest: idle<SweepLatestResponse>(), running: false, runProblem: null, leads: {}, problemFilter: null };

export const useSweep = create<SweepData>()((set, get) => {
  const leadState = (findingId: number, action: LeadAction | null) => {
    const { [findingId]: _old, ...rest } = get().leads;
    set({ leads: action ? { ...rest, [findingId]: action } : rest });
  };

  return {
    ...INITIAL,

    async load(lang) {
      await load(slotOf(get, set, 'latest'), () => sweepApi.latest(lang));
    },

    async run(lang) {
      if (get().running) return false;
      set({ running: true, runProblem: null });
      try {
        const run = await sweepApi.run(lang);
        const latest = get().latest.data;
        set({ leads: {}, latest: { status: 'ready', key: null, problem: null, data: { intervalDays: 0, nextDueAt: null, ...latest, run } } });
        // The schedule's next day moves with a run: ask for it again.
        await get().load(lang);
        return true;
      } catch (err) {
        set({ runProblem: toProblem(err) });
        return false;
      } finally {
        set({ running: false });
      }
    },

    async makeLead(findingId, lang) {
      if (get().leads[findingId]?.status === 'pending') return false;
      leadState(findingId, { status: 'pending', problem: null, exists: false });
      try {
        const { leadId } = await sweepApi.lead(findingId, lang);
        const latest = get().latest.data;
        const finding = latest?.run?.findings.find((f) => f.id === findingId);
        if (latest?.run && finding) {
          // One lead per right and problem: every row of the pair now names it.
          const findings = latest.run.findings.map((f) => (f.collection === finding.collection && f.rightId === finding.rightId && f.problem === finding.problem ? { ...f, leadId } : f));
          set({ latest: { ...get().latest, data: { ...latest, run: { ...latest.run, findings } } } });
        }
        leadState(findingId, null);
        if (useLedger.getState().list.status !== 'idle') void useLedger.getState().loadList(lang);
        return true;
      } catch (err) {
        const exists = err instanceof ApiError && err.code === 'sweepLeadExists';
        // Made meanwhile (by someone else, or another run's row): the table is read again to name the lead.
        if (exists) await get().load(lang);
        leadState(findingId, { status: 'problem', problem: toProblem(err), exists });
        return false;
      }
    },

    setProblemFilter: (problemFilter) => set({ problemFilter }),

    reset: () => set(INITIAL),
  };
});

// Staff data goes with the user who fetched it.
useServerData.subscribe((state, previous) => {
  if (state.user?.id !== previous.user?.id) useSweep.getState().reset();
});

import { create } from 'zustand';
import type { CheckBody, ProposalVersionView } from '@mpm/contracts';
import type { ProposalStatus, ProposalStep } from '@mpm/domain';
import { ApiError } from '../api/client.ts';
import { proposalsApi, VERSION_CONFLICT } from '../api/proposals.ts';
import type { UiLanguage } from '../i18n/languages.ts';
import { checkBodyOf, usePlan, type PlanSession } from './plan-store.ts';
import { useProposalData } from './proposals-store.ts';
import { toProblem, type Problem } from './resource.ts';
import { useServerData } from './server-store.ts';
import { setUnsaved } from './unsaved-work.ts';

/** The saved proposal the planner is working on. */
export interface OpenProposal {
  id: number;
  /** The name as saved. */
  name: string;
  /** The version loaded into the drawing and the form. */
  shownVersion: number;
  /** The proposal's latest version when it was loaded or last saved: the next save's `baseVersion`. */
  baseVersion: number;
  /** Plan-store revisions of what was loaded or saved; anything else is a local edit. */
  blockRevision: number;
  proposalRevision: number;
  /** Where the proposal stands in its workflow, as last heard from the server. */
  workflow: OpenWorkflow;
}

/** The open proposal's workflow: its status, the revision a step sends back, and the steps this user may take. */
export interface OpenWorkflow {
  status: ProposalStatus;
  revision: number;
  ownerName: string;
  allowedSteps: ProposalStep[];
  grantedLicenceNo: string | null;
}

/** A step the web offers (the licence register takes `license`). */
export type WebStep = Exclude<ProposalStep, 'license'>;

/** The last workflow step asked for and how it ended; a refusal carries the server's words. */
export type StepState =
  | { status: 'idle' }
  | { status: 'pending'; step: WebStep }
  | { status: 'done'; step: WebStep }
  | { status: 'problem'; step: WebStep; problem: Problem };

const workflowOf = ({ status, revision, ownerName, allowedSteps, grantedLicenceNo }: ProposalVersionView): OpenWorkflow => ({
  status,
  revision,
  ownerName,
  allowedSteps,
  grantedLicenceNo,
});

/** The last save and how it ended; a conflict carries the server's message (who saved meanwhile). */
export type SaveState =
  | { status: 'idle' }
  | { status: 'pending' }
  | { status: 'saved'; version: number; created: boolean }
  | { status: 'problem'; problem: Problem }
  | { status: 'conflict'; message: string };

/** What the planner asked for that would replace the block and form. */
export type Intent = { kind: 'open'; id: number; version?: number; name?: string } | { kind: 'new' };

/** Where the request came from, so the confirmation shows beside the button pressed. */
export type IntentSource = 'bar' | 'list' | 'versions' | 'conflict';

/**
 * The saved proposal open in plan mode for this visit, the name and note for its next save, and
 * what became of opening and saving. The saved proposals themselves live in `proposals-store`.
 */
export interface ProposalSession {
  open: OpenProposal | null;
  /** The name field, and the note for the next saved version. */
  name: string;
  note: string;
  save: SaveState;
  /** The last workflow step (送审, 撤回, 同意, 退回, 删除草稿) of the open proposal. */
  step: StepState;
  /** The proposal (and version) being fetched to open, and why opening failed. */
  opening: Intent | null;
  openProblem: Problem | null;
  /** A replacing request waiting for the planner to confirm that local edits may go. */
  pending: { intent: Intent; source: IntentSource } | null;
  /** Bumped whenever block and form are replaced, so input widgets start again from the store. */
  loadSerial: number;
  setName(name: string): void;
  setNote(note: string): void;
  /** Runs `intent` at once when nothing would be lost, else asks for confirmation first. */
  request(intent: Intent, source: IntentSource, lang: UiLanguage): void;
  confirmPending(lang: UiLanguage): void;
  cancelPending(): void;
  /** Saves block and form as a new proposal (version 1). */
  saveNew(lang: UiLanguage): Promise<void>;
  /** Saves block and form as the open proposal's next version (`baseVersion` as loaded). */
  saveVersion(lang: UiLanguage): Promise<void>;
  /**
   * Takes a workflow step on the open proposal from the revision last heard of (a comment for 退回).
   * A refusal keeps the server's words; a 409 also fetches where the proposal stands now.
   */
  takeStep(step: WebStep, comment: string, lang: UiLanguage): Promise<void>;
}

/**
 * Whether replacing block and form would lose work: changes since the open proposal was loaded or
 * saved (block, attributes, name), or, with no proposal open, any block at all.
 */
export function hasLocalEdits(plan: Pick<PlanSession, 'block' | 'proposalRevision'>, proposals: Pick<ProposalSession, 'open' | 'name'>): boolean {
  const { open } = proposals;
  if (!open) return plan.block !== null;
  return plan.block?.revision !== open.blockRevision || plan.proposalRevision !== open.proposalRevision || proposals.name.trim() !== open.name;
}

/** {@link hasLocalEdits} for components, following both stores. */
export function useLocalEdits(): boolean {
  const block = usePlan((s) => s.block);
  const proposalRevision = usePlan((s) => s.proposalRevision);
  const open = useProposalSession((s) => s.open);
  const name = useProposalSession((s) => s.name);
  return hasLocalEdits({ block, proposalRevision }, { open, name });
}

/** Bumped by every open, new block and sign-in change: an answer for an earlier one is dropped. */
let generation = 0;

const EMPTY = {
  open: null,
  name: '',
  note: '',
  save: { status: 'idle' } as SaveState,
  step: { status: 'idle' } as StepState,
  opening: null,
  openProblem: null,
  pending: null,
};

export const useProposalSession = create<ProposalSession>()((set, get) => {
  const data = () => useProposalData.getState();

  /** Block and form now hold `view`; the next save is made from the version that is latest now. */
  function show(view: ProposalVersionView, lang: UiLanguage) {
    const { blockRevision, proposalRevision } = usePlan.getState().loadSaved(view);
    set((s) => ({
      open: {
        id: view.id,
        name: view.name,
        shownVersion: view.version,
        baseVersion: view.currentVersion,
        blockRevision,
        proposalRevision,
        workflow: workflowOf(view),
      },
      name: view.name,
      note: '',
      save: { status: 'idle' },
      step: { status: 'idle' },
      opening: null,
      openProblem: null,
      loadSerial: s.loadSerial + 1,
    }));
    void data().loadVersions(view.id, lang);
  }

  async function run(intent: Intent, lang: UiLanguage) {
    const asked = ++generation;
    if (intent.kind === 'new') {
      usePlan.getState().reset();
      set((s) => ({ ...EMPTY, loadSerial: s.loadSerial + 1 }));
      return;
    }
    set({ opening: intent, openProblem: null, pending: null });
    try {
      const view = await proposalsApi.version(intent.id, intent.version, lang);
      if (asked === generation) show(view, lang);
    } catch (err) {
      if (asked === generation) set({ opening: null, openProblem: toProblem(err) });
    }
  }

  /** After a save or a refused one: the list and the open proposal's history as the server has them now. */
  function refresh(id: number, lang: UiLanguage) {
    void data().loadList(lang);
    void data().loadVersions(id, lang);
  }

  async function saveWith(lang: UiLanguage, created: boolean, send: (body: CheckBody) => Promise<ProposalVersionView>) {
    const plan = usePlan.getState();
    const body = checkBodyOf(plan);
    if (!body || get().name.trim() === '' || get().save.status === 'pending') return;
    // What is saved is what was sent: edits made while the request runs stay local edits.
    const { revision: blockRevision } = plan.block!;
    const { proposalRevision } = plan;
    set({ save: { status: 'pending' }, pending: null });
    const asked = generation;
    try {
      const view = await send(body);
      // Block and form were replaced meanwhile (new block, another proposal): only the list learns of it.
      if (asked !== generation) return void data().loadList(lang);
      set({
        open: {
          id: view.id,
          name: view.name,
          shownVersion: view.version,
          baseVersion: view.version,
          blockRevision,
          proposalRevision,
          workflow: workflowOf(view),
        },
        step: { status: 'idle' },
        name: view.name,
        note: '',
        save: { status: 'saved', version: view.version, created },
      });
      refresh(view.id, lang);
    } catch (err) {
      if (asked !== generation) return;
      if (err instanceof ApiError && err.code === VERSION_CONFLICT) {
        set({ save: { status: 'conflict', message: err.message } });
        refresh(get().open!.id, lang);
      } else {
        set({ save: { status: 'problem', problem: toProblem(err) } });
      }
    }
  }

  /** The open proposal's workflow as the server has it now (after a refused step), leaving block and form alone. */
  async function refreshWorkflow(id: number, lang: UiLanguage) {
    try {
      const view = await proposalsApi.version(id, undefined, lang);
      set((s) => (s.open?.id === id ? { open: { ...s.open, baseVersion: view.currentVersion, workflow: workflowOf(view) } } : {}));
    } catch {
      // The refusal already shown says enough; the list refresh tells the rest.
    }
  }

  return {
    ...EMPTY,
    loadSerial: 0,

    async takeStep(step, comment, lang) {
      const open = get().open;
      if (!open || get().step.status === 'pending') return;
      set({ step: { status: 'pending', step } });
      const asked = generation;
      const text = comment.trim();
      try {
        const view = await proposalsApi.step(open.id, step, { baseRevision: open.workflow.revision, ...(text ? { comment: text } : {}) }, lang);
        if (asked !== generation) return void data().loadList(lang);
        set((s) => (s.open?.id === view.id ? { open: { ...s.open, workflow: workflowOf(view) }, step: { status: 'done', step } } : {}));
        refresh(view.id, lang);
      } catch (err) {
        if (asked !== generation) return;
        // After a 409 the workflow is loaded again before the refusal shows: until then the step
        // stays busy, so it cannot be sent again with the revision just refused.
        if (err instanceof ApiError && err.status === 409) {
          refresh(open.id, lang);
          await refreshWorkflow(open.id, lang);
          if (asked !== generation) return;
        }
        set({ step: { status: 'problem', step, problem: toProblem(err) } });
      }
    },

    setName: (name) => set({ name }),
    setNote: (note) => set({ note }),

    request(intent, source, lang) {
      if (hasLocalEdits(usePlan.getState(), get())) set({ pending: { intent, source } });
      else void run(intent, lang);
    },

    confirmPending(lang) {
      const { pending } = get();
      set({ pending: null });
      if (pending) void run(pending.intent, lang);
    },

    cancelPending: () => set({ pending: null }),

    saveNew: (lang) =>
      saveWith(lang, true, (body) => {
        const note = get().note.trim();
        return proposalsApi.create({ name: get().name.trim(), ...body, ...(note ? { note } : {}) }, lang);
      }),

    saveVersion: (lang) =>
      saveWith(lang, false, (body) => {
        const open = get().open!;
        const note = get().note.trim();
        return proposalsApi.update(open.id, { baseVersion: open.baseVersion, name: get().name.trim(), ...body, ...(note ? { note } : {}) }, lang);
      }),
  };
});

// Another user's proposals and edits are not this one's: start again when the signed-in user changes.
useServerData.subscribe((state, previous) => {
  if (state.user?.id === previous.user?.id) return;
  generation++;
  usePlan.getState().reset();
  useProposalSession.setState((s) => ({ ...EMPTY, loadSerial: s.loadSerial + 1 }));
});

/** Leaving the page while the block or proposal holds local edits asks first (see `unsaved-work`). */
const markUnsaved = () => setUnsaved('plan', hasLocalEdits(usePlan.getState(), useProposalSession.getState()));
usePlan.subscribe(markUnsaved);
useProposalSession.subscribe(markUnsaved);

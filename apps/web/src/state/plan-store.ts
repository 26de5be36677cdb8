import { create } from 'zustand';
import type { Mineral } from '@mpm/domain';
import type { BlockGeometry, MineRecord, Proposal, RightKind } from '@mpm/rules';
import { api } from '../api/client.ts';
import type { CheckBody, CheckResponse, ProposalVersionView } from '@mpm/contracts';
import type { UiLanguage } from '../i18n/languages.ts';
import { toProblem, type Problem } from './resource.ts';

/** The proposal form as typed: numbers stay text until they are read. */
export interface ProposalDraft {
  mineral: Mineral;
  /** 万吨/年, as typed. */
  capacity: string;
  rightKind: RightKind;
  holder: string;
  /** Empty when not stated. */
  scaleClass: MineRecord['scaleClass'] | '';
  licenceNo: string;
}

/** A pasted corner-point list as the server reads it, with its Gauss–Krüger zone when stated. */
export type CornerListInput = NonNullable<CheckBody['cornerList']>;

/** Where the block came from: drawn (or edited) on the map, a pasted corner list, a file, a saved proposal. */
export type BlockOrigin = 'draw' | 'paste' | 'upload' | 'saved';

/** The proposed block as it stands (not the drawing machinery: that lives in terra-draw). */
export interface Block {
  geometry: BlockGeometry;
  origin: BlockOrigin;
  /** The pasted text, while the block is exactly what it describes (sent to the server as is). */
  cornerList?: CornerListInput;
  /** Bumped on every change, so the map can tell its own echo from a new block. */
  revision: number;
}

/** What the map's drawing tool does: draw a polygon, edit vertices, or nothing (pan, click). */
export type DrawTool = 'draw' | 'edit' | 'pan';

/** The server's verdict on the block, with the revisions it was asked about. */
export type ServerCheck =
  | { status: 'idle' }
  | { status: 'pending' }
  | { status: 'done'; result: CheckResponse; blockRevision: number; proposalRevision: number; asOf: string }
  | { status: 'problem'; problem: Problem };

/** The planner's working proposal for this visit: form, block, drawing tool and the server's verdict. */
export interface PlanSession {
  proposal: ProposalDraft;
  proposalRevision: number;
  block: Block | null;
  tool: DrawTool;
  check: ServerCheck;
  /** 截至日期 of 正式审查: the day whose licence register to check against (empty: today). */
  asOf: string;
  setProposal(patch: Partial<ProposalDraft>): void;
  /** A block drawn or edited on the map (null when the map holds none); returns its revision. */
  setDrawnBlock(geometry: BlockGeometry | null): number | null;
  /** A block from a pasted list or a file: the map shows it and zooms to it. */
  setBlock(geometry: BlockGeometry, origin: Exclude<BlockOrigin, 'draw'>, cornerList?: CornerListInput): void;
  clearBlock(): void;
  /**
   * Replaces block and form with a saved version (its corner list too, when it came from one);
   * returns the revisions it gets, so that later edits can be told from what was saved.
   */
  loadSaved(saved: SavedBlock): { blockRevision: number; proposalRevision: number };
  /** Back to an empty form and no block. */
  reset(): void;
  setTool(tool: DrawTool): void;
  setAsOf(asOf: string): void;
  /** Sends the block and proposal to `POST /api/check` (as of {@link PlanSession.asOf}). */
  runCheck(lang: UiLanguage): Promise<void>;
}

/** A saved version's block and attributes, as `GET /api/proposals/:id` serves them. */
export type SavedBlock = Pick<ProposalVersionView, 'geometry' | 'proposal' | 'cornerListText' | 'cornerListZone'>;

export const DEFAULT_PROPOSAL: ProposalDraft = {
  mineral: 'brickClay',
  capacity: '',
  rightKind: 'new',
  holder: '',
  scaleClass: '',
  licenceNo: '',
};

/** The proposal the rules read, or null while the form is incomplete (no positive capacity). */
export function readProposal(draft: ProposalDraft): Proposal | null {
  const capacity = Number(draft.capacity.trim());
  if (draft.capacity.trim() === '' || !Number.isFinite(capacity) || capacity <= 0) return null;
  const holder = draft.holder.trim();
  const licenceNo = draft.licenceNo.trim();
  return {
    mineral: draft.mineral,
    capacity10ktPerYear: capacity,
    rightKind: draft.rightKind,
    ...(holder ? { holder } : {}),
    ...(draft.scaleClass ? { scaleClass: draft.scaleClass } : {}),
    ...(licenceNo && draft.rightKind !== 'new' ? { licenceNo } : {}),
  };
}

/** The form filled in with a saved proposal's attributes. */
export function draftOf(proposal: Proposal): ProposalDraft {
  return {
    mineral: proposal.mineral,
    capacity: String(proposal.capacity10ktPerYear),
    rightKind: proposal.rightKind,
    holder: proposal.holder ?? '',
    scaleClass: proposal.scaleClass ?? '',
    licenceNo: proposal.licenceNo ?? '',
  };
}

/**
 * What the server is asked about the block and form (check, save, report): the pasted list as
 * it was written while the block is exactly that list, else the geometry. Null while incomplete.
 */
export function checkBodyOf({ block, proposal: draft }: Pick<PlanSession, 'block' | 'proposal'>): CheckBody | null {
  const proposal = readProposal(draft);
  if (!block || !proposal) return null;
  return block.cornerList ? { cornerList: block.cornerList, proposal } : { geometry: block.geometry, proposal };
}

let revisions = 0;

/** A refusal of 正式审查 spoke of the block before: a new block drops it (a verdict stays, marked stale). */
const dropRefusal = (check: ServerCheck): ServerCheck => (check.status === 'problem' ? { status: 'idle' } : check);

export const usePlan = create<PlanSession>()((set, get) => ({
  proposal: DEFAULT_PROPOSAL,
  proposalRevision: 0,
  block: null,
  tool: 'pan',
  check: { status: 'idle' },
  asOf: '',

  setProposal: (patch) => set((s) => ({ proposal: { ...s.proposal, ...patch }, proposalRevision: s.proposalRevision + 1 })),

  setDrawnBlock(geometry) {
    if (!geometry) {
      // Nothing left to edit once the block is deleted on the map.
      set((s) => ({ block: null, tool: s.tool === 'edit' ? 'pan' : s.tool }));
      return null;
    }
    const revision = ++revisions;
    set((s) => ({ block: { geometry, origin: 'draw', revision }, check: dropRefusal(s.check) }));
    return revision;
  },

  setBlock: (geometry, origin, cornerList) =>
    set((s) => ({ block: { geometry, origin, revision: ++revisions, ...(cornerList ? { cornerList } : {}) }, tool: 'pan', check: dropRefusal(s.check) })),

  clearBlock: () => set({ block: null, check: { status: 'idle' } }),

  loadSaved({ geometry, proposal, cornerListText, cornerListZone }) {
    const cornerList: CornerListInput | undefined =
      cornerListText === null ? undefined : { text: cornerListText, ...(cornerListZone === null ? {} : { zone: cornerListZone }) };
    const blockRevision = ++revisions;
    const proposalRevision = get().proposalRevision + 1;
    set({
      block: { geometry, origin: 'saved', revision: blockRevision, ...(cornerList ? { cornerList } : {}) },
      proposal: draftOf(proposal),
      proposalRevision,
      check: { status: 'idle' },
      tool: 'pan',
    });
    return { blockRevision, proposalRevision };
  },

  reset: () =>
    set((s) => ({ block: null, proposal: DEFAULT_PROPOSAL, proposalRevision: s.proposalRevision + 1, check: { status: 'idle' }, tool: 'pan' })),

  setTool: (tool) => set({ tool }),

  setAsOf: (asOf) => set({ asOf }),

  async runCheck(lang) {
    const { block, proposalRevision, asOf } = get();
    const body = checkBodyOf(get());
    if (!block || !body) return;
    set({ check: { status: 'pending' } });
    try {
      const result = await api.check(body, lang, asOf || undefined);
      set({ check: { status: 'done', result, blockRevision: block.revision, proposalRevision, asOf } });
    } catch (err) {
      set({ check: { status: 'problem', problem: toProblem(err) } });
    }
  },
}));

import type { TermKey } from './glossary.ts';
import type { Role } from './roles.ts';

/**
 * Where a proposal stands: 草稿 → 已送审 → 已同意 / 已退回 → 已登记为矿业权; 已撤回 when its planner
 * took it back before a decision; 已删除 for a draft thrown away (kept, only hidden: versions and
 * the audit log never lose a record).
 */
export const PROPOSAL_STATUSES = ['draft', 'submitted', 'returned', 'withdrawn', 'approved', 'licensed', 'deleted'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export const PROPOSAL_STATUS_TERMS: Record<ProposalStatus, TermKey> = {
  draft: 'proposalDraft',
  submitted: 'proposalSubmitted',
  returned: 'proposalReturned',
  withdrawn: 'proposalWithdrawn',
  approved: 'proposalApproved',
  licensed: 'proposalLicensed',
  deleted: 'proposalDeleted',
};

/** Statuses in which the block and attributes may get a new version (the planner's own desk). */
export const EDITABLE_PROPOSAL_STATUSES: readonly ProposalStatus[] = ['draft', 'returned', 'withdrawn'];

/** The steps of the workflow (each one row of the proposal's history). */
export const PROPOSAL_STEPS = ['submit', 'withdraw', 'approve', 'return', 'delete', 'license'] as const;
export type ProposalStep = (typeof PROPOSAL_STEPS)[number];

export const PROPOSAL_STEP_TERMS: Record<ProposalStep, TermKey> = {
  submit: 'stepSubmit',
  withdraw: 'stepWithdraw',
  approve: 'stepApprove',
  return: 'stepReturn',
  delete: 'stepDelete',
  license: 'stepLicense',
};

/** One step: from which statuses, to which, who may take it, and whether it must say why. */
export interface ProposalStepRule {
  step: ProposalStep;
  from: readonly ProposalStatus[];
  to: ProposalStatus;
  roles: readonly Role[];
  /**
   * `owner`: only the planner who created the proposal (or an admin) takes it; `notOwn`: a
   * reviewer may not decide a proposal they created or submitted (an admin may, and the
   * history names them); `any`: anyone with the role.
   */
  who: 'owner' | 'notOwn' | 'any';
  needsComment: boolean;
}

/**
 * Every allowed step. A returned or withdrawn proposal is edited and submitted again; only a
 * draft never submitted may be deleted (and that deletion is soft); approval and return are the
 * reviewer's or an admin's; `license` is taken by the licence register when it registers the
 * approved block as a right.
 */
export const PROPOSAL_STEP_RULES: readonly ProposalStepRule[] = [
  { step: 'submit', from: ['draft', 'returned', 'withdrawn'], to: 'submitted', roles: ['planner', 'admin'], who: 'owner', needsComment: false },
  { step: 'withdraw', from: ['submitted'], to: 'withdrawn', roles: ['planner', 'admin'], who: 'owner', needsComment: false },
  { step: 'approve', from: ['submitted'], to: 'approved', roles: ['reviewer', 'admin'], who: 'notOwn', needsComment: false },
  { step: 'return', from: ['submitted'], to: 'returned', roles: ['reviewer', 'admin'], who: 'notOwn', needsComment: true },
  { step: 'delete', from: ['draft'], to: 'deleted', roles: ['planner', 'admin'], who: 'owner', needsComment: false },
  { step: 'license', from: ['approved'], to: 'licensed', roles: ['admin'], who: 'any', needsComment: false },
];

/** The rule of `step`. */
export const proposalStepRule = (step: ProposalStep): ProposalStepRule => PROPOSAL_STEP_RULES.find((rule) => rule.step === step)!;

/** Who is asking, and whose proposal it is (user ids). */
export interface ProposalActor {
  userId: number;
  role: Role;
}

/** The proposal as the workflow needs it: its status, who created it and who submitted it last. */
export interface ProposalParties {
  status: ProposalStatus;
  ownerId: number;
  /** Who took the last `submit` step; null when never submitted. */
  submittedById: number | null;
}

/** Why a step cannot be taken, or null when it can. */
export type ProposalStepRefusal = 'role' | 'status' | 'notOwner' | 'ownProposal' | null;

/** Whether `actor` may take `step` on `proposal` now: null when yes, else the first reason why not. */
export function proposalStepRefusal(step: ProposalStep, proposal: ProposalParties, actor: ProposalActor): ProposalStepRefusal {
  const rule = proposalStepRule(step);
  if (!rule.roles.includes(actor.role)) return 'role';
  if (!rule.from.includes(proposal.status)) return 'status';
  if (actor.role === 'admin') return null;
  if (rule.who === 'owner' && proposal.ownerId !== actor.userId) return 'notOwner';
  if (rule.who === 'notOwn' && (proposal.ownerId === actor.userId || proposal.submittedById === actor.userId)) return 'ownProposal';
  return null;
}

/** The steps `actor` may take on `proposal` now (the buttons to show), in workflow order. */
export const proposalStepsFor = (proposal: ProposalParties, actor: ProposalActor | null): ProposalStep[] =>
  actor ? PROPOSAL_STEP_RULES.filter((rule) => proposalStepRefusal(rule.step, proposal, actor) === null).map((rule) => rule.step) : [];

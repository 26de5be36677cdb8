import { describe, expect, it } from 'vitest';
import { GLOSSARY } from '../src/glossary.ts';
import {
  PROPOSAL_STATUSES,
  PROPOSAL_STATUS_TERMS,
  PROPOSAL_STEP_RULES,
  PROPOSAL_STEP_TERMS,
  proposalStepRefusal,
  proposalStepsFor,
  type ProposalParties,
} from '../src/proposal-workflow.ts';

const OWNER = 1;
const REVIEWER = 2;
const OTHER_PLANNER = 3;
const ADMIN = 4;
const at = (status: ProposalParties['status'], submittedById: number | null = null): ProposalParties => ({ status, ownerId: OWNER, submittedById });

describe('the proposal workflow', () => {
  it('names every status and step in both languages', () => {
    for (const term of [...Object.values(PROPOSAL_STATUS_TERMS), ...Object.values(PROPOSAL_STEP_TERMS)]) {
      expect(GLOSSARY[term].zh).not.toBe('');
      expect(GLOSSARY[term].en).not.toBe('');
    }
    expect(PROPOSAL_STEP_RULES.map((rule) => rule.to).every((to) => PROPOSAL_STATUSES.includes(to))).toBe(true);
  });

  it('offers each user the steps they may take, in workflow order', () => {
    expect(proposalStepsFor(at('draft'), { userId: OWNER, role: 'planner' })).toEqual(['submit', 'delete']);
    expect(proposalStepsFor(at('draft'), { userId: OTHER_PLANNER, role: 'planner' })).toEqual([]);
    expect(proposalStepsFor(at('submitted', OWNER), { userId: OWNER, role: 'planner' })).toEqual(['withdraw']);
    expect(proposalStepsFor(at('submitted', OWNER), { userId: REVIEWER, role: 'reviewer' })).toEqual(['approve', 'return']);
    expect(proposalStepsFor(at('submitted', OWNER), { userId: ADMIN, role: 'admin' })).toEqual(['withdraw', 'approve', 'return']);
    expect(proposalStepsFor(at('returned', OWNER), { userId: OWNER, role: 'planner' })).toEqual(['submit']);
    expect(proposalStepsFor(at('withdrawn', OWNER), { userId: OWNER, role: 'planner' })).toEqual(['submit']);
    expect(proposalStepsFor(at('approved', OWNER), { userId: ADMIN, role: 'admin' })).toEqual(['license']);
    for (const status of ['licensed', 'deleted'] as const) {
      expect(proposalStepsFor(at(status, OWNER), { userId: ADMIN, role: 'admin' }), status).toEqual([]);
    }
    expect(proposalStepsFor(at('submitted', OWNER), null)).toEqual([]);
    expect(proposalStepsFor(at('submitted', OWNER), { userId: 9, role: 'inspector' })).toEqual([]);
  });

  it('says why a step is refused: role, status, ownership, or deciding one’s own', () => {
    expect(proposalStepRefusal('approve', at('submitted'), { userId: OTHER_PLANNER, role: 'planner' })).toBe('role');
    expect(proposalStepRefusal('approve', at('draft'), { userId: REVIEWER, role: 'reviewer' })).toBe('status');
    expect(proposalStepRefusal('delete', at('returned'), { userId: OWNER, role: 'planner' })).toBe('status');
    expect(proposalStepRefusal('submit', at('draft'), { userId: OTHER_PLANNER, role: 'planner' })).toBe('notOwner');
    // A reviewer who submitted the proposal (as a planner, before a change of role) does not decide it.
    expect(proposalStepRefusal('return', at('submitted', REVIEWER), { userId: REVIEWER, role: 'reviewer' })).toBe('ownProposal');
    expect(proposalStepRefusal('approve', { status: 'submitted', ownerId: REVIEWER, submittedById: null }, { userId: REVIEWER, role: 'reviewer' })).toBe(
      'ownProposal',
    );
    expect(proposalStepRefusal('approve', { status: 'submitted', ownerId: ADMIN, submittedById: ADMIN }, { userId: ADMIN, role: 'admin' })).toBeNull();
  });
});

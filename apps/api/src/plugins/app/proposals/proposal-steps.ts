import type { Knex } from 'knex';
import { proposalStepRefusal, proposalStepRule, type ProposalStep } from '@mpm/domain';
import { auditedWrite } from '../audit/audited-write.ts';
import { runCheck, type CheckContext } from '../checks/run-check.ts';
import type { User } from '../auth/users-repository.ts';
import type { Repositories } from '../repositories.plugin.ts';
import { PROPOSAL_PROBLEMS } from './proposal-problems.ts';
import type { LockedProposal, VersionRow } from './proposals-repository.ts';
import { audited, proposalNotFound } from './proposals-writes.ts';

/** What a workflow step needs from the app. `knex` may be a transaction the step then joins. */
export interface StepContext {
  knex: Knex;
  repos: Pick<Repositories, 'proposals' | 'audit'>;
}

/** What approving needs besides: the check, run again at the decision. */
export type ApprovalContext = StepContext & CheckContext & { repos: CheckContext['repos'] };

/**
 * The version `approve` would decide, checked again as the rules and the register stand now
 * (a licence registered or a rule changed since it was saved): 409 naming the forbidding
 * findings when the check forbids it. Runs before the step's transaction, as saves check first.
 */
async function checkBeforeApproval(context: ApprovalContext, id: number, user: User): Promise<number> {
  const current = await context.repos.proposals.version(id);
  if (!current) throw proposalNotFound(id);
  // The cheap refusals first (the step's transaction asks them again of the locked row).
  refuse('approve', current, user);
  const { findings } = await runCheck(context, { geometry: current.geometry, proposal: current.proposal });
  const forbidding = findings.filter((finding) => finding.outcome === 'forbidden');
  if (forbidding.length > 0) throw PROPOSAL_PROBLEMS.forbiddenApproval(current.name, current.version, forbidding.map((f) => f.title));
  return current.version;
}

/** A step as asked: the revision the caller saw, and a comment (required to return). */
export interface StepRequest {
  baseRevision?: number;
  comment?: string;
  /** The licence the approved proposal became (the `license` step only). */
  licenceNo?: string;
}

/** Throws the named refusal when `user` may not take `step` on the proposal now. */
function refuse(step: ProposalStep, locked: Omit<LockedProposal, 'updatedBy' | 'updatedAt'>, user: User): void {
  const refusal = proposalStepRefusal(step, locked, { userId: user.id, role: user.role });
  if (refusal === 'role') throw PROPOSAL_PROBLEMS.roleMayNot(step);
  if (refusal === 'status') throw PROPOSAL_PROBLEMS.stepNotAllowed(step, locked.name, locked.status);
  if (refusal === 'notOwner') throw PROPOSAL_PROBLEMS.notOwner(step, locked.name, locked.ownerName);
  if (refusal === 'ownProposal') throw PROPOSAL_PROBLEMS.ownProposal(step, locked.name);
}

/**
 * One step of the workflow (送审, 撤回, 同意, 退回, 删除, 登记为矿业权) in one audited transaction:
 * locks the proposal (404 when there is none), refuses it with 409 `versionConflict` when the
 * proposal changed since `baseRevision` (naming who and when), then with the named refusal when
 * the caller's role, the status or ownership does not allow it, or when a return has no comment;
 * approval first checks the version again (409 `forbiddenProposalApproval` when forbidden);
 * else moves the status on, adds the step to the history with who, when, the version and the
 * comment, and writes the audit entry. Deleting is soft (status `deleted`): the versions and the
 * audit log keep naming the proposal. Answers the proposal's current version as it now stands.
 */
export async function takeProposalStep(context: ApprovalContext, id: number, step: ProposalStep, request: StepRequest, user: User): Promise<VersionRow> {
  const checkedVersion = step === 'approve' ? await checkBeforeApproval(context, id, user) : undefined;
  return takeStep(context, id, step, request, user, checkedVersion);
}

/** {@link takeProposalStep} once any check is done; `checkedVersion` must still be current. */
function takeStep(context: StepContext, id: number, step: ProposalStep, request: StepRequest, user: User, checkedVersion?: number): Promise<VersionRow> {
  const { proposals } = context.repos;
  const rule = proposalStepRule(step);
  const comment = request.comment?.trim() || null;
  const licenceNo = request.licenceNo?.trim() || null;
  return auditedWrite(context, {
    by: user.id,
    action: step,
    entity: 'proposal',
    entityId: id,
    read: async (trx) => {
      const locked = await proposals.lockForSave(id, trx);
      if (!locked) throw proposalNotFound(id);
      const base = request.baseRevision;
      if ((base !== undefined && base !== locked.revision) || (checkedVersion !== undefined && checkedVersion !== locked.currentVersion)) {
        throw PROPOSAL_PROBLEMS.changed(locked.name, base ?? locked.revision, { ...locked, by: locked.updatedBy, at: locked.updatedAt });
      }
      return locked;
    },
    write: async (trx, locked) => {
      refuse(step, locked, user);
      if (rule.needsComment && !comment) throw PROPOSAL_PROBLEMS.returnCommentRequired();
      if (step === 'license' && !licenceNo) throw PROPOSAL_PROBLEMS.licenceNoRequired();
      await proposals.insertEvent(
        { proposalId: id, step, fromStatus: locked.status, toStatus: rule.to, version: locked.currentVersion, comment, licenceNo, createdBy: user.id },
        trx,
      );
      await proposals.setStatus(id, rule.to, user.id, trx, licenceNo ?? undefined);
      return (await proposals.version(id, undefined, trx))!;
    },
    before: ({ name, status, revision, currentVersion }) => ({ name, status, revision, version: currentVersion }),
    after: audited,
    detail: () => ({ baseRevision: request.baseRevision ?? null, comment, ...(licenceNo && { licenceNo }) }),
  });
}

/**
 * Marks an approved proposal as having become licence `licenceNo` (status `licensed`, a
 * `license` step in its history), for the licence register when it registers the proposal's
 * block as a right. Pass the register's transaction as `context.knex` to make both one write
 * (the step then runs in a savepoint of it). 409 `proposalStepNotAllowed` unless approved; 400
 * `licenceNoRequired` for a blank number; 403 unless `user` is an admin.
 */
export function markLicensed(context: StepContext, proposalId: number, licenceNo: string, user: User, baseRevision?: number): Promise<VersionRow> {
  return takeStep(context, proposalId, 'license', { licenceNo, baseRevision }, user);
}

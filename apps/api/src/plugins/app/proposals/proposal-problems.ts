import { GLOSSARY, PROPOSAL_STATUS_TERMS, PROPOSAL_STEP_TERMS, type ProposalStatus, type ProposalStep } from '@mpm/domain';
import { UserError, badRequest, type Bilingual } from '../../../http/errors.ts';
import { chinaDateTime } from '../reports/china-time.ts';

const status = (s: ProposalStatus): Bilingual => GLOSSARY[PROPOSAL_STATUS_TERMS[s]];
const step = (s: ProposalStep): Bilingual => GLOSSARY[PROPOSAL_STEP_TERMS[s]];

/** Every refusal of a proposal write or step, with its status, code and message in both languages. */
export const PROPOSAL_PROBLEMS = {
  /** 409: a new version of a proposal that is submitted, decided or deleted. */
  notEditable: (name: string, current: ProposalStatus) =>
    new UserError(409, 'proposalNotEditable', {
      zh: `方案“${name}”当前为“${status(current).zh}”，不能修改；只有草稿、已退回或已撤回的方案可以保存新版本。`,
      en: `Proposal "${name}" is ${status(current).en.toLowerCase()} and cannot be changed; only a draft, returned or withdrawn proposal takes a new version.`,
    }),

  /** 409: a step the workflow does not allow from the proposal's status. */
  stepNotAllowed: (s: ProposalStep, name: string, current: ProposalStatus) =>
    new UserError(409, 'proposalStepNotAllowed', {
      zh: `方案“${name}”当前为“${status(current).zh}”，不能${step(s).zh}。`,
      en: `Proposal "${name}" is ${status(current).en.toLowerCase()}: it cannot be given the step "${step(s).en}".`,
    }),

  /** 403: submit, withdraw and delete are the owner's (or an admin's). */
  notOwner: (s: ProposalStep, name: string, owner: string) =>
    new UserError(403, 'notProposalOwner', {
      zh: `方案“${name}”由 ${owner} 创建，只有创建人或管理员可以${step(s).zh}。`,
      en: `Proposal "${name}" was created by ${owner}: only they or an administrator may ${step(s).en.toLowerCase()} it.`,
    }),

  /** 403: a reviewer deciding a proposal they created or submitted. */
  ownProposal: (s: ProposalStep, name: string) =>
    new UserError(403, 'ownProposalDecision', {
      zh: `方案“${name}”由您创建或送审，不能由您本人${step(s).zh}；请由其他审核员或管理员审核。`,
      en: `You created or submitted proposal "${name}", so you may not ${step(s).en.toLowerCase()} it yourself: another reviewer or an administrator decides.`,
    }),

  /** 403: the caller's role does not take this step. */
  roleMayNot: (s: ProposalStep) =>
    new UserError(403, 'forbidden', {
      zh: `当前账号的角色不能${step(s).zh}方案。`,
      en: `Your role may not take the step "${step(s).en}".`,
    }),

  /** 400: 退回 without saying why. */
  returnCommentRequired: () =>
    badRequest('returnCommentRequired', {
      zh: '退回方案须填写退回意见，说明需要修改的地方。',
      en: 'Returning a proposal needs a comment saying what to change.',
    }),

  /** 400: registering as a licence without its number. */
  licenceNoRequired: () =>
    badRequest('licenceNoRequired', {
      zh: '登记为矿业权须给出许可证号。',
      en: 'Registering a proposal as a licence needs the licence number.',
    }),

  /**
   * 409: approving a version the check forbids (禁止) as the rules and the register stand at the
   * decision; `titles` are the forbidding findings' titles.
   */
  forbiddenApproval: (name: string, version: number, titles: readonly Bilingual[]) =>
    new UserError(409, 'forbiddenProposalApproval', {
      zh: `方案“${name}”第 ${version} 版的核查结果为“${GLOSSARY.forbidden.zh}”（${titles.map((t) => t.zh).join('；')}），不能同意；请退回。`,
      en: `Version ${version} of proposal "${name}" is ${GLOSSARY.forbidden.en.toLowerCase()} by the check (${titles.map((t) => t.en).join('; ')}): it cannot be approved; return it.`,
    }),

  /**
   * 409: the proposal changed (a save or a step) since the caller read it; names who, when and
   * where it stands now.
   */
  changed: (name: string, base: number, current: { revision: number; status: ProposalStatus; by: string; at: Date | string }) => {
    const at = chinaDateTime(new Date(current.at));
    return new UserError(409, 'versionConflict', {
      zh:
        `方案“${name}”已由 ${current.by} 于 ${at}（北京时间）改动，当前为“${status(current.status).zh}”（第 ${current.revision} 次改动，您看到的是第 ${base} 次）。` +
        '本次操作未执行；请重新加载后再操作。',
      en:
        `Proposal "${name}" was changed by ${current.by} at ${at} (China time) and is now ${status(current.status).en.toLowerCase()} ` +
        `(change ${current.revision}; you saw change ${base}). Nothing was done: reload it and try again.`,
    });
  },
};

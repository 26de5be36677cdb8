import { GLOSSARY, LEDGER_TRANSITIONS, term, type LedgerStatus, type Role } from '@mpm/domain';
import { UserError, badRequest, notFound } from '../../../http/errors.ts';

const zh = (status: LedgerStatus) => `“${term(status, 'zh')}”`;
const en = (status: LedgerStatus) => `"${term(status, 'en')}"`;

const ROLE_TERMS: Record<Exclude<Role, 'public'>, { zh: string; en: string }> = {
  inspector: GLOSSARY.inspector,
  planner: GLOSSARY.planner,
  reviewer: GLOSSARY.reviewer,
  admin: GLOSSARY.adminRole,
};

/** Every refusal of a ledger write, with its status, code and message in both languages. */
export const LEDGER_PROBLEMS = {
  entryNotFound: (id: number) =>
    notFound('ledgerEntryNotFound', { zh: `问题台账中没有编号为 ${id} 的记录。`, en: `There is no ledger entry ${id}.` }),

  final: (id: number, status: LedgerStatus) =>
    new UserError(409, 'entryFinal', {
      zh: `台账记录 ${id} 已${zh(status)}，办理已结束，不能再修改状态或内容（仍可补充备注和照片）。`,
      en: `Ledger entry ${id} is ${en(status)}: its handling is over and its status and details can no longer change (notes and photos can still be added).`,
    }),

  transitionNotAllowed: (from: LedgerStatus, to: LedgerStatus) => {
    const next = LEDGER_TRANSITIONS.filter((step) => step.from === from).map((step) => step.to);
    return new UserError(409, 'transitionNotAllowed', {
      zh:
        `办理流程不允许从${zh(from)}直接变为${zh(to)}。` +
        (next.length ? `当前状态下一步只能是：${next.map(zh).join('、')}。` : '当前状态已是最终状态。'),
      en:
        `The workflow does not go from ${en(from)} to ${en(to)}. ` +
        (next.length ? `From ${en(from)} the next step can only be ${next.map(en).join(' or ')}.` : 'The status is final.'),
    });
  },

  roleMayNot: (from: LedgerStatus, to: LedgerStatus, roles: readonly Role[]) => {
    const allowed = roles.filter((r): r is Exclude<Role, 'public'> => r !== 'public').map((r) => ROLE_TERMS[r]);
    return new UserError(403, 'transitionForbidden', {
      zh: `从${zh(from)}变为${zh(to)}只能由${allowed.map((r) => r.zh).join('或')}办理，当前账号的角色无权办理。`,
      en: `Only ${allowed.map((r) => r.en.toLowerCase()).join(' or ')} accounts may move an entry from ${en(from)} to ${en(to)}; your role may not.`,
    });
  },

  noteRequired: (from: LedgerStatus, to: LedgerStatus) =>
    badRequest('noteRequired', {
      zh: `从${zh(from)}变为${zh(to)}必须填写说明（note），写明理由。`,
      en: `Moving from ${en(from)} to ${en(to)} needs a note (note) giving the reason.`,
    }),

  blankNote: () => badRequest('blankNote', { zh: '备注（note）不能为空白。', en: 'The note (note) must not be blank.' }),

  blankTitle: () => badRequest('blankTitle', { zh: '标题（title）不能为空白。', en: 'The title (title) must not be blank.' }),

  patchNotFound: (patchId: number) =>
    badRequest('patchNotFound', { zh: `卫片图斑 ${patchId}（patchId）不存在。`, en: `There is no change patch ${patchId} (patchId).` }),

  patchHasEntry: (patchId: number, entryId: number) =>
    new UserError(409, 'patchHasEntry', {
      zh: `卫片图斑 ${patchId} 已登记在问题台账第 ${entryId} 号记录中，不能重复登记。`,
      en: `Change patch ${patchId} is already in the ledger as entry ${entryId}; it cannot be entered twice.`,
    }),

  patchSourceMismatch: () =>
    badRequest('patchSourceMismatch', {
      zh: '给出 patchId 时来源（source）必须是 patch（卫片图斑）；来源为 patch 时必须给出 patchId。',
      en: 'With a patchId the source must be "patch" (satellite patch), and a "patch" source needs a patchId.',
    }),
};

import { GLOSSARY, HANDOVER_DEPARTMENTS, LEDGER_TRANSITIONS, ROLE_TERMS, term, type HandoverDepartment, type LedgerStatus, type Role } from '@mpm/domain';
import { UserError, badRequest, notFound } from '../../../http/errors.ts';

const zh = (status: LedgerStatus) => `“${term(status, 'zh')}”`;
const en = (status: LedgerStatus) => `"${term(status, 'en')}"`;


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
    const allowed = roles.filter((r): r is Exclude<Role, 'public'> => r !== 'public').map((r) => GLOSSARY[ROLE_TERMS[r]]);
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

  handoverDepartmentNotListed: (department: string) =>
    badRequest('handoverDepartmentNotListed', {
      zh: `移交部门（department）“${department}”不在可移交部门之列，只能移交${HANDOVER_DEPARTMENTS.map((d) => term(d, 'zh')).join('、')}（${HANDOVER_DEPARTMENTS.join('、')}）。`,
      en: `The hand-over department (department) "${department}" is not on the list; a case can only be handed over to ${HANDOVER_DEPARTMENTS.map((d) => term(d, 'en')).join(', ')} (${HANDOVER_DEPARTMENTS.join(', ')}).`,
    }),

  blankReceivingDepartment: () =>
    badRequest('blankReceivingDepartment', {
      zh: '接收部门名称（receivingDepartment）不能为空白。',
      en: 'The receiving department (receivingDepartment) must not be blank.',
    }),

  dateInFuture: (field: string, date: string, today: string) =>
    badRequest('dateInFuture', {
      zh: `日期 ${field} = ${date} 晚于今天（${today}），不能登记尚未发生的事。`,
      en: `The date ${field} = ${date} is after today (${today}); what has not happened cannot be recorded.`,
    }),

  handoverNotFound: (entryId: number, handoverId: number) =>
    notFound('handoverNotFound', {
      zh: `台账记录 ${entryId} 没有编号为 ${handoverId} 的移交。`,
      en: `Ledger entry ${entryId} has no hand-over ${handoverId}.`,
    }),

  handoverConcluded: (handoverId: number, caseNumber: string | null) =>
    new UserError(409, 'handoverConcluded', {
      zh: `移交 ${handoverId} 已办结（接收案号 ${caseNumber}），结果不能再改。`,
      en: `Hand-over ${handoverId} is already concluded (case number ${caseNumber}); its result cannot change.`,
    }),

  concludedBeforeHandover: (concludedOn: string, handedOverOn: string) =>
    badRequest('concludedBeforeHandover', {
      zh: `办结日期（concludedOn）${concludedOn} 早于移交日期 ${handedOverOn}。`,
      en: `The conclusion date (concludedOn) ${concludedOn} is before the hand-over date ${handedOverOn}.`,
    }),

  blankHandoverResult: (field: 'caseNumber' | 'result') =>
    badRequest('blankHandoverResult', {
      zh: `${field === 'caseNumber' ? '接收案号（caseNumber）' : '办理结果（result）'}不能为空白。`,
      en: `The ${field === 'caseNumber' ? 'receiving case number (caseNumber)' : 'result (result)'} must not be blank.`,
    }),

  handoverOpen: (id: number, departments: HandoverDepartment[]) =>
    new UserError(409, 'handoverOpen', {
      zh: `台账记录 ${id} 移交${departments.map((d) => term(d, 'zh')).join('、')}的案件尚未办结，先登记接收部门的案号和办理结果，才能销号。`,
      en: `Ledger entry ${id} has a hand-over to ${departments.map((d) => term(d, 'en').toLowerCase()).join(', ')} not yet concluded; record the receiving department's case number and result before closing it.`,
    }),
};

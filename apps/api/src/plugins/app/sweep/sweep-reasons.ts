import { GLOSSARY, SWEEP_LEGAL_BASIS, seedBasisText, type SweepProblem } from '@mpm/domain';
import { UserError, badRequest, notFound, type Bilingual } from '../../../http/errors.ts';

/** Every refusal of the sweep's registers and runs, with its status, code and message in both languages. */
export const SWEEP_PROBLEMS_HTTP = {
  /** 400: a 文号 that is blank once trimmed (a listing is a decision with its document). */
  documentNoRequired: (where: Bilingual) =>
    badRequest('documentNoRequired', {
      zh: `${where.zh}缺少文号（列入决定的文件编号），本次未保存。`,
      en: `${where.en} has no document number (of the listing decision); nothing was saved.`,
    }),

  /** 400: a text field blank once trimmed. */
  blankField: (field: Bilingual) =>
    badRequest('blankField', { zh: `“${field.zh}”不能为空，本次未保存。`, en: `"${field.en}" may not be blank; nothing was saved.` }),

  /** 400: a delisting before the listing. */
  delistedBeforeListed: (listedOn: string, delistedOn: string) =>
    badRequest('delistedBeforeListed', {
      zh: `移出日期（${delistedOn}）早于列入日期（${listedOn}），本次未保存。`,
      en: `The delisting day (${delistedOn}) precedes the listing day (${listedOn}); nothing was saved.`,
    }),

  /** 400: a listing dated after today. */
  listedInFuture: (listedOn: string, today: string) =>
    badRequest('listedInFuture', {
      zh: `列入日期 ${listedOn} 晚于今天（${today}，北京时间）；请在决定生效后再登记。`,
      en: `The listing day ${listedOn} is after today (${today}, China time); record it once it takes effect.`,
    }),

  /** 400: a delisting (an exit) without its reason. */
  delistingReasonRequired: () =>
    badRequest('delistingReasonRequired', {
      zh: '填写了移出日期，但没有移出原因；名录的退出须写明原因。本次未保存。',
      en: 'A delisting day is given without its reason; an exit from the list states why. Nothing was saved.',
    }),

  sanctionNotFound: (id: number) =>
    notFound('sanctionNotFound', { zh: `没有编号为 ${id} 的异常名录记录。`, en: `There is no sanction listing ${id}.` }),

  greenMineNotFound: (id: number) =>
    notFound('greenMineNotFound', { zh: `没有编号为 ${id} 的绿色矿山名录记录。`, en: `There is no green-mine listing ${id}.` }),

  /** 400: a green-mine listing of a right that does not exist. */
  miningRightNotFound: (id: number) =>
    badRequest('miningRightNotFound', { zh: `没有编号为 ${id} 的采矿权，本次未保存。`, en: `There is no mining right ${id}; nothing was saved.` }),

  /** 409: a second open listing of one mine (an exit must close the first). */
  greenMineAlreadyListed: (licenceNo: string, otherId: number) =>
    new UserError(409, 'greenMineAlreadyListed', {
      zh: `采矿权 ${licenceNo} 已在绿色矿山名录中（记录 ${otherId}，尚未移出）；请先登记其移出或修改该记录。本次未保存。`,
      en: `Mining right ${licenceNo} is already listed as a green mine (listing ${otherId}, not delisted); record its exit or change that listing. Nothing was saved.`,
    }),

  /** 409: a new right, renewal or change for a holder on the sanction list (seed 004). */
  holderSanctioned: (holder: string, listing: { documentNo: string; listedOn: string }) => {
    const basis = seedBasisText(SWEEP_LEGAL_BASIS.holderSanctioned);
    return new UserError(409, 'holderSanctioned', {
      zh: `禁止：矿业权人“${holder}”已列入${GLOSSARY.sanctionList.zh}（${listing.documentNo}，${listing.listedOn}），不得批准新立、延续或变更。依据：${basis.zh}。本次未保存。`,
      en: `Forbidden: holder "${holder}" is on the sanction list (${listing.documentNo}, ${listing.listedOn}): no new right, renewal or change may be granted. Basis: ${basis.en}. Nothing was saved.`,
    });
  },

  sweepFindingNotFound: (id: number) =>
    notFound('sweepFindingNotFound', { zh: `没有编号为 ${id} 的排查结果。`, en: `There is no sweep finding ${id}.` }),

  /** 409: the right's problem already became a lead (one lead per right and problem). */
  sweepLeadExists: (problem: SweepProblem, licenceNo: string, entryId: number) =>
    new UserError(409, 'sweepLeadExists', {
      zh: `${licenceNo} 的“${GLOSSARY[problem].zh}”已转为台账线索（记录 ${entryId}），不再重复转入。`,
      en: `"${GLOSSARY[problem].en}" of ${licenceNo} is already a ledger lead (entry ${entryId}); it is not made twice.`,
    }),
};

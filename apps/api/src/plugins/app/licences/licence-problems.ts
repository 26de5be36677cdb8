import { GLOSSARY, LICENCE_EVENT_TERMS, term, type Bilingual, type LicenceAct, type RightCollection, type RightStatus } from '@mpm/domain';
import { UserError, badRequest, notFound } from '../../../http/errors.ts';

const act = (a: LicenceAct): Bilingual => GLOSSARY[LICENCE_EVENT_TERMS[a]];
const register = (c: RightCollection): Bilingual => ({ zh: term(c, 'zh'), en: term(c, 'en').replace(/s$/, '').toLowerCase() });
const STATUS: Record<RightStatus, Bilingual> = {
  active: { zh: '正常', en: 'active' },
  suspended: { zh: '停产整顿', en: 'suspended' },
  revoked: { zh: '已注销', en: 'revoked' },
};

/** A right as a user names it in a message: `采矿权 C5104…`, `Mining right C5104…`. */
export const rightLabel = (collection: RightCollection, licenceNo: string): Bilingual => ({
  zh: `${register(collection).zh} ${licenceNo}`,
  en: `${register(collection).en.replace(/^./, (c) => c.toUpperCase())} ${licenceNo}`,
});

/** Every refusal of a licence register write, with its status, code and message in both languages. */
export const LICENCE_PROBLEMS = {
  notFound: (collection: RightCollection, id: number) =>
    notFound('licenceNotFound', { zh: `没有编号为 ${id} 的${register(collection).zh}。`, en: `There is no ${register(collection).en} ${id}.` }),

  /** 409: the number is already some right's. */
  licenceNoTaken: (licenceNo: string) =>
    new UserError(409, 'licenceNoTaken', {
      zh: `许可证号 ${licenceNo} 已登记（采矿权或探矿权），本次未登记；请核对许可证号。`,
      en: `Licence number ${licenceNo} is already registered (as a mining or exploration right); nothing was registered. Check the number.`,
    }),

  /** 400: a validity whose end precedes its start. */
  validityReversed: (from: string, to: string) =>
    badRequest('validityReversed', {
      zh: `有效期止（${to}）早于有效期起（${from}），本次未保存。`,
      en: `The validity ends (${to}) before it starts (${from}); nothing was saved.`,
    }),

  /** 400: a 延续 whose new end is not after the current one. */
  renewalNotLater: (current: string, asked: string) =>
    badRequest('renewalNotLater', {
      zh: `延续后的有效期止（${asked}）须晚于现有效期止（${current}），本次未保存。`,
      en: `A renewal must end later (${asked}) than the current validity (${current}); nothing was saved.`,
    }),

  /** 400: a required field left out. */
  fieldRequired: (field: Bilingual) =>
    badRequest('fieldRequired', { zh: `缺少“${field.zh}”，本次未保存。`, en: `"${field.en}" is required; nothing was saved.` }),

  /** 400: a field given that the act does not take. */
  fieldNotForAct: (a: LicenceAct | 'registered', field: Bilingual) =>
    badRequest('fieldNotForAct', {
      zh: `“${GLOSSARY[a === 'registered' ? 'licenceRegistered' : LICENCE_EVENT_TERMS[a]].zh}”不修改“${field.zh}”；请改用“变更”或“延续”。本次未保存。`,
      en: `"${GLOSSARY[a === 'registered' ? 'licenceRegistered' : LICENCE_EVENT_TERMS[a]].en}" does not set "${field.en}": use a change or a renewal. Nothing was saved.`,
    }),

  /** 400: a 变更 that changes nothing. */
  nothingChanged: () =>
    badRequest('nothingChanged', {
      zh: '变更内容与现登记完全相同，本次未保存；请填写要变更的内容。',
      en: 'The change is the same as what is registered; nothing was saved. Fill in what changes.',
    }),

  /** 400: an act a register does not have (停产整顿 of an exploration right). */
  actNotForRegister: (a: LicenceAct, collection: RightCollection) =>
    badRequest('actNotForRegister', {
      zh: `${register(collection).zh}没有“${act(a).zh}”这一登记事项。`,
      en: `An ${register(collection).en} cannot be ${act(a).en.toLowerCase()}.`,
    }),

  /** 409: an act the right's status does not allow (a revoked right renewed). */
  actNotAllowed: (a: LicenceAct, label: Bilingual, status: RightStatus) =>
    new UserError(409, 'licenceActNotAllowed', {
      zh: `${label.zh}当前为“${STATUS[status].zh}”，不能${act(a).zh}。`,
      en: `${label.en} is ${STATUS[status].en}: it cannot be ${act(a).en.toLowerCase()}.`,
    }),

  /** 400: an act dated after today. */
  effectiveInFuture: (day: string, today: string) =>
    badRequest('effectiveInFuture', {
      zh: `生效日期 ${day} 晚于今天（${today}，北京时间）；请在生效后再登记。`,
      en: `The effective day ${day} is after today (${today}, China time); record the act once it takes effect.`,
    }),

  /** 400: an act dated before the right's latest event (the history is kept in date order). */
  effectiveBeforeLatest: (day: string, latest: string) =>
    badRequest('effectiveBeforeLatest', {
      zh: `生效日期 ${day} 早于该矿业权最近一次登记事项的生效日期（${latest}）；登记事项须按日期先后记录。`,
      en: `The effective day ${day} precedes the right's latest event (${latest}); events are recorded in date order.`,
    }),

  /** 400: neither or both of a drawn boundary and a corner list, where one is needed. */
  boundaryNeeded: () =>
    badRequest('boundaryNeeded', {
      zh: '请提供矿区范围：绘制的范围（geometry）或拐点坐标（cornerList），二者选一。',
      en: 'Give the licence area: a drawn boundary (geometry) or a corner list (cornerList), one of the two.',
    }),

  /** 400: a boundary with a proposal (the proposal's block is the boundary). */
  boundaryFromProposal: () =>
    badRequest('boundaryFromProposal', {
      zh: '由方案登记时，矿区范围取自方案的地块，不能另行提供。',
      en: "Registered from a proposal, the licence area is the proposal's block: give no other boundary.",
    }),

  /** 400: a proposal registered as an exploration right (proposals are mining blocks). */
  proposalIsMining: () =>
    badRequest('proposalIsMining', {
      zh: '方案是采矿地块，只能登记为采矿权。',
      en: 'A proposal is a mining block: it is registered as a mining right.',
    }),

  /** 400: a boundary that shares no area with the county. */
  outsideCounty: () =>
    badRequest('outsideCounty', {
      zh: '矿区范围不在本县境内（与县域没有重叠），本次未保存；请核对坐标和坐标系。',
      en: "The licence area does not lie in the county (it shares no area with it); nothing was saved. Check the coordinates and their CRS.",
    }),
};

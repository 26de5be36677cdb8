import type { Bilingual } from '@mpm/domain';
import { UserError, badRequest, notFound } from '../../../http/errors.ts';

/** A parcel as a user names it in a message: `恢复治理图斑 ZL2020-01`, `Restoration parcel ZL2020-01`. */
export const parcelLabel = (code: string): Bilingual => ({ zh: `恢复治理图斑 ${code}`, en: `Restoration parcel ${code}` });

const list = (codes: readonly string[], lang: 'zh' | 'en') => codes.join(lang === 'zh' ? '、' : ', ');

/** Every refusal of a parcel register write, with its status, code and message in both languages; nothing is saved on any. */
export const PARCEL_PROBLEMS = {
  notFound: (id: number) =>
    notFound('parcelNotFound', { zh: `没有编号为 ${id} 的恢复治理图斑。`, en: `There is no restoration parcel with id ${id}.` }),

  /** 409: a change to a parcel that was split, merged or withdrawn; names what took its place. */
  retired: (code: string, successors: readonly string[]) =>
    new UserError(409, 'parcelRetired', {
      zh: `恢复治理图斑 ${code} 已注销（历史记录），不能再修改${successors.length > 0 ? `；现行图斑为 ${list(successors, 'zh')}` : ''}。本次未保存。`,
      en: `Restoration parcel ${code} is retired (history) and cannot change${successors.length > 0 ? `; it was replaced by ${list(successors, 'en')}` : ''}. Nothing was saved.`,
    }),

  /** 409: a code some parcel, current or retired, already has. */
  codeTaken: (code: string) =>
    new UserError(409, 'parcelCodeTaken', {
      zh: `图斑编号 ${code} 已被使用（编号一经使用，注销后也不再复用），本次未保存；请换一个编号。`,
      en: `Parcel code ${code} is taken (a code is never reused, even after its parcel is retired); nothing was saved. Choose another code.`,
    }),

  /** 400: a text left blank. */
  blank: (field: Bilingual) =>
    badRequest('fieldRequired', { zh: `“${field.zh}”不能为空，本次未保存。`, en: `"${field.en}" cannot be blank; nothing was saved.` }),

  /** 400: neither or both of a drawn boundary and a corner list. */
  boundaryNeeded: () =>
    badRequest('boundaryNeeded', {
      zh: '请提供图斑范围：绘制的范围（geometry）或拐点坐标（cornerList），二者选一。',
      en: 'Give the parcel boundary: a drawn boundary (geometry) or a corner list (cornerList), one of the two.',
    }),

  /** 400: a boundary that shares no area with the county. */
  outsideCounty: () =>
    badRequest('outsideCounty', {
      zh: '图斑范围不在本县境内（与县域没有重叠），本次未保存；请核对坐标和坐标系。',
      en: 'The parcel does not lie in the county (it shares no area with it); nothing was saved. Check the coordinates and their CRS.',
    }),

  /** 400: a township code the county does not have, or a boundary in no township. */
  unknownTownship: (code: string | null) =>
    badRequest('unknownTownship', {
      zh: code ? `乡镇代码“${code}”不存在，本次未保存。` : '图斑范围不在任何乡镇内，无法确定所在乡镇；请给出乡镇代码（townshipCode）。',
      en: code ? `There is no township with code "${code}"; nothing was saved.` : 'The boundary lies in no township; give its township code (townshipCode).',
    }),

  /** 400: a linked mining right that does not exist. */
  unknownMiningRight: (id: number) =>
    badRequest('unknownMiningRight', { zh: `没有编号为 ${id} 的采矿权，本次未保存。`, en: `There is no mining right ${id}; nothing was saved.` }),

  /** 400: a planned year outside the plan period. */
  yearOutsidePlan: (year: number, from: number, to: number) =>
    badRequest('yearOutsidePlan', {
      zh: `计划治理年度 ${year} 不在规划期限 ${from}—${to} 年内，本次未保存。`,
      en: `Planned year ${year} is outside the plan period ${from}–${to}; nothing was saved.`,
    }),

  /** 400: an edit that changes nothing. */
  nothingChanged: () =>
    badRequest('nothingChanged', {
      zh: '修改内容与现有图斑完全相同，本次未保存；请填写要修改的内容。',
      en: 'The edit is the same as the parcel as it stands; nothing was saved. Fill in what changes.',
    }),

  /** 400: a new boundary smaller than the area already recorded as restored. */
  smallerThanDone: (areaMu: number, doneMu: number) =>
    badRequest('smallerThanDone', {
      zh: `新范围面积 ${areaMu} 亩小于该图斑已记录的完成面积 ${doneMu} 亩，本次未保存；请先追加一条说明原因的进展记录。`,
      en: `The new boundary (${areaMu} mu) is smaller than the area already recorded as restored (${doneMu} mu); nothing was saved. Append a progress record with the reason first.`,
    }),

  /** 400: a cutting line that leaves the parcel whole. */
  lineDoesNotCut: (code: string) =>
    badRequest('lineDoesNotCut', {
      zh: `分割线没有把图斑 ${code} 分成两块以上：分割线须从图斑外穿过图斑到图斑外。本次未保存。`,
      en: `The cutting line does not cut parcel ${code} into two or more parts: it must cross the parcel from outside to outside. Nothing was saved.`,
    }),

  /** 400: a part of a split below the smallest parcel area (a sliver from a line along an edge). */
  sliver: (areaM2: number, minM2: number) =>
    badRequest('splitSliver', {
      zh: `分割后有一块只有 ${areaM2.toFixed(2)} 平方米，小于 ${minM2} 平方米；请检查分割线是否贴着边界。本次未保存。`,
      en: `The cut leaves a part of ${areaM2.toFixed(2)} m², below ${minM2} m²; check whether the line runs along the boundary. Nothing was saved.`,
    }),

  /** 400: more or fewer codes than the cut makes parts, or too many parts. */
  partCount: (parts: number, codes: number | null, max: number) =>
    badRequest('splitPartCount', {
      zh: codes === null ? `分割后有 ${parts} 块，超过一次最多 ${max} 块。本次未保存。` : `分割后有 ${parts} 块，但给出了 ${codes} 个编号。本次未保存。`,
      en: codes === null ? `The cut makes ${parts} parts, more than ${max} at once. Nothing was saved.` : `The cut makes ${parts} parts but ${codes} codes were given. Nothing was saved.`,
    }),

  /** 400: the parts of a split or merge do not keep the area (should not happen: the shapes share their edges). */
  areaNotKept: (beforeM2: number, afterM2: number) =>
    badRequest('areaNotKept', {
      zh: `操作前后面积不一致（${beforeM2.toFixed(2)} 与 ${afterM2.toFixed(2)} 平方米），本次未保存。`,
      en: `The area is not kept (${beforeM2.toFixed(2)} against ${afterM2.toFixed(2)} m²); nothing was saved.`,
    }),

  /** 400: a parcel named twice in a merge. */
  mergeRepeats: (id: number) =>
    badRequest('mergeRepeats', { zh: `图斑 ${id} 在合并列表中出现了两次。`, en: `Parcel ${id} is listed twice in the merge.` }),

  /** 400: parcels that differ in what a merged parcel must have one of. */
  mergeDiffers: (field: Bilingual, values: readonly string[]) =>
    badRequest('mergeDiffers', {
      zh: `要合并的图斑“${field.zh}”不同（${list(values, 'zh')}），只能合并同一${field.zh}的图斑。本次未保存。`,
      en: `The parcels to merge differ in ${field.en.toLowerCase()} (${list(values, 'en')}); only parcels with one ${field.en.toLowerCase()} merge. Nothing was saved.`,
    }),

  /** 400: parcels that do not form one piece. */
  notAdjacent: (codes: readonly string[]) =>
    badRequest('parcelsNotAdjacent', {
      zh: `图斑 ${list(codes, 'zh')} 不相邻（合并后不是一整块），本次未保存；只能合并共用边界的图斑。`,
      en: `Parcels ${list(codes, 'en')} are not adjacent (together they are not one piece); nothing was saved. Only parcels sharing a boundary merge.`,
    }),

  /** 400: parcels that overlap (their areas would be counted twice). */
  overlap: (codes: readonly string[], overlapM2: number) =>
    badRequest('parcelsOverlap', {
      zh: `图斑 ${list(codes, 'zh')} 相互重叠 ${overlapM2.toFixed(2)} 平方米，合并会改变面积；请先修改边界。本次未保存。`,
      en: `Parcels ${list(codes, 'en')} overlap by ${overlapM2.toFixed(2)} m², so a merge would change the area; edit their boundaries first. Nothing was saved.`,
    }),
};

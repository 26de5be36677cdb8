import { ELEVATION_BOUNDS_M, GLOSSARY } from '@mpm/domain';
import { UserError, badRequest, notFound } from '../../../http/errors.ts';

const FIELD = {
  elevationTopM: GLOSSARY.elevationTopM,
  elevationBottomM: GLOSSARY.elevationBottomM,
} as const;

/** Every refusal of a licensed elevation range or an elevation survey, in both languages. */
export const DEPTH_PROBLEMS = {
  /** 400: an elevation that is no number, or beyond what any mine can lie at; `where` names the field or point. */
  elevationImplausible: (where: { zh: string; en: string }, value: unknown) =>
    badRequest('elevationImplausible', {
      zh: `${where.zh} ${String(value)} 米不是有效标高（须为 ${ELEVATION_BOUNDS_M.min} 至 ${ELEVATION_BOUNDS_M.max} 米之间的数），本次未保存。`,
      en: `${where.en}: ${String(value)} m is not a valid elevation (a number from ${ELEVATION_BOUNDS_M.min} to ${ELEVATION_BOUNDS_M.max} m); nothing was saved.`,
    }),

  /** 400: a licensed range whose floor lies above its top. */
  elevationRangeReversed: (topM: number, bottomM: number) =>
    badRequest('elevationRangeReversed', {
      zh: `开采标高下限（${bottomM} 米）高于上限（${topM} 米），标高范围上下颠倒，本次未保存。`,
      en: `The licensed floor (${bottomM} m) lies above the top (${topM} m): the range is upside down. Nothing was saved.`,
    }),

  /** 404: no mining right with this id. */
  rightNotFound: (id: number) =>
    notFound('surveyRightNotFound', {
      zh: `没有编号为 ${id} 的采矿权，标高实测未保存。`,
      en: `There is no mining right ${id}; the elevation survey was not saved.`,
    }),

  /** 409: the right has no licensed range to measure against. */
  noLicensedRange: (licenceNo: string) =>
    new UserError(409, 'noLicensedRange', {
      zh: `采矿权 ${licenceNo} 未登记开采标高，无法判断是否超层越界；请先以“变更”登记开采标高。本次未保存。`,
      en: `Mining right ${licenceNo} has no licensed elevation range, so depth cannot be judged; record the range with a change first. Nothing was saved.`,
    }),

  /** 400: a survey with no point, or too many. */
  surveyPointCount: (count: number, max: number) =>
    badRequest('surveyPointCount', {
      zh: `标高实测须有 1 至 ${max} 个测点，收到 ${count} 个，本次未保存。`,
      en: `A survey lists 1 to ${max} points; ${count} were given. Nothing was saved.`,
    }),

  /** 400: a point whose coordinates are not lon/lat degrees. */
  pointNotLonLat: (index: number) =>
    badRequest('surveyPointNotLonLat', {
      zh: `第 ${index + 1} 个测点的坐标不是经纬度（CGCS2000 度），本次未保存。`,
      en: `Point ${index + 1}'s coordinates are not longitude/latitude degrees (CGCS2000); nothing was saved.`,
    }),

  /** 400: points outside the right's boundary, named by number. */
  pointsOutsideRight: (indexes: number[], licenceNo: string) =>
    badRequest('surveyPointOutsideRight', {
      zh: `第 ${indexes.map((i) => i + 1).join('、')} 个测点不在采矿权 ${licenceNo} 的矿区范围内，本次未保存；越出平面范围的开采请作为越界线索另行登记。`,
      en: `Point${indexes.length > 1 ? 's' : ''} ${indexes.map((i) => i + 1).join(', ')} lie${indexes.length > 1 ? '' : 's'} outside mining right ${licenceNo}'s boundary; nothing was saved. Record mining outside the boundary as its own lead.`,
    }),

  /** 400: a measuring day after today. */
  measuredInFuture: (day: string, today: string) =>
    badRequest('surveyInFuture', {
      zh: `测量日期 ${day} 晚于今天（${today}），本次未保存。`,
      en: `The survey day ${day} is after today (${today}); nothing was saved.`,
    }),

  /** 404: no survey with this id. */
  surveyNotFound: (id: number) =>
    notFound('surveyNotFound', { zh: `没有编号为 ${id} 的标高实测。`, en: `There is no elevation survey ${id}.` }),

  /** 409: a survey within the range makes no lead. */
  surveyWithinRange: (id: number) =>
    new UserError(409, 'surveyWithinRange', {
      zh: `标高实测 ${id} 未发现超层越界，不转为线索。`,
      en: `Elevation survey ${id} found no mining beyond the licensed range; it makes no lead.`,
    }),

  /** 409: the survey's lead exists. */
  surveyHasLead: (id: number, entryId: number) =>
    new UserError(409, 'surveyHasLead', {
      zh: `标高实测 ${id} 已转为台账记录 ${entryId}，不再重复。`,
      en: `Elevation survey ${id} already became ledger entry ${entryId}; it is not made twice.`,
    }),
};

export const elevationField = (key: keyof typeof FIELD) => FIELD[key];

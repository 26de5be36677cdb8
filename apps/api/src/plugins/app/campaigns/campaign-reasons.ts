import { term, type ReportKind } from '@mpm/domain';
import { UserError, badRequest, notFound } from '../../../http/errors.ts';

/** Every refusal of a campaign write, with its status, code and message in both languages. */
export const CAMPAIGN_PROBLEMS = {
  campaignNotFound: (id: number) => notFound('campaignNotFound', { zh: `没有编号为 ${id} 的专项行动。`, en: `There is no campaign ${id}.` }),

  taskNotFound: (id: number) => notFound('campaignTaskNotFound', { zh: `没有编号为 ${id} 的工作任务。`, en: `There is no campaign task ${id}.` }),

  phaseNotInCampaign: (phaseId: number, campaignId: number) =>
    badRequest('phaseNotInCampaign', {
      zh: `阶段 ${phaseId}（phaseId）不属于专项行动 ${campaignId}。`,
      en: `Phase ${phaseId} (phaseId) is not a phase of campaign ${campaignId}.`,
    }),

  deadlineBeforePhase: (deadline: string, phase: { name: string; startsOn: string }) =>
    badRequest('taskDeadlineBeforePhase', {
      zh: `完成时限（deadline）${deadline} 早于所属阶段“${phase.name}”的开始日期 ${phase.startsOn}，任务不可能在该阶段内完成。`,
      en: `The deadline (deadline) ${deadline} is before its phase "${phase.name}" starts on ${phase.startsOn}; the task could not be done within its phase.`,
    }),

  blankTitle: () => badRequest('blankTitle', { zh: '任务名称（title）不能为空白。', en: 'The task title (title) must not be blank.' }),

  blankUnit: () =>
    badRequest('blankResponsibleUnit', {
      zh: '责任单位（responsibleUnits）不能有空白项。',
      en: 'No responsible unit (responsibleUnits) may be blank.',
    }),

  reportNotExpected: (kind: ReportKind, period: string) =>
    badRequest('reportNotExpected', {
      zh: `该专项行动没有要求报送期次为 ${period} 的${term(kind, 'zh')}（period 应如 2020-06、2020-H1、2020 或 plan，且在行动期内）。`,
      en: `The campaign asks for no ${term(kind, 'en').toLowerCase()} for period ${period} (period is like 2020-06, 2020-H1, 2020 or plan, within the campaign).`,
    }),

  reportAlreadySubmitted: (kind: ReportKind, period: string) =>
    new UserError(409, 'reportAlreadySubmitted', {
      zh: `${period} 的${term(kind, 'zh')}已登记为已报送。`,
      en: `The ${term(kind, 'en').toLowerCase()} for ${period} is already recorded as submitted.`,
    }),

};

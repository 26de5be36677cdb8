import type { TargetStep } from '@mpm/contracts';
import { badRequest } from '../../../http/errors.ts';

/**
 * A staged target's steps as they may be kept: years ascending, each year once, at most one step
 * without a year (due by the end of the plan) and that one last; a source that is not blank.
 * Throws a 400 naming the step (1-based) and what is wrong; nothing is written.
 */
export function checkedTargetSteps(field: string, steps: readonly TargetStep[]): TargetStep[] {
  const kept = steps.map((step) => ({ ...step, source: step.source.trim() }));
  kept.forEach((step, i) => {
    const n = i + 1;
    if (step.source === '') {
      throw badRequest('targetStepSourceEmpty', {
        zh: `${field} 第 ${n} 步没有出处：请写明文件及其原文。本次未保存。`,
        en: `${field}, step ${n}: give its source (the document and its words). Nothing was saved.`,
      });
    }
    const previous = kept[i - 1];
    if (!previous) return;
    if (previous.year === undefined || (step.year !== undefined && step.year <= previous.year)) {
      throw badRequest('targetStepsOutOfOrder', {
        zh: `${field} 第 ${n} 步（${step.year ?? '规划期末'}年）不晚于第 ${i} 步（${previous.year ?? '规划期末'}年）：各步年份须逐步递增、不重复，未写年份的一步（规划期末）只能放在最后。本次未保存。`,
        en: `${field}, step ${n} (${step.year ?? 'end of plan'}) is not after step ${i} (${previous.year ?? 'end of plan'}): years go up, each once, and a step without a year (the end of the plan) comes last. Nothing was saved.`,
      });
    }
  });
  return kept;
}

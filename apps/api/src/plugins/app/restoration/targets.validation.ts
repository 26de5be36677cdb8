import type { RestorationPeriod, RestorationTargetsBody } from '@mpm/contracts';
import { invalid, term, type MineCategory } from '@mpm/domain';
import { groupKey } from './restoration-summary.ts';
import {
  PERIOD_BACKWARDS,
  PERIOD_MISSING,
  TARGETS_OVERLAP,
  TOTAL_SPLITS_GROUP,
  YEARS_BACKWARDS,
  YEAR_OUTSIDE_PLAN,
  type RestorationProblem as Problem,
} from './restoration-reasons.ts';

const categoryList = (categories: readonly MineCategory[], lang: 'zh' | 'en') =>
  categories.map((c) => term(c, lang)).join(lang === 'zh' ? '、' : ', ');

/**
 * The first problem with targets and stated totals under `period`, or null when they can be
 * stored: every year inside the plan, stated totals running forward, no two targets of one year
 * sharing a category (their sum would count it twice), and no stated total splitting a target's
 * category group (its sum of parts could not be computed).
 */
export function validateTargets(body: RestorationTargetsBody, period: RestorationPeriod | null): Problem | null {
  const { targets, statedTotals } = body;
  if (period && period.toYear < period.fromYear) {
    return invalid(PERIOD_BACKWARDS, {
      zh: `规划期限 ${period.fromYear}—${period.toYear} 年的起止年份颠倒。`,
      en: `The plan period ${period.fromYear}–${period.toYear} runs backwards.`,
    });
  }
  if (!period) {
    if (targets.length === 0 && statedTotals.length === 0) return null;
    return invalid(PERIOD_MISSING, {
      zh: '请先给出规划期限（period），目标年份须在其中。',
      en: 'Give the plan period (period) first: every target year must lie inside it.',
    });
  }
  const outside = (year: number) => year < period.fromYear || year > period.toYear;
  const outsideMessage = (where: { zh: string; en: string }, year: number): Problem => (invalid(YEAR_OUTSIDE_PLAN, {
    zh: `${where.zh}的年份 ${year} 不在规划期限 ${period.fromYear}—${period.toYear} 年内。`,
    en: `${where.en}: year ${year} is outside the plan period ${period.fromYear}–${period.toYear}.`,
  }));

  for (const [i, target] of targets.entries()) {
    if (outside(target.year)) return outsideMessage({ zh: `第 ${i + 1} 条目标`, en: `Target ${i + 1}` }, target.year);
    for (const [j, other] of targets.slice(0, i).entries()) {
      const shared = target.categories.filter((c) => other.year === target.year && other.categories.includes(c));
      if (shared.length > 0) {
        return invalid(TARGETS_OVERLAP, {
          zh: `第 ${j + 1} 条与第 ${i + 1} 条目标同为 ${target.year} 年且都含“${categoryList(shared, 'zh')}”。`,
          en: `Targets ${j + 1} and ${i + 1} are both for ${target.year} and both include ${categoryList(shared, 'en')}.`,
        });
      }
    }
  }

  for (const [i, total] of statedTotals.entries()) {
    const where = { zh: `第 ${i + 1} 条文件合计（${total.label.zh}）`, en: `Stated total ${i + 1} (${total.label.en})` };
    if (total.toYear < total.fromYear) {
      return invalid(YEARS_BACKWARDS, {
        zh: `${where.zh}的起止年份 ${total.fromYear}—${total.toYear} 颠倒。`,
        en: `${where.en}: years ${total.fromYear}–${total.toYear} run backwards.`,
      });
    }
    if (outside(total.fromYear)) return outsideMessage(where, total.fromYear);
    if (outside(total.toYear)) return outsideMessage(where, total.toYear);
    const split = targets.find(
      (t) =>
        t.year >= total.fromYear &&
        t.year <= total.toYear &&
        t.categories.some((c) => total.categories.includes(c)) &&
        !t.categories.every((c) => total.categories.includes(c)),
    );
    if (split) {
      return invalid(TOTAL_SPLITS_GROUP, {
        zh: `${where.zh}只含 ${split.year} 年目标“${categoryList(split.categories, 'zh')}”中的一部分，无法求分项之和。`,
        en: `${where.en} covers only part of the ${split.year} target for ${groupKey(split.categories)}; its sum of parts cannot be computed.`,
      });
    }
  }
  return null;
}

import type { ProgressRecordBody } from '@mpm/contracts';
import { RESTORATION_STATUSES, term } from '@mpm/domain';
import type { Problem } from './targets.validation.ts';
import type { ParcelProgressHead } from './restoration-repository.ts';

/** Why a progress record is refused; each is also the `code` of the 400 answer. */
export const DATE_IN_FUTURE = 'date_in_future';
export const DATE_BEFORE_PREVIOUS = 'date_before_previous';
export const MORE_THAN_PARCEL = 'more_than_parcel';
export const GOING_BACK_WITHOUT_REASON = 'going_back_without_reason';

/** How far `doneMu` may exceed the parcel's area (rounding of the two figures), in mu. */
export const AREA_TOLERANCE_MU = 0.01;

const rank = (status: ProgressRecordBody['status']) => RESTORATION_STATUSES.indexOf(status);

/**
 * The first problem with appending `record` to a parcel whose area and latest record are `head`,
 * on `today` (`YYYY-MM-DD`), or null when it may be appended: not in the future, not before the
 * latest record, no more area than the parcel has, and going back (a lower status, or less area
 * done) only with a reason.
 */
export function validateProgress(record: ProgressRecordBody, head: ParcelProgressHead, today: string): Problem | null {
  if (record.recordedOn > today) {
    return {
      reason: DATE_IN_FUTURE,
      message: {
        zh: `记录日期 ${record.recordedOn} 晚于今天（${today}）。`,
        en: `The record's date ${record.recordedOn} is after today (${today}).`,
      },
    };
  }
  const { latest, areaMu } = head;
  if (latest && record.recordedOn < latest.recordedOn) {
    return {
      reason: DATE_BEFORE_PREVIOUS,
      message: {
        zh: `记录日期 ${record.recordedOn} 早于该图斑上一条记录（${latest.recordedOn}）；进展记录只能按日期先后追加。`,
        en: `The record's date ${record.recordedOn} is before the parcel's previous record (${latest.recordedOn}); records are added in date order.`,
      },
    };
  }
  if (record.doneMu > areaMu + AREA_TOLERANCE_MU) {
    return {
      reason: MORE_THAN_PARCEL,
      message: {
        zh: `完成面积 ${record.doneMu} 亩超过图斑面积 ${areaMu} 亩。`,
        en: `Area done ${record.doneMu} mu is more than the parcel's area of ${areaMu} mu.`,
      },
    };
  }
  const previousStatus = latest?.status ?? 'planned';
  const previousDone = latest?.doneMu ?? 0;
  if (!record.reason && rank(record.status) < rank(previousStatus)) {
    return {
      reason: GOING_BACK_WITHOUT_REASON,
      message: {
        zh: `状态从“${term(previousStatus, 'zh')}”退回“${term(record.status, 'zh')}”须说明原因（reason）。`,
        en: `Going back from ${term(previousStatus, 'en')} to ${term(record.status, 'en')} needs a reason.`,
      },
    };
  }
  if (!record.reason && record.doneMu < previousDone) {
    return {
      reason: GOING_BACK_WITHOUT_REASON,
      message: {
        zh: `完成面积从 ${previousDone} 亩减少到 ${record.doneMu} 亩须说明原因（reason）。`,
        en: `Area done going down from ${previousDone} mu to ${record.doneMu} mu needs a reason.`,
      },
    };
  }
  return null;
}

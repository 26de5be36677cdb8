import type { ProgressRecordBody } from '@mpm/contracts';
import { RESTORATION_STATUSES, invalid, term } from '@mpm/domain';
import type { ParcelProgressHead } from './restoration-repository.ts';
import {
  DATE_BEFORE_PREVIOUS,
  DATE_IN_FUTURE,
  GOING_BACK_WITHOUT_REASON,
  MORE_THAN_PARCEL,
  type RestorationProblem as Problem,
} from './restoration-reasons.ts';

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
    return invalid(DATE_IN_FUTURE, {
      zh: `记录日期 ${record.recordedOn} 晚于今天（${today}）。`,
      en: `The record's date ${record.recordedOn} is after today (${today}).`,
    });
  }
  const { latest, areaMu } = head;
  if (latest && record.recordedOn < latest.recordedOn) {
    return invalid(DATE_BEFORE_PREVIOUS, {
      zh: `记录日期 ${record.recordedOn} 早于该图斑上一条记录（${latest.recordedOn}）；进展记录只能按日期先后追加。`,
      en: `The record's date ${record.recordedOn} is before the parcel's previous record (${latest.recordedOn}); records are added in date order.`,
    });
  }
  if (record.doneMu > areaMu + AREA_TOLERANCE_MU) {
    return invalid(MORE_THAN_PARCEL, {
      zh: `完成面积 ${record.doneMu} 亩超过图斑面积 ${areaMu} 亩。`,
      en: `Area done ${record.doneMu} mu is more than the parcel's area of ${areaMu} mu.`,
    });
  }
  const previousStatus = latest?.status ?? 'planned';
  const previousDone = latest?.doneMu ?? 0;
  if (!record.reason && rank(record.status) < rank(previousStatus)) {
    return invalid(GOING_BACK_WITHOUT_REASON, {
      zh: `状态从“${term(previousStatus, 'zh')}”退回“${term(record.status, 'zh')}”须说明原因（reason）。`,
      en: `Going back from ${term(previousStatus, 'en')} to ${term(record.status, 'en')} needs a reason.`,
    });
  }
  if (!record.reason && record.doneMu < previousDone) {
    return invalid(GOING_BACK_WITHOUT_REASON, {
      zh: `完成面积从 ${previousDone} 亩减少到 ${record.doneMu} 亩须说明原因（reason）。`,
      en: `Area done going down from ${previousDone} mu to ${record.doneMu} mu needs a reason.`,
    });
  }
  return null;
}

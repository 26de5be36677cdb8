import type { RestorationStatus } from '@mpm/domain';

/** A parcel as it was described before progress records: one status and a completion date. */
export interface LegacyParcelState {
  plannedYear: number;
  status: RestorationStatus;
  /** `YYYY-MM-DD`, or null when not completed (or not known). */
  completedOn: string | null;
  /** The parcel's area in mu (ellipsoidal). */
  areaMu: number;
  /** Used as the completion date of a completed parcel that has none (the date its row last changed). */
  fallbackDate: string;
}

/** A progress record derived from a {@link LegacyParcelState}. */
export interface DerivedRecord {
  recordedOn: string;
  status: RestorationStatus;
  doneMu: number;
  note: string;
}

const START_NOTE = '推定：开工日期取计划年度 1 月 1 日（原数据只有状态与完成日期）';
const DONE_NOTE = '推定：按原数据的状态与完成日期，完成面积取图斑全部面积';

/**
 * The progress records that stand for a parcel's old single status, derived as honestly as the
 * data allows, and saying so in each note:
 * - `planned`: no record (a parcel without records is planned);
 * - from `underWay` on: an `underWay` record with nothing done on 1 January of the planned year
 *   (the data has no start date), or on the completion date when that comes first;
 * - `completed` / `accepted`: a record of that status on the completion date with the whole area
 *   done (the data has one date, so completion and acceptance fall on the same day).
 */
export function legacyProgress(parcel: LegacyParcelState): DerivedRecord[] {
  if (parcel.status === 'planned') return [];
  const done = parcel.status === 'completed' || parcel.status === 'accepted';
  const completedOn = done ? (parcel.completedOn ?? parcel.fallbackDate) : null;
  const yearStart = `${String(parcel.plannedYear).padStart(4, '0')}-01-01`;
  const startedOn = completedOn !== null && completedOn < yearStart ? completedOn : yearStart;
  const records: DerivedRecord[] = [{ recordedOn: startedOn, status: 'underWay', doneMu: 0, note: START_NOTE }];
  if (completedOn !== null) {
    records.push({ recordedOn: completedOn, status: parcel.status, doneMu: parcel.areaMu, note: DONE_NOTE });
  }
  return records;
}

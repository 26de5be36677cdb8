import { RESTORATION_STATUSES, apportionMu, type RestorationStatus } from '@mpm/domain';
import type { CarriedRecord, CarriedRecordSource } from './parcels-repository.ts';

const rank = (status: RestorationStatus) => RESTORATION_STATUSES.indexOf(status);

/**
 * The progress records each part of a split gets: every record of the parent, on its day and with
 * its status, the area done shared among the parts by their areas (so the parts' figures add up
 * to the parent's on every day: the summary and the reports, as of any day, stay the same).
 * Where on the ground the parent's restored area lay is not recorded, hence the share by area;
 * a part whose real figure differs gets a new record. Pure.
 */
export function splitRecords(records: readonly CarriedRecordSource[], partAreasM2: readonly number[], parentCode: string): CarriedRecord[][] {
  const total = partAreasM2.reduce((s, a) => s + a, 0);
  const shares = records.map((record) => apportionMu(record.doneMu, partAreasM2));
  return partAreasM2.map((area, part) =>
    records.map((record, i) => ({
      recordedOn: record.recordedOn,
      status: record.status,
      doneMu: shares[i][part],
      note: `由图斑 ${parentCode} 拆分结转（按面积 ${((area / total) * 100).toFixed(1)}%）${record.note ? `：${record.note}` : ''}`,
      reason: record.reason,
      photoId: record.photoId,
      carriedFrom: [record.id],
    })),
  );
}

/**
 * The status of a merged parcel from its parents': theirs when they agree; otherwise the least
 * advanced, except that a parcel partly restored is under way rather than planned.
 */
export function mergedStatus(statuses: readonly RestorationStatus[], doneMu: number): RestorationStatus {
  const lowest = statuses.reduce((low, s) => (rank(s) < rank(low) ? s : low), statuses[0]);
  if (lowest === 'planned' && (doneMu > 0 || statuses.some((s) => s !== 'planned'))) return 'underWay';
  return lowest;
}

/**
 * The progress records a merged parcel gets: one on each day any parent has a record, standing
 * for all the parents as they were that day — the area done added up (at most the merged area),
 * the status by {@link mergedStatus} — so the figures, as of any day, are the parents' together.
 * `records` are the parents' records oldest first; `codes` their codes by parcel id. Pure.
 */
export function mergedRecords(records: readonly CarriedRecordSource[], codes: ReadonlyMap<number, string>, areaMu: number): CarriedRecord[] {
  const latest = new Map<number, CarriedRecordSource>();
  const carried: CarriedRecord[] = [];
  const days = [...new Set(records.map((r) => r.recordedOn))];
  for (const day of days) {
    const today = records.filter((r) => r.recordedOn === day);
    for (const record of today) latest.set(record.parcelId, record);
    const standing = [...codes.keys()].map((id) => latest.get(id));
    const doneCents = standing.reduce((s, r) => s + Math.round((r?.doneMu ?? 0) * 100), 0);
    const doneMu = Math.min(doneCents / 100, areaMu);
    const reasons = today.map((r) => r.reason).filter((r): r is string => r !== null);
    carried.push({
      recordedOn: day,
      status: mergedStatus(standing.map((r) => r?.status ?? 'planned'), doneMu),
      doneMu,
      note: `由图斑 ${[...codes.values()].join('、')} 合并结转：${today.map((r) => `${codes.get(r.parcelId)} ${r.note ?? ''}`.trim()).join('；')}`,
      reason: reasons.length > 0 ? reasons.join('；') : null,
      photoId: [...today].reverse().find((r) => r.photoId !== null)?.photoId ?? null,
      carriedFrom: standing.filter((r): r is CarriedRecordSource => r !== undefined).map((r) => r.id),
    });
  }
  return carried;
}

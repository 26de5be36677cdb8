import type { Knex } from 'knex';
import type { ParcelDetail, ParcelEventView } from '@mpm/contracts';
import type { Repositories } from '../repositories.plugin.ts';
import { PARCEL_COLUMNS, type ParcelEventRow } from './parcels-repository.ts';

/** The fields an event may change, with the lineage and lifecycle columns (attributes keyed by column). */
const TRACKED: [string, string][] = [...Object.entries(PARCEL_COLUMNS), ['lifecycle', 'lifecycle']];

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** What each event changed against the one before: field by field, the boundary as `geometry` (its versions). */
function changesOf(events: ParcelEventRow[], codes: Map<number, string>): ParcelEventView[] {
  return events.map((event, i) => {
    const previous = events[i - 1];
    const changes: ParcelEventView['changes'] = TRACKED.map(([field, column]) => ({
      field,
      before: previous ? (previous.attributes[column] ?? null) : null,
      after: event.attributes[column] ?? null,
    })).filter(({ before, after }) => !sameValue(before, after));
    if (previous && previous.geometryVersion !== event.geometryVersion) {
      changes.push({ field: 'geometry', before: previous.geometryVersion, after: event.geometryVersion });
    }
    const { attributes: _a, recordedAt, relatedIds, ...view } = event;
    const related = (relatedIds ?? []).map((id) => ({ id: Number(id), code: codes.get(Number(id)) ?? String(id) }));
    return { ...view, recordedAt: new Date(recordedAt).toISOString(), related, changes };
  });
}

/**
 * A parcel as the register shows it, current or retired: its attributes and boundary, status today,
 * version, the parcels it came from and those that took its place, and its events with what each
 * changed. Undefined when there is no such parcel. `db`: the database, or a write's transaction.
 */
export async function parcelDetail(repos: Pick<Repositories, 'parcels'>, id: number, db?: Knex): Promise<ParcelDetail | undefined> {
  const { parcels } = repos;
  const parcel = await parcels.get(id, db);
  if (!parcel) return undefined;
  const events = await parcels.events(id, db);
  const successorIds = await parcels.successorIds(id, db);
  const relatedIds = events.flatMap((e) => (e.relatedIds ?? []).map(Number));
  const codes = await parcels.codes([...new Set([...relatedIds, ...parcel.parentIds, ...successorIds])], db);
  const ref = (other: number) => ({ id: other, code: codes.get(other) ?? String(other) });
  return {
    id,
    properties: parcel.properties,
    geometry: parcel.geometry,
    areaM2: parcel.areaM2,
    areaMu: parcel.areaMu,
    lifecycle: parcel.lifecycle,
    status: parcel.status,
    version: parcel.version,
    parents: parcel.parentIds.map(ref),
    successors: successorIds.map(ref),
    events: changesOf(events, codes),
  };
}

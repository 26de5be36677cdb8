import type { Knex } from 'knex';
import type { LicenceDetail, LicenceEventView } from '@mpm/contracts';
import { openLicenceActs, type RightCollection, type RightStatus } from '@mpm/domain';
import type { Repositories } from '../repositories.plugin.ts';
import { chinaToday } from '../reports/china-time.ts';
import { attributeOf, rightFields, type EventRow } from './licences-repository.ts';

/** What reading a right needs: the database (or the write's transaction) and the day asked. */
export interface DetailContext {
  knex: Knex;
  repos: Pick<Repositories, 'licences' | 'inspection'>;
  now: Date;
}

/** What each event changed against the one before: field by field, the boundary as `geometry`. */
function changesOf(collection: RightCollection, events: EventRow[]): LicenceEventView[] {
  const keys = rightFields(collection).map((field) => field.key);
  return events.map((event, i) => {
    const previous = events[i - 1];
    const changes: LicenceEventView['changes'] = keys
      .map((field) => ({ field, before: previous ? attributeOf(previous.attributes, field) : null, after: attributeOf(event.attributes, field) }))
      .filter(({ before, after }) => String(before) !== String(after));
    if (previous && previous.geometryVersion !== event.geometryVersion) {
      changes.push({ field: 'geometry', before: previous.geometryVersion, after: event.geometryVersion });
    }
    const { attributes: _a, geometry: _g, areaM2: _m, recordedAt, ...view } = event;
    return { ...view, recordedAt: new Date(recordedAt).toISOString(), changes };
  });
}

/**
 * A right as the register shows it: its fields and boundary as they stand, its state today
 * (China time), its version, the acts open to it, its events with what each changed, and every
 * boundary it has had. Undefined when there is no such right.
 */
export async function licenceDetail(context: DetailContext, collection: RightCollection, id: number): Promise<LicenceDetail | undefined> {
  const { licences, inspection } = context.repos;
  const { expiringWithinDays } = await inspection.settings.get(context.knex);
  const right = await licences.read(collection, id, chinaToday(context.now), expiringWithinDays, context.knex);
  if (!right) return undefined;
  const events = await licences.events(collection, id, context.knex);
  const boundaries = events
    .filter((event, i) => i === 0 || events[i - 1].geometryVersion !== event.geometryVersion)
    .map(({ geometryVersion, effectiveOn, geometry, areaM2 }) => ({ geometryVersion, effectiveOn, geometry, areaM2 }));
  return {
    collection,
    id,
    properties: right.properties,
    geometry: right.geometry,
    areaM2: right.areaM2,
    state: right.state as LicenceDetail['state'],
    version: right.version,
    openActs: openLicenceActs(collection, right.properties.rightStatus as RightStatus),
    events: changesOf(collection, events),
    boundaries,
  };
}

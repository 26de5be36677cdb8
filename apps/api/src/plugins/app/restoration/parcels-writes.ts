import type { Knex } from 'knex';
import type { AddParcelBody, EditParcelBody, MergeParcelsBody, ParcelDetail, RetireParcelBody, SplitParcelBody, SplitParcelResponse } from '@mpm/contracts';
import { GLOSSARY, PARCEL_SPLIT_MAX_PARTS, type TermKey } from '@mpm/domain';
import { badRequest } from '../../../http/errors.ts';
import { auditedWrite, versionConflict } from '../audit/audited-write.ts';
import type { User } from '../auth/users-repository.ts';
import { registerBoundary } from '../checks/register-boundary.ts';
import { validateNearCounty } from '../checks/near-county.validation.ts';
import type { Repositories } from '../repositories.plugin.ts';
import { validateCuttingLine } from './cutting-line.validation.ts';
import { parcelDetail } from './parcel-detail.ts';
import { mergedRecords, splitRecords } from './parcel-lineage.ts';
import { PARCEL_PROBLEMS as P, parcelLabel } from './parcel-problems.ts';
import { PARCEL_COLUMNS, type StoredParcel } from './parcels-repository.ts';

/** What a parcel register write needs from the app. */
export interface ParcelsContext {
  knex: Knex;
  repos: Pick<Repositories, 'parcels' | 'restoration' | 'checks' | 'audit'>;
}

/** The smallest part a split may leave, in m² (anything smaller is a line run along an edge, not a parcel). */
export const MIN_PART_M2 = 1;

/**
 * How far the parts' areas may differ from the whole, in m²: a cut adds vertices on the parent's
 * edges on the straight line in lon/lat, not on the geodesic the ellipsoidal area follows, which
 * moves the area by about 1e-7 of it; far below the 0.01 mu (6.7 m²) figures are given to.
 */
const areaTolerance = (areaM2: number) => Math.max(0.01, areaM2 * 1e-6);

type Attributes = Partial<Pick<AddParcelBody, 'code' | 'name' | 'mineCategory' | 'plannedYear' | 'townshipCode' | 'method' | 'miningRightId'>>;

const label = (key: TermKey) => GLOSSARY[key];

/** A boundary drawn or pasted, as every register takes it (see {@link registerBoundary}). */
const givenBoundary = (context: ParcelsContext, body: Pick<AddParcelBody, 'geometry' | 'cornerList'>) => registerBoundary(context.repos.checks, body, P);

/** The attributes given, as columns, texts trimmed, each checked: not blank, a township and right that exist, a year in the plan. */
async function checkedColumns(context: ParcelsContext, trx: Knex, given: Attributes): Promise<Record<string, unknown>> {
  const columns: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(PARCEL_COLUMNS) as [keyof Attributes, string][]) {
    let value = given[key];
    if (value === undefined) continue;
    if (typeof value === 'string') {
      value = value.trim();
      if (value === '' && key !== 'method') throw P.blank(label(key));
    }
    columns[column] = value === '' ? null : value;
  }
  if (given.townshipCode !== undefined && !(await context.repos.restoration.township(given.townshipCode, trx))) {
    throw P.unknownTownship(given.townshipCode);
  }
  if (typeof given.miningRightId === 'number' && !(await context.repos.parcels.miningRightExists(given.miningRightId, trx))) {
    throw P.unknownMiningRight(given.miningRightId);
  }
  const period = given.plannedYear === undefined ? null : await context.repos.restoration.period(trx);
  if (period && given.plannedYear !== undefined && (given.plannedYear < period.fromYear || given.plannedYear > period.toYear)) {
    throw P.yearOutsidePlan(given.plannedYear, period.fromYear, period.toYear);
  }
  return columns;
}

/** A new code, trimmed, not blank, and no parcel's (current or retired). */
async function freeCode(context: ParcelsContext, trx: Knex, code: string): Promise<string> {
  const trimmed = code.trim();
  if (trimmed === '') throw P.blank(label('code'));
  if (await context.repos.parcels.codeTaken(trimmed, trx)) throw P.codeTaken(trimmed);
  return trimmed;
}

/** Refuses a change to a retired parcel, naming the parcels that took its place. */
async function mustBeCurrent(context: ParcelsContext, trx: Knex, parcel: StoredParcel): Promise<void> {
  if (parcel.lifecycle === 'current') return;
  const successors = await context.repos.parcels.successorIds(parcel.id, trx);
  const codes = await context.repos.parcels.codes(successors, trx);
  throw P.retired(parcel.properties.code, [...codes.values()]);
}

const detailIn = async (context: ParcelsContext, trx: Knex, id: number) => (await parcelDetail(context.repos, id, trx))!;

/** A parcel as the audit log keeps it: its attributes, lifecycle, lineage and boundary. */
const audited = (parcel: Pick<ParcelDetail, 'id' | 'properties' | 'lifecycle' | 'geometry' | 'parents'>) => ({
  id: parcel.id,
  ...parcel.properties,
  lifecycle: parcel.lifecycle,
  parentIds: parcel.parents.map((p) => p.id),
  geometry: parcel.geometry,
});

/** A parcel as read before a write, as the audit log keeps it (as {@link audited}). */
const auditedStored = (parcel: StoredParcel) => ({
  id: parcel.id,
  ...parcel.properties,
  lifecycle: parcel.lifecycle,
  parentIds: parcel.parentIds,
  geometry: parcel.geometry,
});

/** Reads and locks one parcel (404 when there is none). */
const lockOne = async (context: ParcelsContext, trx: Knex, id: number) => {
  const [parcel] = await context.repos.parcels.lock([id], trx);
  if (!parcel) throw P.notFound(id);
  return parcel;
};

/** The version check of a write on one parcel. */
const expectedVersion = (base: number) => ({
  base,
  stamp: (parcel: StoredParcel) => ({ version: parcel.version, by: parcel.updatedBy, at: parcel.updatedAt }),
  label: (parcel: StoredParcel) => parcelLabel(parcel.properties.code),
});

/**
 * What every write on one parcel shares: who writes what, the parcel read and locked (404 when
 * there is none), its version checked against `baseVersion`, it as it was kept in the audit log.
 */
const onParcel = (context: ParcelsContext, id: number, baseVersion: number, user: User, action: string) => ({
  by: user.id,
  action,
  entity: 'restoration_parcel',
  entityId: id,
  read: (trx: Knex) => lockOne(context, trx, id),
  expected: expectedVersion(baseVersion),
  before: auditedStored,
  detail: (_: unknown, parcel: StoredParcel) => ({ baseVersion, fromVersion: parcel.version }),
});

/**
 * `POST /api/restoration/parcels`: adds a parcel in one audited transaction; its township is the
 * one holding most of its boundary unless given. Refuses a taken code (409), a boundary that is
 * invalid or outside the county, a township or right that does not exist, a year outside the
 * plan (400): nothing is written then.
 */
export async function addParcel(context: ParcelsContext, body: AddParcelBody, user: User): Promise<ParcelDetail> {
  const { parcels } = context.repos;
  const boundary = await givenBoundary(context, body);
  if (!boundary) throw P.boundaryNeeded();
  return auditedWrite<undefined, ParcelDetail>(context, {
    by: user.id,
    action: 'create',
    entity: 'restoration_parcel',
    entityId: (result) => result.id,
    write: async (trx) => {
      const columns = await checkedColumns(context, trx, body);
      columns.code = await freeCode(context, trx, body.code);
      if (body.townshipCode === undefined) {
        const township = await parcels.townshipOf(boundary, trx);
        if (township === null) throw P.unknownTownship(null);
        columns.township_code = township;
      }
      await parcels.describeChange({ kind: 'added', note: body.note?.trim() || null, recordedBy: user.id, relatedIds: [] }, trx);
      return detailIn(context, trx, await parcels.insert(columns, boundary, [], trx));
    },
    before: () => null,
    after: audited,
  });
}

/**
 * `PATCH /api/restoration/parcels/:id`: changes the attributes given and the boundary, from the
 * version the admin saw (a stale one is a 409 naming who changed the parcel and when). A retired
 * parcel, a taken code, a boundary smaller than the area recorded as restored, an edit that
 * changes nothing: refused, nothing written.
 */
export async function editParcel(context: ParcelsContext, id: number, body: EditParcelBody, user: User): Promise<ParcelDetail> {
  const { parcels } = context.repos;
  const boundary = await givenBoundary(context, body);
  return auditedWrite<StoredParcel, ParcelDetail>(context, {
    ...onParcel(context, id, body.baseVersion, user, 'update'),
    write: async (trx, parcel) => {
      await mustBeCurrent(context, trx, parcel);
      const columns = await checkedColumns(context, trx, body);
      const current: Record<string, unknown> = Object.fromEntries(
        Object.entries(PARCEL_COLUMNS).map(([key, column]) => [column, parcel.properties[key as keyof typeof PARCEL_COLUMNS]]),
      );
      const changed = Object.fromEntries(Object.entries(columns).filter(([column, value]) => (value ?? null) !== (current[column] ?? null)));
      if (Object.keys(changed).length === 0 && !boundary) throw P.nothingChanged();
      if (changed.code !== undefined) await freeCode(context, trx, String(changed.code));
      await parcels.describeChange({ kind: 'edited', note: body.note?.trim() || null, recordedBy: user.id, relatedIds: [] }, trx);
      await parcels.update(id, changed, boundary, trx);
      const after = await detailIn(context, trx, id);
      const latest = (await parcels.progress([id], trx)).at(-1);
      if (boundary && latest && latest.doneMu > after.areaMu + 0.01) throw P.smallerThanDone(after.areaMu, latest.doneMu);
      return after;
    },
    after: audited,
  });
}

/**
 * `POST /api/restoration/parcels/:id/split`: cuts a parcel along a line into parts that cover it
 * exactly, in one audited transaction. The parts keep its attributes (category, township, planned
 * year, method, right), name it as their parent and get its progress records shared by area; the
 * parent is retired with its records. Refused, nothing written: a stale version, a retired parcel,
 * a line that does not cut it, a sliver, a taken code.
 */
export async function splitParcel(context: ParcelsContext, id: number, body: SplitParcelBody, user: User): Promise<SplitParcelResponse> {
  const { parcels } = context.repos;
  const countyBbox = await context.repos.checks.countyExtent();
  const checked = validateCuttingLine(body.line, countyBbox);
  if (!checked.valid) throw badRequest(checked.reason, checked.message);
  const near = validateNearCounty(checked.value.bbox, countyBbox);
  if (!near.valid) throw badRequest(near.reason, near.message);
  return auditedWrite<StoredParcel, SplitParcelResponse>(context, {
    ...onParcel(context, id, body.baseVersion, user, 'split'),
    write: async (trx, parcel) => {
      await mustBeCurrent(context, trx, parcel);
      const { code, name } = parcel.properties;
      const { parentAreaM2, parts } = await parcels.cut(id, checked.value.line, trx);
      if (parts.length < 2) throw P.lineDoesNotCut(code);
      if (parts.length > PARCEL_SPLIT_MAX_PARTS) throw P.partCount(parts.length, null, PARCEL_SPLIT_MAX_PARTS);
      if (body.codes && body.codes.length !== parts.length) throw P.partCount(parts.length, body.codes.length, PARCEL_SPLIT_MAX_PARTS);
      const smallest = Math.min(...parts.map((part) => part.areaM2));
      if (smallest < MIN_PART_M2) throw P.sliver(smallest, MIN_PART_M2);
      const partsM2 = parts.reduce((s, part) => s + part.areaM2, 0);
      if (Math.abs(partsM2 - parentAreaM2) > areaTolerance(parentAreaM2)) throw P.areaNotKept(parentAreaM2, partsM2);
      const codes: string[] = [];
      for (const [i, given] of (body.codes ?? parts.map((_, i) => `${code}-${i + 1}`)).entries()) {
        const free = await freeCode(context, trx, given);
        if (codes.includes(free)) throw P.codeTaken(free);
        codes[i] = free;
      }
      const carried = splitRecords(await parcels.progress([id], trx), parts.map((part) => part.areaM2), code);
      const inherited = Object.fromEntries(
        (['mineCategory', 'townshipCode', 'plannedYear', 'method', 'miningRightId'] as const).map((key) => [PARCEL_COLUMNS[key], parcel.properties[key]]),
      );
      const note = body.note?.trim() || null;
      await parcels.describeChange({ kind: 'splitFrom', note, recordedBy: user.id, relatedIds: [id] }, trx);
      const ids: number[] = [];
      for (const [i, part] of parts.entries()) {
        const partId = await parcels.insert({ ...inherited, code: codes[i], name: `${name}-${i + 1}` }, part, [id], trx);
        await parcels.appendCarried(partId, carried[i], user.id, trx);
        ids.push(partId);
      }
      await parcels.describeChange({ kind: 'splitInto', note, recordedBy: user.id, relatedIds: ids }, trx);
      await parcels.retire(id, trx);
      const made: ParcelDetail[] = [];
      for (const partId of ids) made.push(await detailIn(context, trx, partId));
      return { parent: await detailIn(context, trx, id), parts: made };
    },
    after: (result) => ({ parent: audited(result.parent), parts: result.parts.map(audited) }),
    detail: (result, parcel) => ({
      baseVersion: body.baseVersion,
      fromVersion: parcel.version,
      parentAreaM2: parcel.areaM2,
      partsAreaM2: result.parts.reduce((s, part) => s + part.areaM2, 0),
    }),
  });
}

/** The one value every parcel of a merge must share, or a refusal naming the values found. */
function shared(parcels: StoredParcel[], key: 'mineCategory' | 'plannedYear' | 'townshipCode'): void {
  const values = [...new Set(parcels.map((p) => String(p.properties[key])))];
  if (values.length > 1) throw P.mergeDiffers(label(key), values);
}

/**
 * `POST /api/restoration/parcels/merge`: joins two or more adjacent parcels of one category,
 * planned year and township into a new parcel, in one audited transaction. The new parcel names
 * them as its parents and gets their progress records added up day by day; they are retired with
 * their records. Refused, nothing written: any stale version (409 naming that parcel), a retired
 * or missing parcel, parcels that differ, are not adjacent or overlap, a taken code.
 */
export async function mergeParcels(context: ParcelsContext, body: MergeParcelsBody, user: User): Promise<ParcelDetail> {
  const { parcels } = context.repos;
  const ids = body.parcels.map((p) => p.id);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated !== undefined) throw P.mergeRepeats(repeated);
  return auditedWrite<StoredParcel[], ParcelDetail>(context, {
    by: user.id,
    action: 'merge',
    entity: 'restoration_parcel',
    entityId: (result) => result.id,
    read: async (trx) => {
      const locked = new Map((await parcels.lock(ids, trx)).map((p) => [p.id, p]));
      const inOrder = body.parcels.map(({ id, baseVersion }) => {
        const parcel = locked.get(id);
        if (!parcel) throw P.notFound(id);
        const stamp = expectedVersion(baseVersion).stamp(parcel);
        if (stamp.version !== baseVersion) throw versionConflict(parcelLabel(parcel.properties.code), baseVersion, stamp);
        return parcel;
      });
      return inOrder;
    },
    write: async (trx, merged) => {
      for (const parcel of merged) await mustBeCurrent(context, trx, parcel);
      shared(merged, 'mineCategory');
      shared(merged, 'plannedYear');
      shared(merged, 'townshipCode');
      const codes = new Map(merged.map((p) => [p.id, p.properties.code]));
      const union = await parcels.union(ids, trx);
      if (union.overlapM2 > areaTolerance(union.sumM2)) throw P.overlap([...codes.values()], union.overlapM2);
      if (union.pieces > 1) throw P.notAdjacent([...codes.values()]);
      if (Math.abs(union.shape.areaM2 - union.sumM2) > areaTolerance(union.sumM2)) throw P.areaNotKept(union.sumM2, union.shape.areaM2);
      const [first] = merged;
      const given = await checkedColumns(context, trx, { name: body.name, method: body.method, miningRightId: body.miningRightId });
      const columns = {
        ...Object.fromEntries(Object.entries(PARCEL_COLUMNS).map(([key, column]) => [column, first.properties[key as keyof typeof PARCEL_COLUMNS]])),
        ...given,
        code: await freeCode(context, trx, body.code),
      };
      const note = body.note?.trim() || null;
      await parcels.describeChange({ kind: 'mergedFrom', note, recordedBy: user.id, relatedIds: ids }, trx);
      const mergedId = await parcels.insert(columns, union.shape, ids, trx);
      const areaMu = Math.round((union.shape.areaM2 * 15) / 100) / 100;
      await parcels.appendCarried(mergedId, mergedRecords(await parcels.progress(ids, trx), codes, areaMu), user.id, trx);
      await parcels.describeChange({ kind: 'mergedInto', note, recordedBy: user.id, relatedIds: [mergedId] }, trx);
      for (const id of ids) await parcels.retire(id, trx);
      return detailIn(context, trx, mergedId);
    },
    before: (merged) => merged.map(auditedStored),
    after: audited,
    detail: (_, merged) => ({ parcels: body.parcels, parentsAreaM2: merged.reduce((s, p) => s + p.areaM2, 0) }),
  });
}

/**
 * `POST /api/restoration/parcels/:id/retire`: withdraws a parcel, saying why. It is never
 * deleted: it was published, and its progress records stay; it leaves the map and every figure.
 */
export async function retireParcel(context: ParcelsContext, id: number, body: RetireParcelBody, user: User): Promise<ParcelDetail> {
  const { parcels } = context.repos;
  return auditedWrite<StoredParcel, ParcelDetail>(context, {
    ...onParcel(context, id, body.baseVersion, user, 'retire'),
    write: async (trx, parcel) => {
      await mustBeCurrent(context, trx, parcel);
      const note = body.note.trim();
      if (note === '') throw P.blank({ zh: '撤销原因', en: 'Reason' });
      await parcels.describeChange({ kind: 'retired', note, recordedBy: user.id, relatedIds: [] }, trx);
      await parcels.retire(id, trx);
      return detailIn(context, trx, id);
    },
    after: audited,
  });
}

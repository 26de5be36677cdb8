import type { Knex } from 'knex';
import type { LicenceActBody, LicenceDetail, RegisterLicenceBody } from '@mpm/contracts';
import {
  CHANGEABLE_RIGHT_FIELDS,
  GLOSSARY,
  licenceActRefusal,
  licenceActRule,
  type Bilingual,
  type RightCollection,
  type RightStatus,
  type TermKey,
} from '@mpm/domain';
import { auditedWrite } from '../audit/audited-write.ts';
import type { User } from '../auth/users-repository.ts';
import { registerBoundary } from '../checks/register-boundary.ts';
import { markLicensed } from '../proposals/proposal-steps.ts';
import { proposalNotFound } from '../proposals/proposals-writes.ts';
import type { Repositories } from '../repositories.plugin.ts';
import { chinaToday } from '../reports/china-time.ts';
import { LICENCE_PROBLEMS as P, rightLabel } from './licence-problems.ts';
import { licenceDetail } from './licence-detail.ts';
import type { LockedRight } from './licences-repository.ts';
import { SWEEP_PROBLEMS_HTTP } from '../sweep/sweep-reasons.ts';
import { checkedElevationRange } from '../depth/elevation-range.ts';

/**
 * Seed 004 (五（四）1): a holder on the sanction list is granted no new right, renewal or change;
 * refused with a 409 `holderSanctioned` naming the listing and citing the plan.
 */
async function refuseSanctioned(context: LicencesContext, holder: unknown, day: string, trx: Knex): Promise<void> {
  if (typeof holder !== 'string' || holder.trim() === '') return;
  const [listing] = await context.repos.sweepRegisters.sanctions.inForce(holder, day, trx);
  if (listing) throw SWEEP_PROBLEMS_HTTP.holderSanctioned(holder.trim(), listing);
}

/** What a licence register write needs from the app. */
export interface LicencesContext {
  knex: Knex;
  repos: Pick<Repositories, 'licences' | 'checks' | 'proposals' | 'audit' | 'inspection' | 'sweepRegisters'>;
  now: Date;
}

/** The fields of a right a body may set (a new right's, a 变更's). */
const FIELD_KEYS = ['mineName', 'holder', 'holderContact', 'mineral', 'miningMethod', 'scaleClass', 'capacity10ktPerYear', 'elevationTopM', 'elevationBottomM', 'restorationFund10kYuan', 'restorationFundProvisioned'] as const;

/** Fields a new right must have, per register. */
const REQUIRED: Record<RightCollection, readonly string[]> = {
  mining_rights: ['mineName', 'holder', 'mineral', 'miningMethod', 'scaleClass', 'capacity10ktPerYear'],
  exploration_rights: ['holder', 'mineral'],
};

const fieldLabel = (key: string): Bilingual => GLOSSARY[key as TermKey] ?? { zh: key, en: key };

/** The fields `body` sets, texts trimmed. */
function givenFields(body: Partial<Record<(typeof FIELD_KEYS)[number], unknown>>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const key of FIELD_KEYS) {
    const value = body[key];
    if (value !== undefined) fields[key] = typeof value === 'string' ? value.trim() : value;
  }
  return fields;
}

/** The act's effective day: as given (not after today, not before the latest event), else today. */
function effectiveDay(given: string | undefined, today: string, latest?: string): string {
  const day = given ?? today;
  if (day > today) throw P.effectiveInFuture(day, today);
  if (latest && day < latest) throw P.effectiveBeforeLatest(day, latest);
  return day;
}

/** A boundary drawn or pasted, as every register takes it (see {@link registerBoundary}). */
const givenBoundary = (context: LicencesContext, body: Pick<RegisterLicenceBody, 'geometry' | 'cornerList'>) => registerBoundary(context.repos.checks, body, P);

const detailIn = async (context: LicencesContext, trx: Knex, collection: RightCollection, id: number) =>
  (await licenceDetail({ ...context, knex: trx }, collection, id))!;

/** The right as the audit log keeps it: its fields and boundary. */
const audited = (right: Pick<LicenceDetail, 'properties' | 'geometry'>) => ({ ...right.properties, geometry: right.geometry });

/**
 * `POST /api/licences` (新立): registers a right in one audited transaction — from an approved
 * proposal (its block, mineral, capacity, scale and holder carried over; the proposal marked as
 * having become this licence in the same transaction), or from a drawn or pasted boundary.
 * Refuses a taken number (409), a validity ending before it starts, a missing field, a boundary
 * that is invalid or outside the county (400): nothing is written then.
 */
export async function registerLicence(context: LicencesContext, body: RegisterLicenceBody, user: User): Promise<LicenceDetail> {
  const { licences, proposals } = context.repos;
  const licenceNo = body.licenceNo.trim();
  const today = chinaToday(context.now);
  const boundary = await givenBoundary(context, body);
  return auditedWrite<undefined, LicenceDetail>(context, {
    by: user.id,
    action: 'register',
    entity: 'licence',
    entityId: (result) => `${result.collection}/${result.id}`,
    write: async (trx) => {
      if (body.validTo < body.validFrom) throw P.validityReversed(body.validFrom, body.validTo);
      const fields = givenFields(body);
      let geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon;
      if (body.proposalId !== undefined) {
        if (body.collection !== 'mining_rights') throw P.proposalIsMining();
        if (boundary) throw P.boundaryFromProposal();
        const version = await proposals.version(body.proposalId, undefined, trx);
        if (!version) throw proposalNotFound(body.proposalId);
        const { proposal } = version;
        geometry = version.geometry;
        Object.assign(fields, {
          mineral: proposal.mineral,
          capacity10ktPerYear: proposal.capacity10ktPerYear,
          ...(proposal.scaleClass && { scaleClass: proposal.scaleClass }),
          ...(proposal.holder && fields.holder === undefined && { holder: proposal.holder }),
          ...(fields.mineName === undefined && { mineName: version.name }),
        });
      } else {
        if (!boundary) throw P.boundaryNeeded();
        geometry = boundary;
      }
      for (const key of REQUIRED[body.collection]) if (fields[key] === undefined) throw P.fieldRequired(fieldLabel(key));
      checkedElevationRange(fields, {});
      for (const key of Object.keys(fields)) {
        if (!CHANGEABLE_RIGHT_FIELDS[body.collection].includes(key)) throw P.fieldNotForAct('registered', fieldLabel(key));
      }
      if (await licences.licenceNoTaken(licenceNo, trx)) throw P.licenceNoTaken(licenceNo);
      await refuseSanctioned(context, fields.holder, today, trx);
      const effectiveOn = effectiveDay(body.effectiveOn, today < body.validFrom ? today : body.validFrom);
      await licences.describeChange(
        { kind: 'registered', effectiveOn, documentNo: body.documentNo.trim(), note: body.note?.trim() || null, recordedBy: user.id },
        trx,
      );
      const properties = { ...fields, licenceNo, validFrom: body.validFrom, validTo: body.validTo, rightStatus: 'active' };
      const id = await licences.insert(body.collection, { properties, geometry }, trx);
      if (body.proposalId !== undefined) {
        await markLicensed({ knex: trx, repos: context.repos }, body.proposalId, licenceNo, user, body.proposalRevision);
      }
      return detailIn(context, trx, body.collection, id);
    },
    before: () => null,
    after: audited,
    detail: () => ({ documentNo: body.documentNo, ...(body.proposalId !== undefined && { proposalId: body.proposalId }) }),
  });
}

/** The fields and boundary a 延续 or 变更 sets; none for the acts that only move the status. */
function actChanges(body: LicenceActBody, boundary: GeoJSON.Polygon | GeoJSON.MultiPolygon | undefined, right: LockedRight) {
  const { act } = body;
  const fields = givenFields(body);
  const hasBoundary = boundary !== undefined;
  const current = right.properties as { validFrom: string; validTo: string };
  if (act === 'renewed') {
    const [field] = Object.keys(fields);
    if (field || hasBoundary) throw P.fieldNotForAct(act, fieldLabel(field ?? 'geometry'));
    if (body.validTo === undefined) throw P.fieldRequired(fieldLabel('validTo'));
    const validFrom = body.validFrom ?? current.validFrom;
    if (body.validTo < validFrom) throw P.validityReversed(validFrom, body.validTo);
    if (body.validTo <= current.validTo) throw P.renewalNotLater(current.validTo, body.validTo);
    return { properties: { validFrom, validTo: body.validTo }, geometry: undefined };
  }
  if (body.validFrom !== undefined || body.validTo !== undefined) throw P.fieldNotForAct(act, fieldLabel(body.validTo ? 'validTo' : 'validFrom'));
  if (act !== 'changed') {
    const [field] = Object.keys(fields);
    if (field || hasBoundary) throw P.fieldNotForAct(act, fieldLabel(field ?? 'geometry'));
    return { properties: { rightStatus: licenceActRule(act).to }, geometry: undefined };
  }
  for (const key of Object.keys(fields)) {
    if (!CHANGEABLE_RIGHT_FIELDS[right.collection].includes(key)) throw P.fieldNotForAct(act, fieldLabel(key));
  }
  checkedElevationRange(fields, right.properties);
  const changed = Object.fromEntries(Object.entries(fields).filter(([key, value]) => value !== right.properties[key]));
  if (Object.keys(changed).length === 0 && !boundary) throw P.nothingChanged();
  return { properties: changed, geometry: boundary };
}

/**
 * `POST /api/licences/:collection/:id/events`: records one act on a right (延续, 变更, 停产整顿,
 * 恢复生产, 注销) in one audited transaction: the right locked, a stale `baseVersion` refused
 * with a 409 naming who recorded the latest event and when, an act the right's register or
 * status does not allow refused, the act's own checks made; then the right is updated and the
 * history trigger keeps the event with its 文号, day and who. Nothing is written on a refusal.
 */
export async function recordLicenceAct(context: LicencesContext, collection: RightCollection, id: number, body: LicenceActBody, user: User): Promise<LicenceDetail> {
  const { licences } = context.repos;
  const today = chinaToday(context.now);
  const boundary = await givenBoundary(context, body);
  return auditedWrite<LockedRight, LicenceDetail>(context, {
    by: user.id,
    action: body.act,
    entity: 'licence',
    entityId: `${collection}/${id}`,
    read: async (trx) => {
      const right = await licences.lock(collection, id, trx);
      if (!right) throw P.notFound(collection, id);
      return right;
    },
    expected: {
      base: body.baseVersion,
      stamp: (right) => ({ version: right.version, by: right.updatedBy, at: right.updatedAt }),
      label: (right) => rightLabel(collection, String(right.properties.licenceNo)),
    },
    write: async (trx, right) => {
      const refusal = licenceActRefusal(body.act, collection, right.properties.rightStatus as RightStatus);
      if (refusal === 'collection') throw P.actNotForRegister(body.act, collection);
      if (refusal === 'status') throw P.actNotAllowed(body.act, rightLabel(collection, String(right.properties.licenceNo)), right.properties.rightStatus as RightStatus);
      const effectiveOn = effectiveDay(body.effectiveOn, today, right.latestEffectiveOn);
      const { properties, geometry } = actChanges(body, boundary, right);
      if (body.act === 'renewed' || body.act === 'changed') {
        await refuseSanctioned(context, right.properties.holder, today, trx);
        if (properties.holder !== undefined) await refuseSanctioned(context, properties.holder, today, trx);
      }
      await licences.describeChange(
        { kind: body.act, effectiveOn, documentNo: body.documentNo.trim(), note: body.note?.trim() || null, recordedBy: user.id },
        trx,
      );
      await licences.update(collection, id, properties, geometry, trx);
      return detailIn(context, trx, collection, id);
    },
    before: audited,
    after: audited,
    detail: (_, right) => ({ baseVersion: body.baseVersion, fromVersion: right.version, documentNo: body.documentNo }),
  });
}

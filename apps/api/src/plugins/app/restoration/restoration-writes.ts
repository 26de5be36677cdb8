import type { Knex } from 'knex';
import type { ProgressRecordBody, ProgressRecordView, RestorationPeriod, RestorationTarget, RestorationTargetsBody, StatedTotal } from '@mpm/contracts';
import { badRequest, notFound } from '../../../http/errors.ts';
import { auditedWrite } from '../audit/audited-write.ts';
import { chinaToday } from '../reports/china-time.ts';
import type { Repositories } from '../repositories.plugin.ts';
import { expectedSetting } from '../settings/setting-version.ts';
import type { StoredVersion } from '../settings/settings-repository.ts';
import { PARCEL_PROBLEMS } from './parcel-problems.ts';
import { validateProgress } from './progress.validation.ts';
import { validateTargets } from './targets.validation.ts';

/** What a restoration write needs from the app. */
export interface RestorationContext {
  knex: Knex;
  repos: Pick<Repositories, 'restoration' | 'parcels' | 'audit'>;
  now: Date;
}

export const parcelNotFound = (id: number) =>
  notFound('parcelNotFound', {
    zh: `没有编号为 ${id} 的恢复治理图斑。`,
    en: `There is no restoration parcel with id ${id}.`,
  });

const unknownPhoto = (id: number) =>
  badRequest('unknownPhoto', {
    zh: `照片 ${id} 不存在，请先上传照片。`,
    en: `There is no photo ${id}; upload the photo first.`,
  });

/** The restoration plan as stored: targets, stated totals and period, and the plan's version. */
export interface StoredPlan {
  targets: RestorationTarget[];
  statedTotals: StatedTotal[];
  period: RestorationPeriod | null;
  saved: StoredVersion;
}

/** How a 409 names the restoration plan. */
const PLAN_LABEL = { zh: '恢复治理目标（含规划期限与文件所列合计）', en: 'The restoration targets (with the plan period and stated totals)' };

/**
 * `PUT /api/restoration/targets`: replaces the targets and stated totals (and the plan period
 * when given), checked against the period that will hold, and counts a new version of the plan
 * (a stale `baseVersion` is a 409 naming who saved the current one and when). Returns them as stored.
 */
export function replaceTargets(context: Omit<RestorationContext, 'now'>, body: RestorationTargetsBody, userId: number): Promise<StoredPlan> {
  const { restoration } = context.repos;
  const stored = async (trx: Knex, lock = false): Promise<StoredPlan> => {
    const saved = await restoration.planVersion(trx, lock);
    return { ...(await restoration.targets(trx)), period: await restoration.period(trx), saved };
  };
  const audited = ({ saved: _saved, ...plan }: StoredPlan) => plan;
  return auditedWrite(context, {
    by: userId,
    action: 'update',
    entity: 'restoration_targets',
    read: (trx) => stored(trx, true),
    expected: expectedSetting(body.baseVersion, (plan: StoredPlan) => plan.saved, PLAN_LABEL),
    write: async (trx, before) => {
      const period = body.period === undefined ? before.period : body.period;
      const problem = validateTargets(body, period);
      if (problem) throw badRequest(problem.reason, problem.message);
      if (body.period !== undefined) await restoration.setPeriod(body.period, userId, trx);
      else await restoration.touchPlan(userId, trx);
      await restoration.replaceTargets(body.targets, body.statedTotals, trx);
      return stored(trx);
    },
    before: audited,
    after: audited,
    detail: (result, before) => ({ baseVersion: body.baseVersion ?? null, fromVersion: before.saved.version, version: result.saved.version }),
  });
}

/**
 * `POST /api/restoration/parcels/:id/progress`: appends a progress record (never changes one),
 * checked against the parcel's area and its latest record on the China date of `now`. A retired
 * parcel takes none (409 naming the parcels that took its place).
 */
export function appendProgress(context: RestorationContext, parcelId: number, body: ProgressRecordBody, userId: number): Promise<ProgressRecordView> {
  const { restoration } = context.repos;
  return auditedWrite(context, {
    by: userId,
    action: 'create',
    entity: 'restoration_progress',
    entityId: (record) => record.id,
    read: async (trx) => {
      const head = await restoration.progressHead(parcelId, trx);
      if (!head) throw parcelNotFound(parcelId);
      if (head.retired) {
        const codes = await context.repos.parcels.codes(await context.repos.parcels.successorIds(parcelId, trx), trx);
        throw PARCEL_PROBLEMS.retired(head.code, [...codes.values()]);
      }
      return head;
    },
    write: async (trx, head) => {
      const problem = validateProgress(body, head, chinaToday(context.now));
      if (problem) throw badRequest(problem.reason, problem.message);
      if (body.photoId !== undefined && !(await restoration.photoExists(body.photoId, trx))) throw unknownPhoto(body.photoId);
      const id = await restoration.append(parcelId, { ...body, recordedBy: userId }, trx);
      return (await restoration.records(parcelId, trx))!.find((r) => r.id === id)!;
    },
    detail: () => ({ parcelId }),
  });
}

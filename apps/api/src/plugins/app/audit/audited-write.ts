import type { Knex } from 'knex';
import type { AuditRepository } from './audit-repository.ts';
import { UserError, type Bilingual } from '../../../http/errors.ts';
import { chinaDateTime } from '../reports/china-time.ts';
import { writeCommitted } from './committed-writes.ts';

/** Where a record stands: its version number, and who made that version and when. */
export interface VersionStamp {
  version: number;
  /** Display name of whoever wrote the version; null for the system or an anonymous visitor. */
  by: string | null;
  at: Date | string;
}

/** Optimistic concurrency: the version the caller's change was based on, and how to read the record's. */
export interface ExpectedVersion<Current> {
  /** The version the caller sent back; undefined when the route takes writes from any version. */
  base: number | undefined;
  /** The record's current version, read from the locked record. */
  stamp: (current: Current) => VersionStamp;
  /** The record as a user names it, for the 409 (`台账记录 12`, `Ledger entry 12`). */
  label: (current: Current) => Bilingual;
}

/**
 * One write of a feature: who writes what, how to read the record as it stands (locked), the
 * version the caller expects, the write itself, and how the audit log keeps the record before
 * and after.
 */
export interface WriteSpec<Current, Result> {
  /** The user who writes; null for the system (boot, demo load) or an anonymous visitor. */
  by: number | null;
  action: string;
  entity: string;
  /** The record's key in the audit log; a function of the result for a record the write creates. */
  entityId?: string | number | ((result: Result) => string | number);
  /** Reads the record as it stands and locks it until the write commits (throw 404 here). */
  read?: (trx: Knex) => Promise<Current>;
  expected?: ExpectedVersion<Current>;
  /** The write itself, given the record as read; its result is the route's answer. */
  write: (trx: Knex, current: Current) => Promise<Result>;
  /** The record as the audit log keeps it before the write: by default what `read` gave. */
  before?: (current: Current) => unknown;
  /** The record as the audit log keeps it after the write: by default the write's result. */
  after?: (result: Result, trx: Knex) => unknown;
  /** What else the audit entry says about the write (a detection round's codes, the base version). */
  detail?: (result: Result, current: Current) => Record<string, unknown>;
}

/** 409: the record moved on from the version the caller's change was based on. Names who and when. */
export function versionConflict(label: Bilingual, base: number, current: VersionStamp): UserError {
  const at = chinaDateTime(new Date(current.at));
  const by = current.by ?? '系统';
  return new UserError(409, 'versionConflict', {
    zh:
      `${label.zh}已由 ${by} 于 ${at}（北京时间）保存为第 ${current.version} 版，而您修改的是第 ${base} 版。` +
      '为免覆盖他人的修改，本次未保存；请重新加载最新版本后再修改。',
    en:
      `${label.en} was saved as version ${current.version} by ${current.by ?? 'the system'} at ${at} (China time), ` +
      `but your changes were made to version ${base}. Nothing was saved, so as not to overwrite theirs: reload the latest version and apply your changes again.`,
  });
}

/**
 * Runs a feature's write the one way every write is made: in one transaction, it reads and locks
 * the record, refuses a stale version with a 409 naming who changed it and when, writes, and
 * records one audit entry with who, when, what, and the record before and after. Whatever throws
 * rolls all of it back. Once committed, it tells the process's listeners (`onCommittedWrite`) which
 * layers it changed.
 */
export async function auditedWrite<Current, Result>(
  context: { knex: Knex; repos: { audit: AuditRepository } },
  spec: WriteSpec<Current, Result>,
): Promise<Result> {
  const { result, layers } = await context.knex.transaction(async (trx) => {
    const current = (spec.read ? await spec.read(trx) : undefined) as Current;
    const { expected } = spec;
    if (expected && expected.base !== undefined) {
      const stamp = expected.stamp(current);
      if (stamp.version !== expected.base) throw versionConflict(expected.label(current), expected.base, stamp);
    }
    const result = await spec.write(trx, current);
    const before = spec.before ? spec.before(current) : (current ?? null);
    const after = spec.after ? await spec.after(result, trx) : (result ?? null);
    const entityId = typeof spec.entityId === 'function' ? spec.entityId(result) : spec.entityId;
    await context.repos.audit.record(
      {
        userId: spec.by,
        action: spec.action,
        entity: spec.entity,
        entityId,
        detail: { ...spec.detail?.(result, current), before, after },
      },
      trx,
    );
    return { result, layers: await context.repos.audit.changedLayers(trx) };
  });
  writeCommitted(context.knex, layers);
  return result;
}

import type { SettingVersion } from '@mpm/contracts';
import { badRequest, type Bilingual } from '../../../http/errors.ts';
import type { ExpectedVersion } from '../audit/audited-write.ts';
import type { StoredVersion } from './settings-repository.ts';

/** A setting's version as a route answers it: who saved it and when only to staff. */
export function versionView(saved: StoredVersion, staff = true): SettingVersion {
  if (!staff) return { version: saved.version };
  return { version: saved.version, updatedAt: saved.updatedAt?.toISOString() ?? null, updatedBy: saved.updatedBy };
}

/**
 * The check of a setting write against the version its caller based it on (`base`; undefined:
 * any version), read from the setting as locked: a stale one is a 409 naming who saved the
 * current version and when, as `label` names the setting.
 */
export function expectedSetting<Current>(
  base: number | undefined,
  saved: (current: Current) => StoredVersion,
  label: Bilingual,
): ExpectedVersion<Current> {
  return {
    base,
    stamp: (current) => {
      const { version, updatedAt, updatedBy } = saved(current);
      return { version, by: updatedBy, at: updatedAt ?? new Date() };
    },
    label: () => label,
  };
}

/**
 * A change body split into the version it was based on and the change itself, refused (400
 * `nothingToChange`) when it holds nothing else: the schema's "at least one member" counts the
 * version too.
 */
export function withoutBase<T extends { baseVersion?: number }>(body: T): { base: number | undefined; change: Omit<T, 'baseVersion'> } {
  const { baseVersion, ...change } = body;
  if (Object.keys(change).length === 0) {
    throw badRequest('nothingToChange', {
      zh: '请求只给出了所基于的版本，没有要修改的内容。',
      en: 'The request gives only the version it is based on, and nothing to change.',
    });
  }
  return { base: baseVersion, change };
}

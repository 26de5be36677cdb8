import type { Knex } from 'knex';
import { Value } from 'typebox/value';
import { DEFAULT_MIN_BLOCK_AREA_M2 } from '@mpm/domain';
import {
  BUFFER_KEYS,
  BlockSettings,
  CountyProfile,
  IndicatorTargets,
  MAX_BUFFER_M,
  type BufferSettings,
  type BufferSettingsPatch,
  type IndicatorTargetsPatch,
} from '@mpm/contracts';
import type { PlanIndicatorTargets } from '@mpm/rules';

/** The `county_settings` key under which the county's buffer widths are stored. */
export const BUFFERS_KEY = 'buffers';

/** The `county_settings` key under which the county's plan indicator targets are stored. */
export const INDICATORS_KEY = 'indicators';

/**
 * The stored widths that are well formed: known keys with a number 0..20 000 m. Anything else
 * in the row (an old key, a hand edit) is ignored rather than trusted.
 */
export function storedBufferWidths(value: unknown): BufferSettingsPatch {
  const stored: BufferSettingsPatch = {};
  if (typeof value !== 'object' || value === null) return stored;
  for (const key of BUFFER_KEYS) {
    const width = (value as Record<string, unknown>)[key];
    if (typeof width === 'number' && width >= 0 && width <= MAX_BUFFER_M) stored[key] = width;
  }
  return stored;
}

/** The county's effective widths: the stored ones over the ruleset's defaults. */
export const effectiveBuffers = (defaults: BufferSettings, stored: BufferSettingsPatch): BufferSettings => ({
  ...defaults,
  ...stored,
});

/**
 * The stored indicator targets that are well formed, each checked against its schema; anything
 * else in the row is ignored rather than trusted.
 */
export function storedIndicatorTargets(value: unknown): IndicatorTargetsPatch {
  const stored: Record<string, unknown> = {};
  if (typeof value !== 'object' || value === null) return stored;
  for (const [key, schema] of Object.entries(IndicatorTargets.properties)) {
    const target = (value as Record<string, unknown>)[key];
    if (target !== undefined && Value.Check(schema, target)) stored[key] = target;
  }
  return stored as IndicatorTargetsPatch;
}

/** The county's effective indicator targets: the stored ones over the ruleset's. */
export const effectiveIndicators = (
  defaults: PlanIndicatorTargets,
  stored: IndicatorTargetsPatch,
): PlanIndicatorTargets => ({ ...defaults, ...stored });

/** The `county_settings` key under which the county's profile (name, code, zone) is stored. */
export const COUNTY_KEY = 'county';

/** A stored county profile that is well formed, or undefined (an old or hand-edited row is not trusted). */
export function storedCountyProfile(value: unknown): CountyProfile | undefined {
  return Value.Check(CountyProfile, value) ? value : undefined;
}

/** The `county_settings` key under which the county's settings of proposed blocks are stored. */
export const BLOCKS_KEY = 'blocks';

/** The stored block settings if well formed, else the default ({@link DEFAULT_MIN_BLOCK_AREA_M2}): a hand-edited row is not trusted. */
export function storedBlockSettings(value: unknown): BlockSettings {
  return Value.Check(BlockSettings, value) ? value : { minBlockAreaM2: DEFAULT_MIN_BLOCK_AREA_M2 };
}

/** Where a stored setting stands: its version (0 while it has no row), who saved it last and when (null then). */
export interface StoredVersion {
  version: number;
  updatedAt: Date | null;
  /** Display name of whoever saved it; null for the system or while never saved. */
  updatedBy: string | null;
}

/** The version of a setting that has no row yet. */
export const NEVER_SAVED: StoredVersion = { version: 0, updatedAt: null, updatedBy: null };

/** A settings row's `version`, `updatedAt` and `updatedBy` (aliases `s` for the row, `u` for its writer), as read. */
export function storedVersion(row: { version: number | string; updatedAt: Date | string; updatedBy: string | null } | undefined): StoredVersion {
  return row ? { version: Number(row.version), updatedAt: new Date(row.updatedAt), updatedBy: row.updatedBy ?? null } : NEVER_SAVED;
}

/**
 * The version of the county setting under `key`, who saved it and when. With `lock` (inside a
 * write's transaction) it holds the setting until the transaction ends, even while the setting
 * has no row yet, so two saves based on one version cannot both pass.
 */
export async function countySettingVersion(trx: Knex, key: string, lock = false): Promise<StoredVersion> {
  if (lock) await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`county_settings:${key}`]);
  const row = await trx('county_settings as s')
    .leftJoin('users as u', 'u.id', 's.updated_by')
    .where('s.key', key)
    .first('s.version', 's.updated_at as updatedAt', 'u.display_name as updatedBy');
  return storedVersion(row);
}

/** Replaces the value under `key`, one version on. Call inside the transaction of its audit entry. */
async function replace(trx: Knex, key: string, value: unknown, userId: number): Promise<void> {
  await trx.raw(
    `INSERT INTO county_settings (key, value, updated_at, updated_by) VALUES (?, ?::jsonb, now(), ?)
     ON CONFLICT (key) DO UPDATE
       SET value = EXCLUDED.value, updated_at = now(), updated_by = EXCLUDED.updated_by, version = county_settings.version + 1`,
    [key, JSON.stringify(value), userId],
  );
}

/** County settings (`county_settings`): one JSON value per key, with its version. */
export function createSettingsRepository(knex: Knex) {
  async function read(key: string, trx: Knex = knex): Promise<unknown> {
    const row = await trx('county_settings').where({ key }).first('value');
    return row?.value;
  }

  return {
    /** The version of the setting under `key` (see {@link countySettingVersion}). */
    version: (key: string, trx: Knex = knex, lock = false) => countySettingVersion(trx, key, lock),

    /** The widths the county has set (only those; the ruleset supplies the rest). */
    async bufferWidths(trx: Knex = knex): Promise<BufferSettingsPatch> {
      return storedBufferWidths(await read(BUFFERS_KEY, trx));
    },

    /**
     * Sets some widths, keeping the others: merged in one statement, so two admins saving
     * different widths at once both keep theirs. Call inside the transaction of its audit entry.
     */
    async setBufferWidths(patch: BufferSettingsPatch, userId: number, trx: Knex = knex): Promise<void> {
      await trx.raw(
        `INSERT INTO county_settings (key, value, updated_at, updated_by) VALUES (?, ?::jsonb, now(), ?)
         ON CONFLICT (key) DO UPDATE
           SET value = county_settings.value || EXCLUDED.value, updated_at = now(), updated_by = EXCLUDED.updated_by,
               version = county_settings.version + 1`,
        [BUFFERS_KEY, JSON.stringify(patch), userId],
      );
    },

    /** The county's profile as an admin set it, if one did. */
    async countyProfile(trx: Knex = knex): Promise<CountyProfile | undefined> {
      return storedCountyProfile(await read(COUNTY_KEY, trx));
    },

    /** Replaces the county's profile. Call inside the transaction of its audit entry. */
    async setCountyProfile(profile: CountyProfile, userId: number, trx: Knex = knex): Promise<void> {
      await replace(trx, COUNTY_KEY, profile, userId);
    },

    /** The county's settings of proposed blocks (the minimum area), or their default. */
    async blockSettings(trx: Knex = knex): Promise<BlockSettings> {
      return storedBlockSettings(await read(BLOCKS_KEY, trx));
    },

    /** Replaces the block settings. Call inside the transaction of its audit entry. */
    async setBlockSettings(value: BlockSettings, userId: number, trx: Knex = knex): Promise<void> {
      await replace(trx, BLOCKS_KEY, value, userId);
    },

    /**
     * What the loaded county boundary says of the county: the first county feature's name and
     * code and the centre of the boundary's extent (lon/lat), or undefined when there is none.
     */
    async countyBoundary(trx: Knex = knex): Promise<{ name: string; adminCode: string; centre: [number, number] } | undefined> {
      const row = (await trx('admin_areas')
        .where({ level: 'county' })
        .orderBy('id')
        .first(
          'name',
          'admin_code',
          trx.raw('ST_X(ST_Centroid(ST_Envelope(geom))) AS lon'),
          trx.raw('ST_Y(ST_Centroid(ST_Envelope(geom))) AS lat'),
        )) as { name: string; admin_code: string; lon: number; lat: number } | undefined;
      return row && { name: row.name, adminCode: row.admin_code, centre: [Number(row.lon), Number(row.lat)] };
    },

    /** The indicator targets the county has set (only those; the ruleset supplies the rest). */
    async indicatorTargets(trx: Knex = knex): Promise<IndicatorTargetsPatch> {
      return storedIndicatorTargets(await read(INDICATORS_KEY, trx));
    },

    /** Sets some indicator targets, keeping the others (merged in one statement, as the widths). */
    async setIndicatorTargets(patch: IndicatorTargetsPatch, userId: number, trx: Knex = knex): Promise<void> {
      await trx.raw(
        `INSERT INTO county_settings (key, value, updated_at, updated_by) VALUES (?, ?::jsonb, now(), ?)
         ON CONFLICT (key) DO UPDATE
           SET value = county_settings.value || EXCLUDED.value, updated_at = now(), updated_by = EXCLUDED.updated_by,
               version = county_settings.version + 1`,
        [INDICATORS_KEY, JSON.stringify(patch), userId],
      );
    },
  };
}

export type SettingsRepository = ReturnType<typeof createSettingsRepository>;
